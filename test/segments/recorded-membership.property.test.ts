// Admin reads answer from the recorded members when they are exact (segments/recorded.ts). After
// generated sequences of ingestion (customers, orders one at a time and in bulk), segment edits
// and time passing (the process's clock moved, the jobs running as main.ts runs them), and with
// every write read back from the database:
// - at every moment, caught up or not, memberCount, members, totalCount and Customer.segments
//   answer exactly the rule's members now (over the whole base);
// - once the jobs have caught up, every segment answers from its record (RECORDED), and the
//   record (SegmentMember) is exactly the rule's members: a customer whose "last order within 30
//   days" expires has left it, one who meets a rule by time alone has entered it.
import { encodeGlobalID } from '@pothos/plugin-relay';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prisma, query } from '../../src/db/client.js';
import { decodeGlobalId } from '../../src/schema/global-ids.js';
import { asSegmentRule, memberIds } from '../../src/segments/membership.js';
import { systemClock } from '../../src/shared/clock.js';
import { sql } from '@cohort/plugin-sdk';
import { conditionParams, now } from '../support/condition-params.js';
import { eventually } from '../support/eventually.js';
import type { TestClient } from '../support/http.js';
import { moveClock, serveWithJobsAt } from '../support/moving-clock.js';
import { registry } from '../support/registry.js';

const DAY = 86_400_000;
const CUSTOMERS = 3;
const SEGMENTS = 2;

/** Rules over what ingestion and time change: order windows (rolling and fixed), order counts, days since the last order, the category; combined. */
const leaf = fc.oneof(
  ...['amountSpent', 'orderCount', 'lastOrder', 'customerCategory'].map((type) =>
    (conditionParams[type] as fc.Arbitrary<unknown>).map((params) => ({ condition: { [type]: JSON.parse(JSON.stringify(params)) as unknown } })),
  ),
);
const rule: fc.Arbitrary<unknown> = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('node'), { minLength: 1, maxLength: 2 }).map((and) => ({ and })),
    fc.array(tie('node'), { minLength: 1, maxLength: 2 }).map((or) => ({ or })),
    tie('node').map((not) => ({ not })),
  ),
})).node;

const customer = fc.integer({ min: 0, max: CUSTOMERS - 1 });
/** An order of a run's customer; the same `order` again rewrites it (its amount, date, status, even its customer). */
const order = fc.record({
  customer,
  order: fc.integer({ min: 0, max: 4 }),
  amount: fc.integer({ min: 1_000, max: 40_000 }),
  daysAgo: fc.constantFrom(0, 1, 2, 29, 30, 31, 89, 90, 364),
  status: fc.constantFrom('VALIDATED', 'VALIDATED', 'CANCELLED', 'PENDING', 'REFUNDED'),
});
type Order = typeof order extends fc.Arbitrary<infer T> ? T : never;
const step = fc.oneof(
  order.map((spec) => ({ kind: 'order' as const, orders: [spec] })),
  fc.array(order, { minLength: 2, maxLength: 5 }).map((orders) => ({ kind: 'bulk' as const, orders })),
  fc.record({ kind: fc.constant('customer' as const), customer, category: fc.constantFrom('retail', 'vip', 'wholesale') }),
  fc.record({ kind: fc.constant('edit' as const), segment: fc.integer({ min: 0, max: SEGMENTS - 1 }), rule }),
  fc.record({ kind: fc.constant('time' as const), days: fc.constantFrom(0, 1, 2, 29, 30, 31, 90, 365), ms: fc.constantFrom(1, 3_600_000) }),
);

let client: TestClient;
let stop: () => Promise<void>;
/** The frozen clock: it only moves forward, across runs too (the jobs of earlier runs' customers stay due). */
let clockAt = now.getTime();
let run = 0;

beforeAll(async () => {
  const served = await serveWithJobsAt(now);
  client = served.client;
  stop = served.stop;
  await client.ok('mutation ($input: ProductInput!) { upsertProduct(input: $input) { __typename } }', {
    input: { sku: 'REC-ITEM', name: 'Item', price: { amount: 1_000, currency: 'USD' } },
  });
});
afterAll(() => stop());

const orderInput = (prefix: string, spec: Order) => ({
  externalId: `${prefix}-o${spec.order}`,
  customer: { externalId: `${prefix}-c${spec.customer}` },
  status: spec.status,
  placedAt: new Date(clockAt - spec.daysAgo * DAY).toISOString(),
  currency: 'USD',
  lines: [{ sku: 'REC-ITEM', quantity: 1, unitPrice: spec.amount }],
});

/** The rule's members now, over the whole base, in id order: what every answer must be. */
async function evaluated(segmentId: string): Promise<string[]> {
  const segment = await prisma.segment.findUniqueOrThrow({ where: { id: segmentId } });
  return memberIds(asSegmentRule(segment, registry), registry, systemClock, { limit: 100_000, inverted: false });
}

const recorded = async (segmentId: string) =>
  (await query<{ customerId: string }>(sql`SELECT "customerId" FROM "SegmentMember" WHERE "segmentId" = ${segmentId}`)).map((row) => row.customerId).sort();

const SEGMENT_ANSWERS = `query ($id: ID!) { node(id: $id) { ... on Segment { id membershipSource memberCount members(first: 50) { totalCount edges { node { id } } } } } }`;
const CUSTOMER_SEGMENTS = `query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Customer { id segments { id } } } }`;

/** Every answer is the rule's members now; returns the sources the segments answered from. */
async function answersAgree(segments: string[], customers: string[], label: string): Promise<string[]> {
  const answers: { id: string; membershipSource: string; memberCount: number; members: { totalCount: number; edges: { node: { id: string } }[] } }[] = [];
  for (const id of segments) answers.push((await client.ok(SEGMENT_ANSWERS, { id })).node);
  const members = new Map<string, string[]>();
  for (const answer of answers) {
    const expected = await evaluated(decodeGlobalId(answer.id).id);
    members.set(answer.id, expected);
    const at = `${label}: ${answer.id} (${answer.membershipSource})`;
    expect(answer.memberCount, at).toBe(expected.length);
    expect(answer.members.totalCount, at).toBe(expected.length);
    expect(
      answer.members.edges.map((edge) => edge.node.id),
      at,
    ).toEqual(expected.slice(0, 50).map((id) => encodeGlobalID('Customer', id)));
  }
  const ofCustomers = (await client.ok(CUSTOMER_SEGMENTS, { ids: customers })).nodes as { id: string; segments: { id: string }[] }[];
  for (const answer of ofCustomers) {
    const expected = segments.filter((segment) => members.get(segment)?.includes(decodeGlobalId(answer.id).id));
    expect(answer.segments.map((segment) => segment.id).sort(), `${label}: segments of ${answer.id}`).toEqual(expected.sort());
  }
  return answers.map((answer) => answer.membershipSource);
}

/** Once the jobs have caught up, every segment answers from its record, and the record is the rule's members. */
async function recordAgrees(segments: string[], customers: string[], label: string): Promise<void> {
  await eventually(async () => expect(await answersAgree(segments, customers, label)).toEqual(segments.map(() => 'RECORDED')));
  for (const segment of segments) {
    const id = decodeGlobalId(segment).id;
    expect(await recorded(id), `${label}: the record of ${segment}`).toEqual((await evaluated(id)).sort());
  }
}

describe('recorded membership', () => {
  it('is the rule evaluated, after ingestion, edits, bulk writes and time passing; and every answer is, caught up or not', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(rule, { minLength: SEGMENTS, maxLength: SEGMENTS }), fc.array(step, { minLength: 1, maxLength: 8 }), async (rules, steps) => {
        run += 1;
        const prefix = `rec${run}`;
        const customers: string[] = [];
        for (let index = 0; index < CUSTOMERS; index += 1) {
          const data = await client.ok(
            'mutation ($input: CustomerInput!) { upsertCustomer(input: $input) { ... on MutationUpsertCustomerSuccess { data { customer { id } } } } }',
            { input: { externalId: `${prefix}-c${index}`, registeredAt: new Date(clockAt - DAY).toISOString() } },
          );
          customers.push(data.upsertCustomer.data.customer.id as string);
        }
        const segments: string[] = [];
        for (const [index, drawn] of rules.entries()) {
          const data = await client.ok(
            'mutation ($input: CreateSegmentInput!) { createSegment(input: $input) { ... on MutationCreateSegmentSuccess { data { segment { id } } } } }',
            { input: { name: `${prefix} segment ${index}`, rule: drawn } },
          );
          segments.push(data.createSegment.data.segment.id as string);
        }
        try {
          await recordAgrees(segments, customers, 'created');
          for (const [index, taken] of steps.entries()) {
            const label = `step ${index} ${JSON.stringify(taken)}`;
            if (taken.kind === 'order')
              await client.ok('mutation ($input: OrderInput!) { upsertOrder(input: $input) { __typename } }', { input: orderInput(prefix, taken.orders[0]!) });
            else if (taken.kind === 'bulk')
              await client.ok('mutation ($input: UpsertOrdersInput!) { upsertOrders(input: $input) { __typename } }', {
                input: { orders: taken.orders.map((spec) => orderInput(prefix, spec)) },
              });
            else if (taken.kind === 'customer')
              await client.ok('mutation ($input: CustomerInput!) { upsertCustomer(input: $input) { __typename } }', {
                input: { externalId: `${prefix}-c${taken.customer}`, category: taken.category },
              });
            else if (taken.kind === 'edit')
              await client.ok('mutation ($input: UpdateSegmentInput!) { updateSegment(input: $input) { __typename } }', {
                input: { id: segments[taken.segment], rule: taken.rule },
              });
            else {
              clockAt += taken.days * DAY + taken.ms;
              moveClock(new Date(clockAt));
            }
            // Right away (the jobs may not have run: the answers are evaluated then), then once they have.
            await answersAgree(segments, customers, `${label}, at once`);
            await recordAgrees(segments, customers, label);
          }
        } finally {
          for (const segment of segments) await client.ok('mutation ($id: ID!) { deleteSegment(input: { id: $id }) { __typename } }', { id: segment });
        }
      }),
      { numRuns: Math.ceil(Number(process.env.PROPERTY_RUNS ?? 25) / 2) },
    );
  }, 240_000);
});
