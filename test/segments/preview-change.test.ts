// previewSegmentChange: before an admin saves a new rule, who would enter and who would leave,
// computed over the whole base; nothing is saved. Customers here spent $40, $80, $120 and $200.
import { beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/shared/clock.js';
import { createTestClient, type TestClient } from '../support/http.js';

const now = new Date('2026-06-15T12:00:00Z');
let client: TestClient;
const spent = (moreThan: number) => ({ condition: { amountSpent: { amount: { moreThan: { amount: moreThan, currency: 'USD' } } } } });
const PREVIEW = `query ($segment: ID!, $rule: SegmentRuleInput!) { previewSegmentChange(segment: $segment, rule: $rule) {
  ... on QueryPreviewSegmentChangeSuccess { data { currentCount newCount entering leaving staying ruleDescription enteringSample { externalId } leavingSample { externalId } } }
  ... on Error { __typename message }
} }`;
const ids = (customers: { externalId: string }[]) => customers.map((customer) => customer.externalId);

let dynamic: string;
let frozen: string;

beforeAll(async () => {
  client = await createTestClient({ clock: fixedClock(now) });
  await client.ok(
    'mutation ($input: ProductInput!) { upsertProduct(input: $input) { ... on MutationUpsertProductSuccess { data { product { sku } } } ... on Error { message } } }',
    { input: { sku: 'PV-ITEM', name: 'Item', price: { amount: 1_000, currency: 'USD' } } },
  );
  for (const customer of ['pv-40', 'pv-80', 'pv-120', 'pv-200', 'pv-late'])
    await client.ok('mutation ($input: CustomerInput!) { upsertCustomer(input: $input) { __typename } }', { input: { externalId: customer } });
  for (const [customer, amount] of [
    ['pv-40', 4_000],
    ['pv-80', 8_000],
    ['pv-120', 12_000],
    ['pv-200', 20_000],
  ] as const) {
    await client.ok('mutation ($input: OrderInput!) { upsertOrder(input: $input) { __typename ... on Error { message } } }', {
      input: {
        externalId: `PV-${customer}`,
        customer: { externalId: customer },
        status: 'VALIDATED',
        placedAt: '2026-06-01T00:00:00Z',
        currency: 'USD',
        lines: [{ sku: 'PV-ITEM', quantity: 1, unitPrice: amount }],
      },
    });
  }
  const create = async (name: string, kind: string, rule: unknown) =>
    (
      await client.ok(
        `mutation ($input: CreateSegmentInput!) { createSegment(input: $input) { ... on MutationCreateSegmentSuccess { data { segment { id } } } } }`,
        { input: { name, kind, rule } },
      )
    ).createSegment.data.segment.id;
  dynamic = await create('Spent more than $100', 'DYNAMIC', spent(10_000));
  frozen = await create('Frozen: spent more than $100', 'STATIC', spent(10_000));
});

describe('previewSegmentChange', () => {
  it('counts who enters, leaves and stays, with samples, when a threshold moves', async () => {
    const lower = (await client.ok(PREVIEW, { segment: dynamic, rule: spent(5_000) })).previewSegmentChange.data;
    expect(lower).toMatchObject({ currentCount: 2, newCount: 3, entering: 1, leaving: 0, staying: 2, leavingSample: [] });
    expect(ids(lower.enteringSample)).toEqual(['pv-80']);
    expect(lower.ruleDescription).toContain('$50.00');
    // $120.00 is not more than $120.00: pv-120 leaves (exclusive bound).
    const higher = (await client.ok(PREVIEW, { segment: dynamic, rule: spent(12_000) })).previewSegmentChange.data;
    expect(higher).toMatchObject({ currentCount: 2, newCount: 1, entering: 0, leaving: 1, staying: 1 });
    expect(ids(higher.leavingSample)).toEqual(['pv-120']);
    const other = (await client.ok(PREVIEW, { segment: dynamic, rule: { not: spent(10_000) } })).previewSegmentChange.data;
    // Everyone else enters, pv-late (registered, no order yet) included.
    expect(other).toMatchObject({ entering: 3, leaving: 2, staying: 0 });
    expect(ids(other.enteringSample).sort()).toEqual(['pv-40', 'pv-80', 'pv-late']);
  });

  it('saves nothing', async () => {
    const data = await client.ok(`query ($id: ID!) { node(id: $id) { ... on Segment { memberCount } } }`, { id: dynamic });
    expect(data.node.memberCount).toBe(2);
  });

  it('compares a static segment against its stored members', async () => {
    await client.ok('mutation ($input: OrderInput!) { upsertOrder(input: $input) { __typename ... on Error { message } } }', {
      input: {
        externalId: 'PV-late',
        customer: { externalId: 'pv-late' },
        status: 'VALIDATED',
        placedAt: '2026-06-10T00:00:00Z',
        currency: 'USD',
        lines: [{ sku: 'PV-ITEM', quantity: 1, unitPrice: 30_000 }],
      },
    });
    // The stored snapshot has pv-120 and pv-200; the same rule now also holds pv-late, who would enter on refresh.
    const same = (await client.ok(PREVIEW, { segment: frozen, rule: spent(10_000) })).previewSegmentChange.data;
    expect(same).toMatchObject({ currentCount: 2, newCount: 3, entering: 1, leaving: 0 });
    expect(ids(same.enteringSample)).toEqual(['pv-late']);
  });

  it('refuses a bad rule naming the field, and an unknown segment', async () => {
    const bad = await client.request(PREVIEW, {
      segment: dynamic,
      rule: { condition: { amountSpent: { amount: { moreThan: { amount: -5, currency: 'USD' } } } } },
    });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(bad.errors?.[0]?.extensions?.issues)).toContain('rule.condition.amountSpent.amount');
    const missing = await client.request(PREVIEW, { segment: Buffer.from('Segment:00000000-0000-0000-0000-000000000000').toString('base64'), rule: spent(1) });
    expect(missing.errors).toBeUndefined();
    expect(missing.data.previewSegmentChange).toMatchObject({ __typename: 'NotFoundError' });
  });
});
