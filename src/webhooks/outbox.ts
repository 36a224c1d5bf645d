// The webhook outbox: events are written in the transaction of the change that causes them,
// with a delivery to each enabled endpoint that takes their type and a `webhook.deliver` job
// for each delivery (jobs/jobs.ts), so that a crash loses none and a rollback sends none.
// An event no endpoint takes is not written.
import { randomUUID } from 'node:crypto';
import { sql } from '@cohort/plugin-sdk';
import { encodeGlobalID } from '@pothos/plugin-relay';
import type { QueryRows } from '../db/sql.js';
import { enqueue } from '../jobs/jobs.js';

export const WEBHOOK_EVENT_TYPES = {
  'segment.entered': 'A customer entered a dynamic segment (data: segment, customer, cause, at).',
  'segment.left': 'A customer left a dynamic segment (data: segment, customer, cause, at).',
  'redemption.created': 'A promotion was redeemed for an order (data: redemption, promotion, customer).',
  'redemption.rolled_back': 'A redemption was rolled back: its order was cancelled (data: redemption, promotion, customer).',
  'promotion.limit_reached': "A redemption used a promotion's last redemption (data: promotion, usageLimit, redemptionCount).",
  'promotion.budget_spent': "A redemption spent the rest of a promotion's budget (data: promotion, budget, discountGiven).",
} as const;

export type WebhookEventType = keyof typeof WEBHOOK_EVENT_TYPES;

export interface OutboxEvent {
  type: WebhookEventType;
  at: Date;
  data: Record<string, unknown>;
}

export const WEBHOOK_DELIVER = 'webhook.deliver';

/** The job that makes one try at a delivery (one pending per delivery). */
export const deliveryJob = (deliveryId: string, runAt: Date, manual = false) => ({ task: WEBHOOK_DELIVER, payload: { deliveryId, manual }, runAt, key: `webhook-delivery:${deliveryId}` });

/** The event types some enabled endpoint takes, read in the caller's transaction. */
export async function subscribedTypes(read: QueryRows): Promise<Set<string>> {
  const rows = await read<{ type: string }>(sql`SELECT DISTINCT unnest("eventTypes") AS type FROM "WebhookEndpoint" WHERE "disabledAt" IS NULL`);
  return new Set(rows.map((row) => row.type));
}

/** Writes `events` to the outbox through `read` (the transaction of the change that caused them). */
export async function emitEvents(read: QueryRows, events: OutboxEvent[]): Promise<void> {
  if (events.length === 0) return;
  const ids = events.map(() => `msg_${randomUUID().replaceAll('-', '')}`);
  const deliveries = await read<{ id: string; runAt: Date }>(sql`
    WITH input AS (
      SELECT * FROM unnest(${ids}::text[], ${events.map((event) => event.type)}::text[], ${events.map((event) => JSON.stringify({ type: event.type, timestamp: event.at.toISOString(), data: event.data }))}::jsonb[], ${events.map((event) => event.at.toISOString())}::timestamp[]) AS e(id, type, payload, at)
    ),
    endpoints AS (SELECT id, "eventTypes" FROM "WebhookEndpoint" WHERE "disabledAt" IS NULL),
    events AS (
      INSERT INTO "WebhookEvent" (id, type, payload, "createdAt")
      SELECT i.id, i.type, i.payload, i.at FROM input i WHERE EXISTS (SELECT 1 FROM endpoints p WHERE i.type = ANY(p."eventTypes"))
      RETURNING id, type, "createdAt"
    ),
    deliveries AS (
      INSERT INTO "WebhookDelivery" (id, "eventId", "endpointId", "nextAttemptAt", "createdAt")
      SELECT gen_random_uuid()::text, e.id, p.id, e."createdAt", e."createdAt" FROM events e JOIN endpoints p ON e.type = ANY(p."eventTypes")
      RETURNING id, "nextAttemptAt"
    )
    SELECT id, "nextAttemptAt" AS "runAt" FROM deliveries`);
  await enqueue(read, deliveries.map((delivery) => deliveryJob(delivery.id, delivery.runAt)));
}

// ─── Payloads ────────────────────────────────────────────────────────────────
// IDs are the API's global IDs, so a receiver can fetch the object with `node(id:)`.

export const customerData = (customer: { id: string; externalId: string } | null) => (customer ? { id: encodeGlobalID('Customer', customer.id), externalId: customer.externalId } : null);
export const segmentData = (segment: { id: string; name: string }) => ({ id: encodeGlobalID('Segment', segment.id), name: segment.name });
export const promotionData = (promotion: { id: string; name: string }) => ({ id: encodeGlobalID('Promotion', promotion.id), name: promotion.name });

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
  const types = await subscribedTypes(read);
  const wanted = changes.filter((change) => types.has(change.entered ? 'segment.entered' : 'segment.left'));
  if (wanted.length === 0) return;
  // One after the other: a transaction's statements share its connection.
  const segments = await read<{ id: string; name: string }>(sql`SELECT id, name FROM "Segment" WHERE id = ANY(${[...new Set(wanted.map((change) => change.segmentId))]}::text[])`);
  const customers = await read<{ id: string; externalId: string }>(sql`SELECT id, "externalId" FROM "Customer" WHERE id = ANY(${[...new Set(wanted.map((change) => change.customerId))]}::text[])`);
  const segmentById = new Map(segments.map((segment) => [segment.id, segment]));
  const customerById = new Map(customers.map((customer) => [customer.id, customer]));
  await emitEvents(
    read,
    wanted.map((change) => ({
      type: change.entered ? 'segment.entered' : 'segment.left',
      at: change.at,
      data: {
        segment: segmentData(segmentById.get(change.segmentId) ?? { id: change.segmentId, name: '' }),
        customer: customerData(customerById.get(change.customerId) ?? null),
        cause: change.cause,
        at: change.at.toISOString(),
      },
    })),
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
 * A promotion that a checkout used up: its last redemption, or its budget (spent exactly, or
 * `refused`: what is left could not cover a discount; sent once until a rollback gives some back).
 */
export type UsedUp = { promotionId: string; at: Date; currency: string } & ({ kind: 'limit'; usageLimit: number; redemptionCount: number } | { kind: 'budget'; budget: number; discountGiven: number; refused?: boolean });

/** `redemption.created` or `redemption.rolled_back` for each redemption, and what they used up, if an endpoint takes them. */
export async function emitRedemptionEvents(read: QueryRows, type: 'redemption.created' | 'redemption.rolled_back', redemptions: RedemptionRow[], usedUp: UsedUp[] = []): Promise<void> {
  if (redemptions.length === 0 && usedUp.length === 0) return;
  const types = await subscribedTypes(read);
  const wanted = types.has(type) ? redemptions : [];
  const used: UsedUp[] = [];
  for (const entry of usedUp) {
    if (!types.has(entry.kind === 'limit' ? 'promotion.limit_reached' : 'promotion.budget_spent')) continue;
    if (entry.kind === 'budget' && entry.refused && (await budgetSpentAlreadySaid(read, entry.promotionId))) continue;
    used.push(entry);
  }
  if (wanted.length === 0 && used.length === 0) return;
  const promotions = new Map(
    (await read<{ id: string; name: string }>(sql`SELECT id, name FROM "Promotion" WHERE id = ANY(${[...new Set([...wanted, ...used].map((row) => row.promotionId))]}::text[])`)).map((row) => [row.id, row]),
  );
  const customerIds = [...new Set(wanted.map((row) => row.customerId).filter((id): id is string => id !== null))];
  const customers = new Map(
    (customerIds.length > 0 ? await read<{ id: string; externalId: string }>(sql`SELECT id, "externalId" FROM "Customer" WHERE id = ANY(${customerIds}::text[])`) : []).map((row) => [row.id, row]),
  );
  const promotion = (id: string) => promotionData(promotions.get(id) ?? { id, name: '' });
  const money = (amount: number, currency: string) => ({ amount, currency });
  await emitEvents(read, [
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
        promotion: promotion(row.promotionId),
        customer: customerData(row.customerId ? (customers.get(row.customerId) ?? null) : null),
      },
    })),
    ...used.map((entry): OutboxEvent =>
      entry.kind === 'limit'
        ? { type: 'promotion.limit_reached', at: entry.at, data: { promotion: promotion(entry.promotionId), usageLimit: entry.usageLimit, redemptionCount: entry.redemptionCount } }
        : { type: 'promotion.budget_spent', at: entry.at, data: { promotion: promotion(entry.promotionId), budget: money(entry.budget, entry.currency), discountGiven: money(entry.discountGiven, entry.currency) } },
    ),
  ]);
}

/** Whether `promotion.budget_spent` was written for the promotion since a rollback last gave budget back (its row is locked by the caller). */
async function budgetSpentAlreadySaid(read: QueryRows, promotionId: string): Promise<boolean> {
  const [row] = await read<{ said: boolean }>(sql`
    SELECT EXISTS (
      SELECT 1 FROM "WebhookEvent" e WHERE e.type = 'promotion.budget_spent' AND e.payload #>> '{data,promotion,id}' = ${encodeGlobalID('Promotion', promotionId)}
        AND e."createdAt" >= COALESCE((SELECT max("rolledBackAt") FROM "Redemption" WHERE "promotionId" = ${promotionId}), '-infinity'::timestamp)
    ) AS said`);
  return row?.said === true;
}
