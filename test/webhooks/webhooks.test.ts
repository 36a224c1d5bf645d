// Webhooks as a shop receives them: a real HTTP receiver verifies every request's signature
// with the `standardwebhooks` package. An order that makes a customer enter "spent more than
// $300 in the last 365 days" sends one signed `segment.entered`; a receiver that answers 500
// three times gets the event on the fourth try, with the same webhook-id each time and the
// backoff recorded; an endpoint whose delivery fails every try is disabled with the reason,
// and redelivered by hand once re-enabled; redemptions, rollbacks, limits and budgets are
// sent; secrets are encrypted at rest; bad input gets typed errors. The jobs run as main.ts
// runs them: graphile-worker on PostgreSQL, in-process on PGlite.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { database, prisma } from '../../src/db/client.js';
import { enqueue, runJobs, type JobRunner } from '../../src/jobs/jobs.js';
import { cohortTasks } from '../../src/jobs/tasks.js';
import { MEMBERSHIP_DUE, MembershipTracker } from '../../src/segments/tracking.js';
import { systemClock } from '../../src/shared/clock.js';
import { createTestClient, type TestClient } from '../support/http.js';
import { registry } from '../support/registry.js';
import { startReceiver, type Receiver } from '../support/webhook-receiver.js';
import { webhookDelivery } from '../support/runtime.js';
import { eventually } from '../support/eventually.js';

let client: TestClient;
let jobs: JobRunner;
let receiver: Receiver;

const ENDPOINT_FIELDS = 'id url enabled disabledReason eventTypes';
async function endpoint(eventTypes: string[], url = receiver.url) {
  const data = await client.ok(
    `mutation ($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { ... on MutationCreateWebhookEndpointSuccess { data { secret endpoint { ${ENDPOINT_FIELDS} } } } ... on Error { __typename message } } }`,
    { input: { url, eventTypes, description: 'test receiver' } },
  );
  receiver.secret = data.createWebhookEndpoint.data.secret;
  return data.createWebhookEndpoint.data.endpoint as { id: string; enabled: boolean };
}

const DELIVERIES = `query ($id: ID!) { node(id: $id) { ... on WebhookEndpoint { enabled disabledReason deliveries(first: 20) { edges { node { id status attemptCount failureReason event { id type payload }
  attempts { number manual responseStatus error backoffMs nextAttemptAt at durationMs } } } } } } }`;
const deliveries = async (endpointId: string) => (await client.ok(DELIVERIES, { id: endpointId })).node;

const customer = (externalId: string) =>
  client.ok('mutation ($input: CustomerInput!) { upsertCustomer(input: $input) { __typename } }', { input: { externalId } });
const order = (externalId: string, customerRef: string, amount: number) =>
  client.ok('mutation ($input: OrderInput!) { upsertOrder(input: $input) { __typename } }', {
    input: {
      externalId,
      customer: { externalId: customerRef },
      status: 'VALIDATED',
      placedAt: new Date().toISOString(),
      currency: 'USD',
      lines: [{ sku: 'HOOK-ITEM', quantity: 1, unitPrice: amount }],
    },
  });

beforeAll(async () => {
  client = await createTestClient();
  // A held request stays open until its test releases it (no try here ends by timing out), so
  // that what runs while every delivery worker waits is told apart by order, not by time.
  jobs = await runJobs(cohortTasks(new MembershipTracker(registry, systemClock), systemClock, { ...webhookDelivery(), timeoutMs: 120_000 }), {
    clock: systemClock,
    concurrency: 4,
    pollMs: 50,
    sweepMs: 500,
  });
  receiver = await startReceiver();
  await client.ok(
    'mutation ($input: ProductInput!) { upsertProduct(input: $input) { ... on MutationUpsertProductSuccess { data { product { sku } } } ... on Error { message } } }',
    { input: { sku: 'HOOK-ITEM', name: 'Item', price: { amount: 10_000, currency: 'USD' } } },
  );
  await client.ok(`mutation ($input: CreateSegmentInput!) { createSegment(input: $input) { __typename } }`, {
    input: {
      name: 'Spent more than $300 in the last 365 days',
      rule: { condition: { amountSpent: { amount: { moreThan: { amount: 30_000, currency: 'USD' } }, within: { lastDays: 365 } } } },
    },
  });
});

afterAll(async () => {
  await jobs.stop();
  await receiver.close();
});

beforeEach(async () => {
  // Each test registers the endpoints it needs.
  await prisma.webhookEndpoint.deleteMany();
  receiver.received = [];
  receiver.answer = () => 200;
});

describe('webhooks', () => {
  it('sends one signed segment.entered when an order makes a customer enter a segment', async () => {
    const hook = await endpoint(['SEGMENT_ENTERED', 'SEGMENT_LEFT']);
    await customer('hook-alice');
    await order('HOOK-1', 'hook-alice', 20_000);
    // $200: not in yet. Nothing is sent for orders that change no segment.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.received).toEqual([]);
    await order('HOOK-2', 'hook-alice', 15_000);
    await eventually(() => expect(receiver.received).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.received).toHaveLength(1);
    const [hookCall] = receiver.received;
    expect(hookCall?.verified).toBe(true);
    expect(hookCall?.id).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(hookCall?.payload).toMatchObject({
      type: 'segment.entered',
      data: { segment: { name: 'Spent more than $300 in the last 365 days' }, customer: { externalId: 'hook-alice' }, cause: 'INGESTION' },
    });
    // The payload's IDs are the API's: the receiver can look them up.
    const looked = await client.ok(`query ($id: ID!) { node(id: $id) { ... on Segment { name } } }`, { id: hookCall?.payload.data.segment.id });
    expect(looked.node.name).toBe('Spent more than $300 in the last 365 days');
    const log = await eventually(async () => {
      const state = await deliveries(hook.id);
      expect(state.deliveries.edges[0].node.status).toBe('SUCCEEDED');
      return state;
    });
    expect(log.deliveries.edges[0].node).toMatchObject({
      attemptCount: 1,
      event: { id: hookCall?.id, type: 'SEGMENT_ENTERED' },
      attempts: [{ number: 1, responseStatus: 200, manual: false, backoffMs: null }],
    });
  });

  it('gets the event to a receiver that answers 500 three times on the fourth try, with the same webhook-id and the backoff recorded', async () => {
    const hook = await endpoint(['SEGMENT_ENTERED']);
    receiver.answer = (_request, n) => (n <= 3 ? 500 : 204);
    await customer('hook-bob');
    await order('HOOK-3', 'hook-bob', 40_000);
    await eventually(() => expect(receiver.received).toHaveLength(4));
    expect(new Set(receiver.received.map((request) => request.id)).size).toBe(1);
    expect(receiver.received.every((request) => request.verified)).toBe(true);
    // The tries were spaced by the schedule (200 ms, 400 ms, 800 ms in the tests; 5 s … 10 h by default).
    const gaps = receiver.received.slice(1).map((request, index) => request.at - (receiver.received[index]?.at ?? 0));
    gaps.forEach((gap, index) => expect(gap).toBeGreaterThanOrEqual([200, 400, 800][index] as number));
    const delivery = await eventually(async () => {
      const edge = (await deliveries(hook.id)).deliveries.edges[0].node;
      expect(edge.status).toBe('SUCCEEDED');
      return edge;
    });
    expect(delivery.attempts.map((attempt: { responseStatus: number; backoffMs: number | null }) => [attempt.responseStatus, attempt.backoffMs])).toEqual([
      [500, 200],
      [500, 400],
      [500, 800],
      [204, null],
    ]);
    expect((await deliveries(hook.id)).enabled).toBe(true);
  });

  it('disables an endpoint whose delivery failed every try, says why, and redelivers by hand once it is enabled again', async () => {
    const hook = await endpoint(['SEGMENT_ENTERED']);
    receiver.answer = () => 503;
    await customer('hook-carol');
    await order('HOOK-4', 'hook-carol', 40_000);
    const state = await eventually(async () => {
      const current = await deliveries(hook.id);
      expect(current.enabled).toBe(false);
      return current;
    });
    expect(receiver.received).toHaveLength(4);
    expect(state.disabledReason).toMatch(/failed all 4 tries; the last: HTTP 503/);
    const failed = state.deliveries.edges[0].node;
    expect(failed).toMatchObject({ status: 'FAILED', attemptCount: 4, failureReason: 'HTTP 503' });
    // Redelivery waits for the endpoint to be enabled.
    const refused = await client.request(
      `mutation ($input: RedeliverWebhookInput!) { redeliverWebhook(input: $input) { __typename ... on Error { message } } }`,
      { input: { delivery: failed.id } },
    );
    expect(refused.data?.redeliverWebhook.__typename).toBe('ConflictError');
    receiver.answer = () => 200;
    await client.ok(`mutation ($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { __typename } }`, {
      input: { id: hook.id, enabled: true },
    });
    await client.ok(`mutation ($input: RedeliverWebhookInput!) { redeliverWebhook(input: $input) { __typename } }`, { input: { delivery: failed.id } });
    await eventually(() => expect(receiver.received).toHaveLength(5));
    expect(receiver.received[4]?.id).toBe(receiver.received[0]?.id);
    const redelivered = await eventually(async () => {
      const edge = (await deliveries(hook.id)).deliveries.edges[0].node;
      expect(edge.status).toBe('SUCCEEDED');
      return edge;
    });
    expect(redelivered.attempts.at(-1)).toMatchObject({ number: 5, manual: true, responseStatus: 200 });
  });

  it('tries an endpoint one delivery at a time, and disables it at once when it answers 410 Gone, failing its pending deliveries with the reason', async () => {
    const hook = await endpoint(['SEGMENT_ENTERED']);
    // Six deliveries pending, four delivery workers free: the endpoint still gets one request at a time.
    receiver.answer = () => 'hold';
    for (let index = 0; index < 6; index += 1) {
      await customer(`hook-gone-${index}`);
      await order(`HOOK-GONE-${index}`, `hook-gone-${index}`, 40_000);
    }
    await eventually(() => expect(receiver.received).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.received).toHaveLength(1);
    receiver.answer = () => 410;
    receiver.release(410);
    const state = await eventually(async () => {
      const current = await deliveries(hook.id);
      expect(current.enabled).toBe(false);
      expect(current.deliveries.edges.map((edge: { node: { status: string } }) => edge.node.status)).toEqual(Array(6).fill('FAILED'));
      return current;
    });
    expect(state.disabledReason).toMatch(/410 Gone/);
    expect(
      state.deliveries.edges.filter((edge: { node: { failureReason: string } }) => /The endpoint was disabled: .*410 Gone/.test(edge.node.failureReason)),
    ).toHaveLength(5);
    // The request received is in the log, and no other was made.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const attempts = (await deliveries(hook.id)).deliveries.edges.flatMap((edge: { node: { attempts: { responseStatus: number }[] } }) => edge.node.attempts);
    expect(attempts.map((attempt: { responseStatus: number }) => attempt.responseStatus)).toEqual([410]);
    expect(receiver.received).toHaveLength(1);
  });

  it.runIf(database.target.kind === 'postgres')(
    "releases a job, and its endpoint's queue, that a live worker pool holds without running it (a result lost to a database error)",
    async () => {
      const hook = await endpoint(['SEGMENT_ENTERED']);
      receiver.answer = () => 'hold';
      await customer('hook-lost-0');
      await order('HOOK-LOST-0', 'hook-lost-0', 40_000);
      await eventually(() => expect(receiver.received).toHaveLength(1));
      const sql = (text: string, values: unknown[] = []) => database.query<Record<string, string>>({ text, values });
      const [running] = await sql(
        `SELECT locked_by AS pool, queue_name AS queue FROM graphile_worker.jobs WHERE locked_at IS NOT NULL AND queue_name IS NOT NULL`,
      );
      receiver.answer = () => 200;
      receiver.release(200);
      await eventually(async () => expect((await deliveries(hook.id)).deliveries.edges[0].node.status).toBe('SUCCEEDED'));
      // As if that pool had fetched the endpoint's next job and lost the answer: the queue and a job locked in its name, by a pool still alive.
      await sql(`UPDATE graphile_worker._private_job_queues SET locked_by = $1, locked_at = now() - interval '10 seconds' WHERE queue_name = $2 RETURNING id`, [
        running?.pool,
        running?.queue,
      ]);
      await customer('hook-lost-1');
      await order('HOOK-LOST-1', 'hook-lost-1', 40_000);
      await sql(
        `UPDATE graphile_worker._private_jobs SET locked_by = $1, locked_at = now() - interval '10 seconds' WHERE key LIKE 'webhook-delivery:%' RETURNING id`,
        [running?.pool],
      );
      // Released within seconds (graphile-worker alone would wait 4 hours): the pool is replaced and what it held unlocked.
      await eventually(() => expect(receiver.received).toHaveLength(2), 20_000);
      expect(receiver.received[1]?.payload.data.customer.externalId).toBe('hook-lost-1');
    },
  );

  it('sends redemption.created, promotion.limit_reached, promotion.budget_spent and redemption.rolled_back from the transactions that cause them', async () => {
    await endpoint(['REDEMPTION_CREATED', 'REDEMPTION_ROLLED_BACK', 'PROMOTION_LIMIT_REACHED', 'PROMOTION_BUDGET_SPENT']);
    const promotion = async (input: Record<string, unknown>) =>
      (
        await client.ok(
          `mutation ($input: CreatePromotionInput!) { createPromotion(input: $input) { ... on MutationCreatePromotionSuccess { data { promotion { id } } } } }`,
          {
            input: { status: 'ACTIVE', currency: 'USD', effects: [{ amountOff: { amount: 1_000 } }], ...input },
          },
        )
      ).createPromotion.data.promotion.id as string;
    const limited = await promotion({ name: 'One only', usageLimit: 1 });
    const redeem = (orderRef: string) =>
      client.ok(
        `mutation ($input: RedeemInput!) { redeem(input: $input) { __typename } }`,
        { input: { orderRef, cart: { currency: 'USD', lines: [{ sku: 'HOOK-ITEM', quantity: 1 }] }, customer: { externalId: 'hook-alice' } } },
        'storefront',
      );
    await redeem('HOOK-ORDER-1');
    await eventually(() => expect(receiver.received.map((request) => request.payload.type).sort()).toEqual(['promotion.limit_reached', 'redemption.created']));
    const created = receiver.received.find((request) => request.payload.type === 'redemption.created');
    expect(created?.payload.data).toMatchObject({
      promotion: { id: limited, name: 'One only' },
      customer: { externalId: 'hook-alice' },
      redemption: { orderRef: 'HOOK-ORDER-1', discount: { amount: 1_000, currency: 'USD' }, status: 'APPLIED' },
    });
    expect(receiver.received.find((request) => request.payload.type === 'promotion.limit_reached')?.payload.data).toMatchObject({
      usageLimit: 1,
      redemptionCount: 1,
    });
    receiver.received = [];
    await client.ok(
      `mutation { rollbackRedemption(input: { orderRef: "HOOK-ORDER-1" }) { ... on MutationRollbackRedemptionSuccess { data { redemptions { status } } } ... on Error { message } } }`,
      {},
      'storefront',
    );
    await eventually(() => expect(receiver.received.map((request) => request.payload.type)).toEqual(['redemption.rolled_back']));
    expect(receiver.received[0]?.payload.data.redemption).toMatchObject({ status: 'ROLLED_BACK', orderRef: 'HOOK-ORDER-1' });

    // A budget of $15: the first order takes $10, the second the last $5 (spent: one event), the third gets nothing (no second event).
    await prisma.promotion.update({ where: { id: Buffer.from(limited, 'base64').toString().split(':')[1] as string }, data: { status: 'ARCHIVED' } });
    await promotion({ name: 'Budgeted', budget: 1_500 });
    receiver.received = [];
    await redeem('HOOK-ORDER-2');
    await redeem('HOOK-ORDER-3');
    await redeem('HOOK-ORDER-4');
    await eventually(() => expect(receiver.received.filter((request) => request.payload.type === 'redemption.created')).toHaveLength(2));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const spent = receiver.received.filter((request) => request.payload.type === 'promotion.budget_spent');
    expect(spent).toHaveLength(1);
    expect(spent[0]?.payload.data).toMatchObject({
      promotion: { name: 'Budgeted' },
      budget: { amount: 1_500, currency: 'USD' },
      discountGiven: { amount: 1_500, currency: 'USD' },
    });
  });

  it('keeps time-driven changes on time while receivers hang (each kind of job has workers of its own)', async () => {
    // Four endpoints that hang, one try each at a time: every delivery worker (4) waits on one.
    for (let index = 0; index < 4; index += 1) await endpoint(['SEGMENT_ENTERED']);
    receiver.answer = () => 'hold';
    for (let index = 0; index < 6; index += 1) {
      await customer(`hook-hang-${index}`);
      await order(`HOOK-HANG-${index}`, `hook-hang-${index}`, 40_000);
    }
    await eventually(() => expect(receiver.received).toHaveLength(4));
    // A membership the record lost, due now: re-evaluated at once all the same.
    const { id: customerId } = await prisma.customer.findUniqueOrThrow({ where: { externalId: 'hook-hang-0' } });
    await prisma.segmentMember.deleteMany({ where: { customerId } });
    const begun = performance.now();
    await enqueue(database.query, [{ task: MEMBERSHIP_DUE, payload: { customerId }, runAt: new Date(), key: `membership-due:${customerId}` }]);
    await eventually(async () => expect(await prisma.segmentMembershipEvent.count({ where: { customerId, cause: 'TIME' } })).toBe(1));
    // It ran while every delivery worker still waited on its request: none had been freed for it.
    expect(receiver.open).toBe(4);
    expect(receiver.received).toHaveLength(4);
    console.log(`due job run ${Math.round(performance.now() - begun)} ms after it was added, with every delivery worker busy`);
    await prisma.webhookEndpoint.deleteMany();
    receiver.release(200);
  });

  it('lets the due job of a customer erased meanwhile end without a trace or a retry', async () => {
    await customer('hook-erased');
    const { id: customerId } = await prisma.customer.findUniqueOrThrow({ where: { externalId: 'hook-erased' } });
    await prisma.customer.delete({ where: { id: customerId } });
    const key = `membership-due:${customerId}`;
    await enqueue(database.query, [{ task: MEMBERSHIP_DUE, payload: { customerId }, runAt: new Date(), key }]);
    const pending = async () =>
      Number(
        (database.target.kind === 'postgres'
          ? await database.query<{ count: number }>({ text: 'SELECT count(*)::int AS count FROM graphile_worker.jobs WHERE key = $1', values: [key] })
          : await database.query<{ count: number }>({ text: 'SELECT count(*)::int AS count FROM "LocalJob" WHERE key = $1', values: [key] }))[0]?.count,
      );
    expect(await pending()).toBe(1);
    await eventually(async () => expect(await pending()).toBe(0), 2_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await pending()).toBe(0);
    expect(await prisma.segmentMembershipEvent.count({ where: { customerId } })).toBe(0);
  });

  it('records a secret that does not decrypt (COHORT_SECRETS_KEY changed) as a failed try that says what to do', async () => {
    const hook = await endpoint(['SEGMENT_ENTERED']);
    await prisma.webhookEndpoint.updateMany({ data: { secretEncrypted: 'v1:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAA==:AAAA' } });
    await customer('hook-erin');
    await order('HOOK-6', 'hook-erin', 40_000);
    const attempt = await eventually(async () => {
      const [first] = (await deliveries(hook.id)).deliveries.edges[0].node.attempts;
      expect(first).toBeDefined();
      return first;
    });
    expect(attempt.error).toMatch(/does not decrypt with COHORT_SECRETS_KEY.*rotateWebhookSecret/);
    expect(receiver.received).toEqual([]);
  });

  it('keeps signing secrets encrypted at rest and shows them once', async () => {
    await endpoint(['SEGMENT_LEFT']);
    const stored = await prisma.webhookEndpoint.findFirstOrThrow();
    expect(stored.secretEncrypted).not.toContain(receiver.secret.slice('whsec_'.length, 20));
    expect(stored.secretEncrypted).toMatch(/^v1:/);
    const listed = await client.request(`{ webhookEndpoints { edges { node { url } } } }`, {}, 'storefront');
    expect(listed.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('answers bad input with typed errors naming the field, and writes nothing', async () => {
    const create = (input: Record<string, unknown>) =>
      client.request(`mutation ($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { __typename } }`, { input });
    const cases: [Record<string, unknown>, string][] = [
      [{ url: 'ftp://example.com/hooks', eventTypes: ['SEGMENT_ENTERED'] }, 'url'],
      [{ url: 'not a url', eventTypes: ['SEGMENT_ENTERED'] }, 'url'],
      [{ url: 'https://example.com/\u0000', eventTypes: ['SEGMENT_ENTERED'] }, 'url'],
      [{ url: `https://example.com/${'a'.repeat(3_000)}`, eventTypes: ['SEGMENT_ENTERED'] }, 'url'],
      [{ url: 'https://example.com/hooks', eventTypes: [] }, 'eventTypes'],
      [{ url: 'https://example.com/hooks', eventTypes: ['SEGMENT_ENTERED'], description: 'x'.repeat(600) }, 'description'],
    ];
    for (const [input, field] of cases) {
      const result = await create(input);
      expect(result.errors?.[0]?.extensions?.code, JSON.stringify(result)).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(result.errors?.[0]?.extensions?.issues), JSON.stringify(input).slice(0, 80)).toContain(field);
    }
    const unknown = await client.request(`mutation { redeliverWebhook(input: { delivery: "V2ViaG9va0RlbGl2ZXJ5Om5vbmU=" }) { __typename } }`);
    expect(unknown.data?.redeliverWebhook.__typename).toBe('NotFoundError');
    expect(await prisma.webhookEndpoint.count()).toBe(0);
  });
});
