// When admin reads answer from the recorded members, and when they evaluate the rule
// (docs/concepts.md#recorded-membership): a new or edited segment is evaluated until the
// membership.schedule pass has run, then recorded; a segment whose conditions change outside
// tracking (RFM scores), and a static segment, are always evaluated; the export says which.
import { sql } from '@cohort/plugin-sdk';
import pg from 'pg';
import { decodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { database, query } from '../../src/db/client.js';
import { MembershipTracker, promiseTracking } from '../../src/segments/tracking.js';
import { createServer } from '../../src/server/yoga.js';
import { systemClock } from '../../src/shared/clock.js';
import { createTestClient, type TestClient } from '../support/http.js';
import { registry } from '../support/registry.js';

const SOURCE = `query ($id: ID!) { node(id: $id) { ... on Segment { membershipSource memberCount } } }`;
const CREATE = `mutation ($input: CreateSegmentInput!) { createSegment(input: $input) { ... on MutationCreateSegmentSuccess { data { segment { id } } } } }`;
const UPDATE = `mutation ($input: UpdateSegmentInput!) { updateSegment(input: $input) { __typename } }`;
const category = (...categories: string[]) => ({ condition: { customerCategory: { categories } } });

let client: TestClient;
const pass = () => new MembershipTracker(registry, systemClock).scheduleDueTimes();
const create = async (name: string, rule: unknown, kind = 'DYNAMIC') =>
  (await client.ok(CREATE, { input: { name, rule, kind } })).createSegment.data.segment.id as string;
const source = async (id: string) => (await client.ok(SOURCE, { id })).node as { membershipSource: string; memberCount: number };

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-03-01T10:00:00Z'));
  client = await createTestClient({ clock: systemClock });
  for (const [externalId, category] of [
    ['rec-ann', 'vip'],
    ['rec-bob', 'retail'],
    ['rec-cy', 'vip'],
  ])
    await client.ok('mutation ($input: CustomerInput!) { upsertCustomer(input: $input) { __typename } }', { input: { externalId, category } });
});
afterAll(() => vi.useRealTimers());

describe('recorded membership', () => {
  it('is used once the pass after a creation or an edit has run, and not before', async () => {
    const id = await create('Recorded: VIPs', category('vip'));
    expect(await source(id)).toEqual({ membershipSource: 'EVALUATED', memberCount: 2 });
    await pass();
    expect(await source(id)).toEqual({ membershipSource: 'RECORDED', memberCount: 2 });
    await client.ok(UPDATE, { input: { id, rule: category('vip', 'retail') } });
    expect(await source(id)).toEqual({ membershipSource: 'EVALUATED', memberCount: 3 });
    await pass();
    expect(await source(id)).toEqual({ membershipSource: 'RECORDED', memberCount: 3 });
    // A new name keeps the rule: still recorded.
    await client.ok(UPDATE, { input: { id, name: 'Recorded: VIPs and retail' } });
    expect((await source(id)).membershipSource).toBe('RECORDED');
  });

  it('is not used for a rule whose conditions change outside tracking, nor for a static segment', async () => {
    const scored = await create('Recorded: champions', { condition: { rfmScore: { currency: 'USD', recency: { atLeast: 4 } } } });
    const listed = await create('Recorded: a list', category('vip'), 'STATIC');
    await pass();
    expect((await source(scored)).membershipSource).toBe('EVALUATED');
    expect(await source(listed)).toEqual({ membershipSource: 'EVALUATED', memberCount: 2 });
  });

  it('is what the export reads, and says so', async () => {
    const id = await create('Recorded: export', category('retail'));
    const yoga = createServer({ registry, clock: systemClock });
    const download = () => yoga.fetch(`http://cohort.test/export/segments/${id}/members.csv`, { headers: { authorization: `Bearer ${client.keys.admin}` } });
    const before = await download();
    expect(before.headers.get('cohort-membership-source')).toBe('EVALUATED');
    const evaluated = await before.text();
    await pass();
    const after = await download();
    expect(after.headers.get('cohort-membership-source')).toBe('RECORDED');
    expect(await after.text()).toBe(evaluated);
    expect(evaluated.trim().split('\n')).toHaveLength(2);
  });
});

describe('a change a write promised to track', () => {
  // A customer written with the promise to track them (promiseTracking), as ingestion does, whose tracking has not run yet:
  // the moment between a write's commit and its tracking, when a reconciliation or the schedule pass may get there first.
  const write = (externalId: string, category: string, promised: boolean) =>
    database.transaction(async (read) => {
      const [row] = await read<{ id: string }>(sql`UPDATE "Customer" SET category = ${category} WHERE "externalId" = ${externalId} RETURNING id`);
      if (promised) await promiseTracking(read, [row!.id]);
    });
  const changes = (globalId: string) =>
    query<{ externalId: string; entered: boolean; cause: string }>(sql`
      SELECT c."externalId", e.entered, e.cause::text AS cause FROM "SegmentMembershipEvent" e JOIN "Customer" c ON c.id = e."customerId"
      WHERE e."segmentId" = ${decodeGlobalID(globalId).id} ORDER BY e.id`);

  it("keeps the write's cause when the reconciliation gets there first; a change nobody promised is the reconciliation's", async () => {
    const id = await create('Promised: gold', category('gold'));
    await pass();
    await write('rec-bob', 'gold', true);
    await write('rec-cy', 'gold', false);
    const { bySegment } = await new MembershipTracker(registry, systemClock).reconcile();
    expect(bySegment.find((change) => change.segmentId === decodeGlobalID(id).id)).toMatchObject({ entered: 2, left: 0 });
    expect(await changes(id)).toEqual(
      expect.arrayContaining([
        { externalId: 'rec-bob', entered: true, cause: 'INGESTION' },
        { externalId: 'rec-cy', entered: true, cause: 'RECONCILIATION' },
      ]),
    );
    expect(await changes(id)).toHaveLength(2);
  });

  it("keeps the write's cause when the schedule pass gets there first", async () => {
    // A rule time can change, so that the pass tracks every customer again.
    const id = await create('Promised: platinum, no order today', {
      and: [category('platinum'), { not: { condition: { orderCount: { count: { atLeast: 1 }, within: { lastDays: 1 } } } } }],
    });
    await write('rec-ann', 'platinum', true);
    expect((await pass()).customers).toBeGreaterThan(0);
    expect(await changes(id)).toEqual([{ externalId: 'rec-ann', entered: true, cause: 'INGESTION' }]);
  });

  it.runIf(database.target.kind === 'postgres')(
    'records a member again when a reconciliation deleting them commits while their tracking waits (PostgreSQL: two connections)',
    async () => {
      const id = await create('Race: gold', category('gold'));
      const segmentId = decodeGlobalID(id).id;
      const [bob] = await query<{ id: string }>(sql`SELECT id FROM "Customer" WHERE "externalId" = 'rec-bob'`);
      const members = () => query<{ customerId: string }>(sql`SELECT "customerId" FROM "SegmentMember" WHERE "segmentId" = ${segmentId}`);
      expect((await members()).map((row) => row.customerId)).toContain(bob!.id);
      // A segment's reconciliation that read bob before his write, deleting his membership, not committed yet.
      const other = new pg.Client({ connectionString: (database.target as { url: string }).url });
      await other.connect();
      try {
        await other.query('BEGIN');
        await other.query(`DELETE FROM "SegmentMember" WHERE "segmentId" = $1 AND "customerId" = $2`, [segmentId, bob!.id]);
        // His tracking, meanwhile: he is a member by his data, and what it reads still shows the row the other is deleting.
        const tracked = new MembershipTracker(registry, systemClock).trackCustomers([bob!.id], 'INGESTION');
        await new Promise((resolve) => setTimeout(resolve, 300));
        await other.query('COMMIT');
        expect((await tracked).untracked).toBe(0);
      } finally {
        await other.end();
      }
      expect((await members()).map((row) => row.customerId)).toContain(bob!.id);
    },
  );
});
