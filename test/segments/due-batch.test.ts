// Many customers due at once are tracked together: the first due job to run takes the others due
// by then (claimDueJobs), records their time-driven exits with it, and replaces their jobs.
import { raw, sql } from '@cohort/plugin-sdk';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { database, query } from '../../src/db/client.js';
import { claimDueJobs, enqueue, pendingJobKeys } from '../../src/jobs/jobs.js';
import { cohortTasks } from '../../src/jobs/tasks.js';
import { MEMBERSHIP_DUE, MembershipTracker } from '../../src/segments/tracking.js';
import { systemClock } from '../../src/shared/clock.js';
import { createTestClient, type TestClient } from '../support/http.js';
import { registry } from '../support/registry.js';
import { webhookDelivery } from '../support/runtime.js';

const DAY = 86_400_000;
const start = new Date('2026-02-01T09:00:00Z');
const CUSTOMERS = ['due-a', 'due-b', 'due-c', 'due-d'];
let client: TestClient;

const exits = () =>
  query<{ externalId: string; cause: string }>(sql`
    SELECT c."externalId", e.cause::text AS cause FROM "SegmentMembershipEvent" e JOIN "Customer" c ON c.id = e."customerId"
    WHERE NOT e.entered AND c."externalId" LIKE 'due-%' ORDER BY c."externalId"`);

/** A customer with one order placed at `placedAt`: in "Ordered in the last 30 days" until 30 days after it. */
async function customerWithOrder(externalId: string, placedAt: Date): Promise<void> {
  await client.ok('mutation ($input: CustomerInput!) { upsertCustomer(input: $input) { __typename } }', { input: { externalId } });
  await client.ok('mutation ($input: OrderInput!) { upsertOrder(input: $input) { __typename } }', {
    input: {
      externalId: `${externalId}-order`,
      customer: { externalId },
      status: 'VALIDATED',
      placedAt: placedAt.toISOString(),
      currency: 'USD',
      lines: [{ sku: 'DUE-ITEM', quantity: 1, unitPrice: 1_000 }],
    },
  });
}

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(start);
  client = await createTestClient({ clock: systemClock });
  await client.ok(`mutation ($input: ProductInput!) { upsertProduct(input: $input) { __typename } }`, {
    input: { sku: 'DUE-ITEM', name: 'Item', price: { amount: 1_000, currency: 'USD' } },
  });
  await client.ok(`mutation ($input: CreateSegmentInput!) { createSegment(input: $input) { __typename } }`, {
    input: { name: 'Ordered in the last 30 days', rule: { condition: { orderCount: { count: { atLeast: 1 }, within: { lastDays: 30 } } } } },
  });
  for (const externalId of CUSTOMERS) await customerWithOrder(externalId, start);
});
afterAll(() => vi.useRealTimers());

describe('customers due at once', () => {
  it('are tracked by the first due job that runs, and their jobs replaced', async () => {
    expect(await exits()).toEqual([]);
    // Past the end of their 30 days: every one of them is due.
    vi.setSystemTime(new Date(start.getTime() + 30 * DAY + 60_000));
    const due = async () => (await query<{ key: string }>(pendingJobKeys(MEMBERSHIP_DUE, new Date(), 'cause'))).map((row) => row.key);
    expect(await due()).toHaveLength(CUSTOMERS.length);
    const [first] = await query<{ id: string }>(sql`SELECT id FROM "Customer" WHERE "externalId" = ${CUSTOMERS[0]}`);
    const tasks = cohortTasks(new MembershipTracker(registry, systemClock), systemClock, webhookDelivery());
    await tasks[MEMBERSHIP_DUE]!({ customerId: first!.id });
    expect(await exits()).toEqual(CUSTOMERS.map((externalId) => ({ externalId, cause: 'TIME' })));
    // Nothing more can change them by time alone: no job is due, or pending, for them.
    expect(await due()).toEqual([]);
  });

  it('claims only due jobs nothing else claimed, and marks them so that they still count as work not done', async () => {
    const now = new Date();
    const past = new Date(now.getTime() - 60_000);
    await database.transaction((read) =>
      enqueue(read, [
        { task: 'test.claim', payload: { n: 1 }, runAt: past, key: 'claim-1' },
        { task: 'test.claim', payload: { n: 2 }, runAt: past, key: 'claim-2' },
        { task: 'test.claim', payload: { n: 3, cause: 'INGESTION' }, runAt: past, key: 'claim-3' },
        { task: 'test.claim', payload: { n: 4 }, runAt: new Date(now.getTime() + DAY), key: 'claim-4' },
      ]),
    );
    const claim = () =>
      claimDueJobs(database.query, 'test.claim', { dueBy: now, until: new Date(now.getTime() + 60_000), limit: 10 }, { field: 'cause', value: 'TIME' });
    const claimed = await claim();
    expect(claimed.map((payload) => payload.n).sort()).toEqual([1, 2]);
    expect(claimed.every((payload) => !('cause' in payload))).toBe(true);
    // Moved on, yet still pending work: marked with their cause.
    const pending = await query<{ key: string }>(pendingJobKeys('test.claim', now, 'cause'));
    expect([...new Set(pending.map((row) => row.key))].sort()).toEqual(['claim-1', 'claim-2', 'claim-3']);
    expect(await claim()).toEqual([]);
  });

  it('retries a failed pass customer by customer, so that one who cannot be tracked holds up no other', async () => {
    const now = Date.now();
    const customerIdOf = async (externalId: string) => (await query<{ id: string }>(sql`SELECT id FROM "Customer" WHERE "externalId" = ${externalId}`))[0]!.id;
    // Two more customers whose orders leave the 30 days a few seconds from now.
    for (const externalId of ['due-poisoned', 'due-healthy']) await customerWithOrder(externalId, new Date(now - 30 * DAY + 5_000));
    const [poisoned, healthy] = [await customerIdOf('due-poisoned'), await customerIdOf('due-healthy')];
    vi.setSystemTime(new Date(now + 10_000));
    // Recording anything of the poisoned customer fails, as a fact loader that throws for one customer would.
    await query(sql`CREATE FUNCTION refuse_poisoned() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
      IF NEW."customerId" = ${raw(`'${poisoned}'`)} THEN RAISE EXCEPTION 'cannot track them'; END IF; RETURN NEW; END $$`);
    await query(sql`CREATE TRIGGER refuse_poisoned BEFORE INSERT ON "SegmentMembershipEvent" FOR EACH ROW EXECUTE FUNCTION refuse_poisoned()`);
    try {
      const tasks = cohortTasks(new MembershipTracker(registry, systemClock), systemClock, webhookDelivery());
      // The healthy customer's job takes the poisoned one with it: the pass fails, and both are to be retried, each naming its cause.
      await tasks[MEMBERSHIP_DUE]!({ customerId: healthy });
      expect((await exits()).map((exit) => exit.externalId)).not.toContain('due-healthy');
      const retries = await query<{ key: string }>(pendingJobKeys(MEMBERSHIP_DUE, new Date(0), 'cause'));
      expect(retries.map((row) => row.key)).toEqual(expect.arrayContaining([`membership-due:${poisoned}`, `membership-due:${healthy}`]));
      // Retried alone, the healthy customer is tracked; the poisoned one is not, and is retried again.
      vi.setSystemTime(new Date(now + 80_000));
      await tasks[MEMBERSHIP_DUE]!({ customerId: healthy, cause: 'TIME' });
      await tasks[MEMBERSHIP_DUE]!({ customerId: poisoned, cause: 'TIME' });
      const exited = (await exits()).map((exit) => exit.externalId);
      expect(exited).toContain('due-healthy');
      expect(exited).not.toContain('due-poisoned');
    } finally {
      await query(sql`DROP TRIGGER refuse_poisoned ON "SegmentMembershipEvent"`);
      await query(sql`DROP FUNCTION refuse_poisoned()`);
    }
  });
});
