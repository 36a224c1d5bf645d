// The webhook outbox: events are written in the transaction of the change that causes them,
// with a delivery to each enabled endpoint that takes their type and a `webhook.deliver` job
// for each delivery (jobs/jobs.ts) in its endpoint's queue, so that a crash loses none and a
// rollback sends none.
// An event no endpoint takes is not written.
import { sql, type Sql } from '@cohort/plugin-sdk';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { v7 as uuidv7 } from 'uuid';
import type { QueryRows } from '../db/sql.js';
import { enqueue } from '../jobs/jobs.js';

export const WEBHOOK_EVENT_TYPES = {
  'segment.entered': 'A customer entered a dynamic segment (data: segment, customer, cause, at).',
  'segment.left': 'A customer left a dynamic segment (data: segment, customer, cause, at).',
  'redemption.created': 'A promotion was redeemed for an order (data: redemption, promotion, customer).',
  'redemption.rolled_back': 'A redemption was rolled back: its order was cancelled (data: redemption, promotion, customer).',
  'promotion.limit_reached': "A redemption used a promotion's last redemption (data: promotion, usageLimit, redemptionCount).",
  'promotion.budget_spent': "A redemption spent the rest of a promotion's budget (data: promotion, budget, discountGiven).",
  'customer.erased': 'A customer was erased (data: customer { id }, the global ID earlier events carried, and at): forget what you hold about them.',
  'experiment.significant':
    "A running experiment's results first showed an effect, positive or negative, on revenue net of discount (data: experiment, promotion, verdict, exposed, netRevenuePerCustomer, incrementalNetRevenue, at).",
  'experiment.srm_detected':
    "A running experiment's arms first showed a sample ratio mismatch: the split or the exposure recording is broken (data: as experiment.significant).",
} as const;

export type WebhookEventType = keyof typeof WEBHOOK_EVENT_TYPES;

export interface OutboxEvent {
  type: WebhookEventType;
  at: Date;
  data: Record<string, unknown>;
}

export const WEBHOOK_DELIVER = 'webhook.deliver';

/** An endpoint's deliveries run one at a time, in every process together: an endpoint that hangs holds one worker at most. */
export const endpointQueue = (endpointId: string) => `webhook:${endpointId}`;

/**
 * The job that makes one try at a delivery: the next of its schedule (one pending per delivery),
 * or a manual one (redeliverWebhook: a key of its own, so that it leaves the schedule alone).
 */
export const deliveryJob = (deliveryId: string, endpointId: string, runAt: Date, manual = false) => ({
  task: WEBHOOK_DELIVER,
  payload: { deliveryId, manual },
  runAt,
  key: `webhook-delivery:${deliveryId}${manual ? ':manual' : ''}`,
  queue: endpointQueue(endpointId),
});

interface SubscribedEndpoint {
  id: string;
  eventTypes: string[];
  /** While its circuit is open, its new deliveries wait as its pending ones do. */
  circuitOpenUntil: Date | null;
}

/**
 * The enabled endpoints and the event types they take, read in the caller's transaction. Each
 * is held (KEY SHARE) until the caller's deliveries to it are written; one being deleted is
 * skipped rather than waited for, so a deletion neither fails nor holds up a checkout.
 */
export async function subscribedEndpoints(read: QueryRows): Promise<SubscribedEndpoint[]> {
  return read<SubscribedEndpoint>(
    sql`SELECT id, to_json("eventTypes") AS "eventTypes", "circuitOpenUntil" FROM "WebhookEndpoint" WHERE "disabledAt" IS NULL FOR KEY SHARE SKIP LOCKED`,
  );
}

type Endpoints = SubscribedEndpoint[];
const typesOf = (endpoints: Endpoints) => new Set(endpoints.flatMap((endpoint) => endpoint.eventTypes));

/**
 * Writes `events` to the outbox through `read` (the transaction of the change that caused
 * them): each event once, a delivery to each enabled endpoint that takes its type (ids in time
 * order, UUIDv7, for the delivery log), and a job for each delivery.
 */
export async function emitEvents(read: QueryRows, events: OutboxEvent[], endpoints?: Endpoints): Promise<void> {
  if (events.length === 0) return;
  endpoints ??= await subscribedEndpoints(read);
  const written = events
    .map((event) => ({
      ...event,
      id: `msg_${uuidv7().replaceAll('-', '')}`,
      endpoints: endpoints.filter((endpoint) => endpoint.eventTypes.includes(event.type)),
    }))
    .filter((event) => event.endpoints.length > 0);
  if (written.length === 0) return;
  const deliveries = written.flatMap((event) =>
    event.endpoints.map((endpoint) => ({
      id: uuidv7(),
      eventId: event.id,
      endpointId: endpoint.id,
      at: event.at,
      firstTryAt: endpoint.circuitOpenUntil && endpoint.circuitOpenUntil > event.at ? endpoint.circuitOpenUntil : event.at,
    })),
  );
  await read(sql`
    INSERT INTO "WebhookEvent" (id, type, payload, "createdAt")
    SELECT * FROM unnest(${written.map((event) => event.id)}::text[], ${written.map((event) => event.type)}::text[],
      ${written.map((event) => JSON.stringify({ type: event.type, timestamp: event.at.toISOString(), data: event.data }))}::jsonb[], ${written.map((event) => event.at.toISOString())}::timestamp[])
    RETURNING id`);
  await read(sql`
    INSERT INTO "WebhookDelivery" (id, "eventId", "endpointId", "nextAttemptAt", "createdAt")
    SELECT d.id, d.event_id, d.endpoint_id, d.first_try_at, d.at FROM unnest(${deliveries.map((delivery) => delivery.id)}::text[], ${deliveries.map((delivery) => delivery.eventId)}::text[],
      ${deliveries.map((delivery) => delivery.endpointId)}::text[], ${deliveries.map((delivery) => delivery.at.toISOString())}::timestamp[],
      ${deliveries.map((delivery) => delivery.firstTryAt.toISOString())}::timestamp[]) AS d(id, event_id, endpoint_id, at, first_try_at)
    RETURNING id`);
  await enqueue(
    read,
    deliveries.map((delivery) => deliveryJob(delivery.id, delivery.endpointId, delivery.firstTryAt)),
  );
}

// ─── Payloads ────────────────────────────────────────────────────────────────
// IDs are the API's global IDs, so a receiver can fetch the object with `node(id:)`.

/** The references payloads carry (global ID, name or external ID) for the ids given: one statement per kind, none without ids. */
async function references(read: QueryRows, ids: { segments?: Iterable<string>; customers?: Iterable<string | null>; promotions?: Iterable<string> }) {
  const rowsById = async <Row extends { id: string }>(given: Iterable<string | null> | undefined, statement: (list: string[]) => Sql) => {
    const list = [...new Set([...(given ?? [])].filter((id): id is string => id !== null))];
    return new Map((list.length > 0 ? await read<Row>(statement(list)) : []).map((row) => [row.id, row]));
  };
  // One after the other: a transaction's statements share its connection.
  const segments = await rowsById<{ id: string; name: string }>(ids.segments, (list) => sql`SELECT id, name FROM "Segment" WHERE id = ANY(${list}::text[])`);
  const customers = await rowsById<{ id: string; externalId: string }>(
    ids.customers,
    (list) => sql`SELECT id, "externalId" FROM "Customer" WHERE id = ANY(${list}::text[])`,
  );
  const promotions = await rowsById<{ id: string; name: string }>(
    ids.promotions,
    (list) => sql`SELECT id, name FROM "Promotion" WHERE id = ANY(${list}::text[])`,
  );
  return {
    segment: (id: string) => ({ id: encodeGlobalID('Segment', id), name: segments.get(id)?.name ?? '' }),
    promotion: (id: string) => ({ id: encodeGlobalID('Promotion', id), name: promotions.get(id)?.name ?? '' }),
    customer: (id: string | null) => {
      const customer = id ? customers.get(id) : undefined;
      return customer ? { id: encodeGlobalID('Customer', customer.id), externalId: customer.externalId } : null;
    },
  };
}

export interface MembershipChangeRow {
  segmentId: string;
  customerId: string;
  entered: boolean;
  at: Date;
  cause: string;
}

/** `segment.entered` and `segment.left` for recorded membership changes, if an endpoint takes them. */
export async function emitMembershipEvents(read: QueryRows, changes: MembershipChangeRow[]): Promise<void> {
  if (changes.length === 0) return;
  const endpoints = await subscribedEndpoints(read);
  const types = typesOf(endpoints);
  const wanted = changes.filter((change) => types.has(change.entered ? 'segment.entered' : 'segment.left'));
  if (wanted.length === 0) return;
  const refs = await references(read, { segments: wanted.map((change) => change.segmentId), customers: wanted.map((change) => change.customerId) });
  await emitEvents(
    read,
    wanted.map((change) => ({
      type: change.entered ? 'segment.entered' : 'segment.left',
      at: change.at,
      data: {
        segment: refs.segment(change.segmentId),
        customer: refs.customer(change.customerId),
        cause: change.cause,
        at: change.at.toISOString(),
      },
    })),
    endpoints,
  );
}

export interface RedemptionRow {
  id: string;
  promotionId: string;
  customerId: string | null;
  orderRef: string;
  status: string;
  currency: string;
  discountAmount: number;
  orderTotal: number;
  redeemedAt: Date;
  rolledBackAt: Date | null;
}

/**
 * A promotion that a redemption used up: its last redemption, or the rest of its budget (the
 * pricing gives the order that reaches a budget what is left, so a budget is spent exactly).
 */
export type UsedUp = { promotionId: string; at: Date; currency: string } & (
  { kind: 'limit'; usageLimit: number; redemptionCount: number } | { kind: 'budget'; budget: number; discountGiven: number }
);

/** `redemption.created` or `redemption.rolled_back` for each redemption, and what they used up, if an endpoint takes them. */
export async function emitRedemptionEvents(
  read: QueryRows,
  type: 'redemption.created' | 'redemption.rolled_back',
  redemptions: RedemptionRow[],
  usedUp: UsedUp[] = [],
): Promise<void> {
  if (redemptions.length === 0) return;
  const endpoints = await subscribedEndpoints(read);
  const types = typesOf(endpoints);
  const wanted = types.has(type) ? redemptions : [];
  const used = usedUp.filter((entry) => types.has(entry.kind === 'limit' ? 'promotion.limit_reached' : 'promotion.budget_spent'));
  if (wanted.length === 0 && used.length === 0) return;
  const refs = await references(read, { promotions: [...wanted, ...used].map((row) => row.promotionId), customers: wanted.map((row) => row.customerId) });
  const money = (amount: number, currency: string) => ({ amount, currency });
  await emitEvents(
    read,
    [
      ...wanted.map((row) => ({
        type,
        at: row.rolledBackAt ?? row.redeemedAt,
        data: {
          redemption: {
            id: encodeGlobalID('Redemption', row.id),
            orderRef: row.orderRef,
            status: row.status,
            discount: money(row.discountAmount, row.currency),
            orderTotal: money(row.orderTotal, row.currency),
            redeemedAt: row.redeemedAt.toISOString(),
            rolledBackAt: row.rolledBackAt?.toISOString() ?? null,
          },
          promotion: refs.promotion(row.promotionId),
          customer: refs.customer(row.customerId),
        },
      })),
      ...used.map((entry): OutboxEvent =>
        entry.kind === 'limit'
          ? {
              type: 'promotion.limit_reached',
              at: entry.at,
              data: { promotion: refs.promotion(entry.promotionId), usageLimit: entry.usageLimit, redemptionCount: entry.redemptionCount },
            }
          : {
              type: 'promotion.budget_spent',
              at: entry.at,
              data: {
                promotion: refs.promotion(entry.promotionId),
                budget: money(entry.budget, entry.currency),
                discountGiven: money(entry.discountGiven, entry.currency),
              },
            },
      ),
    ],
    endpoints,
  );
}

/** `customer.erased`, if an endpoint takes it: only the global ID every earlier event about the customer carried (docs/privacy.md). */
export async function emitCustomerErased(read: QueryRows, customerGlobalId: string, at: Date): Promise<void> {
  await emitEvents(read, [{ type: 'customer.erased', at, data: { customer: { id: customerGlobalId }, at: at.toISOString() } }]);
}
