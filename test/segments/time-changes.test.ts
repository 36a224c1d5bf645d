// Time makes changes too: a customer who entered "spent more than $300 in the last 365 days"
// with an order leaves it when that order leaves the window, at that moment (recorded with
// cause TIME at the due time, by the due-time loop, with no reconciliation run); a customer
// moves on the retention spectrum at the boundary Customer.retention announced.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runJobs, type JobRunner } from '../../src/jobs/jobs.js';
import { cohortTasks } from '../../src/jobs/tasks.js';
import { systemClock } from '../../src/shared/clock.js';
import { MembershipTracker } from '../../src/segments/tracking.js';
import { createTestClient, type TestClient } from '../support/http.js';
import { registry } from '../support/registry.js';
import { startReceiver, type Receiver } from '../support/webhook-receiver.js';
import { webhookDelivery } from '../support/runtime.js';
import { eventually } from '../support/eventually.js';

const DAY = 86_400_000;
const start = new Date('2026-01-10T08:00:00Z');
// The injected clock is the process's Date, frozen and moved by the test: graphile-worker (on
// PostgreSQL) compares due times with Node's time, as Cohort's clock does.
const clock = { set: (to: string) => vi.setSystemTime(new Date(to)) };
const at = (offset: number) => new Date(start.getTime() + offset).toISOString();

let client: TestClient;
let jobs: JobRunner;
let receiver: Receiver;
const customerIds = new Map<string, string>();
const customer = async (externalId: string) => {
  const data = await client.ok(
    'mutation ($input: CustomerInput!) { upsertCustomer(input: $input) { ... on MutationUpsertCustomerSuccess { data { customer { id } } } } }',
    { input: { externalId, registeredAt: at(-DAY) } },
  );
  customerIds.set(externalId, data.upsertCustomer.data.customer.id);
};
const order = (externalId: string, customerRef: string, amount: number, placedAt: string) =>
  client.ok('mutation ($input: OrderInput!) { upsertOrder(input: $input) { __typename } }', {
    input: {
      externalId,
      customer: { externalId: customerRef },
      status: 'VALIDATED',
      placedAt,
      currency: 'USD',
      lines: [{ sku: 'TIME-ITEM', quantity: 1, unitPrice: amount }],
    },
  });
const history = async (externalId: string) =>
  (
    await client.ok(`query ($id: ID!) { node(id: $id) { ... on Customer { segmentHistory { segment { name } entered at cause } } } }`, {
      id: customerIds.get(externalId),
    })
  ).node.segmentHistory;
const segment = (name: string, rule: unknown) =>
  client.ok(`mutation ($input: CreateSegmentInput!) { createSegment(input: $input) { __typename } }`, { input: { name, rule } });

/** Waits for `check` to pass (support/eventually.ts), and says how long it took: printed, never asserted (a busy machine is slower). */
async function timed(check: () => Promise<void>): Promise<number> {
  const begun = performance.now();
  await eventually(check);
  return Math.round(performance.now() - begun);
}

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(start);
  client = await createTestClient({ clock: systemClock });
  // The jobs as main.ts runs them (graphile-worker on PostgreSQL, in-process on PGlite), looking for due jobs every 100 ms (500 ms by default).
  jobs = await runJobs(cohortTasks(new MembershipTracker(registry, systemClock), systemClock, webhookDelivery()), {
    clock: systemClock,
    concurrency: 2,
    pollMs: 100,
  });
  await client.ok(
    'mutation ($input: ProductInput!) { upsertProduct(input: $input) { ... on MutationUpsertProductSuccess { data { product { sku } } } ... on Error { message } } }',
    { input: { sku: 'TIME-ITEM', name: 'Item', price: { amount: 1_000, currency: 'USD' } } },
  );
  await segment('Spent more than $300 in the last 365 days', {
    condition: { amountSpent: { amount: { moreThan: { amount: 30_000, currency: 'USD' } }, within: { lastDays: 365 } } },
  });
  await segment('Drifting', { condition: { retentionStage: { stages: ['DRIFTING'] } } });
  // A receiver for the exits, verifying signatures (with the same frozen clock as the sender).
  receiver = await startReceiver();
  const hook = await client.ok(
    `mutation ($url: String!) { createWebhookEndpoint(input: { url: $url, eventTypes: [SEGMENT_LEFT] }) { ... on MutationCreateWebhookEndpointSuccess { data { secret } } } }`,
    { url: receiver.url },
  );
  receiver.secret = hook.createWebhookEndpoint.data.secret;
});
afterAll(async () => {
  await jobs.stop();
  await receiver.close();
  vi.useRealTimers();
});

describe('time-driven membership changes', () => {
  it('lets a customer leave a rolling window when the order that got them in leaves it, at that moment, with no batch run', async () => {
    await customer('time-alice');
    await order('TIME-1', 'time-alice', 35_000, at(0));
    expect((await history('time-alice')).filter((change: { segment: { name: string } }) => change.segment.name.startsWith('Spent'))).toEqual([
      { segment: { name: 'Spent more than $300 in the last 365 days' }, entered: true, at: at(0), cause: 'INGESTION' },
    ]);
    // At 365 days exactly the order is still in the window…
    clock.set(at(365 * DAY));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(
      (await history('time-alice')).some(
        (change: { entered: boolean; segment: { name: string } }) => !change.entered && change.segment.name.startsWith('Spent'),
      ),
    ).toBe(false);
    // …and one millisecond later it is not: the exit is recorded at that moment, by time.
    clock.set(at(365 * DAY + 1));
    const took = await timed(async () => {
      expect((await history('time-alice')).find((change: { segment: { name: string } }) => change.segment.name.startsWith('Spent'))).toEqual({
        segment: { name: 'Spent more than $300 in the last 365 days' },
        entered: false,
        at: at(365 * DAY + 1),
        cause: 'TIME',
      });
    });
    console.log(`time-driven exit recorded ${took} ms after it was due`);
    // …and sent as a signed segment.left webhook.
    await eventually(async () => {
      expect(
        receiver.received.map((request) => [request.payload.type, request.payload.data.customer.externalId, request.payload.data.cause, request.verified]),
      ).toEqual([['segment.left', 'time-alice', 'TIME', true]]);
    });
  });

  it('moves a customer to Drifting at the moment Customer.retention announced', async () => {
    clock.set(at(400 * DAY));
    await customer('time-bob');
    await order('TIME-2', 'time-bob', 1_000, at(400 * DAY));
    const retention = (
      await client.ok(`query ($id: ID!) { node(id: $id) { ... on Customer { retention { stage nextStageAt } } } }`, { id: customerIds.get('time-bob') })
    ).node.retention;
    expect(retention.stage).toBe('ACTIVE');
    clock.set(retention.nextStageAt);
    await eventually(async () => {
      expect((await history('time-bob')).find((change: { segment: { name: string } }) => change.segment.name === 'Drifting')).toEqual({
        segment: { name: 'Drifting' },
        entered: true,
        at: retention.nextStageAt,
        cause: 'TIME',
      });
    });
    // Nothing was left for the reconciliation to correct.
    expect(
      (
        await client.ok(
          `mutation { reconcileSegmentMemberships { ... on MutationReconcileSegmentMembershipsSuccess { data { corrected } } ... on Error { message } } }`,
        )
      ).reconcileSegmentMemberships.data.corrected,
    ).toBe(0);
  });
});
