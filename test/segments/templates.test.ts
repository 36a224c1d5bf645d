// The built-in segments, created from their templates through the
// API over customers written through the API, at the edges: exactly 30 days ago is "in the
// past month", 31 days is not; a cancelled order is an order placed but not a validated one.
import { beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/shared/clock.js';
import { createTestClient, type TestClient } from '../support/http.js';

const now = new Date('2026-06-15T12:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();

let client: TestClient;
const write = async (query: string, input: Record<string, unknown>) => {
  const result = await client.request(query, { input });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
};
const customer = (externalId: string, extra: Record<string, unknown> = {}) =>
  write('mutation ($input: CustomerInput!) { upsertCustomer(input: $input) { __typename } }', { externalId, registeredAt: daysAgo(400), ...extra });
let orderNumber = 0;
const order = (externalId: string, days: number, total = 2_000, status = 'VALIDATED', discountTotal = 0) =>
  write('mutation ($input: OrderInput!) { upsertOrder(input: $input) { __typename } }', {
    externalId: `tpl-order-${(orderNumber += 1)}`,
    customer: { externalId },
    status,
    placedAt: daysAgo(days),
    currency: 'USD',
    lines: [{ sku: 'TPL-ITEM', quantity: 1, unitPrice: total }],
    discountTotal,
  });

async function members(template: string): Promise<string[]> {
  const created = await client.request(
    `mutation ($input: CreateSegmentFromTemplateInput!) { createSegmentFromTemplate(input: $input) {
      ... on MutationCreateSegmentFromTemplateSuccess { data { segment { members(first: 50) { edges { node { externalId } } } } } } ... on Error { message } } }`,
    { input: { template, name: `From ${template}` } },
  );
  expect(created.errors, JSON.stringify(created.errors)).toBeUndefined();
  return created.data.createSegmentFromTemplate.data.segment.members.edges
    .map((edge: { node: { externalId: string } }) => edge.node.externalId)
    .filter((id: string) => id.startsWith('tpl-'))
    .sort();
}

beforeAll(async () => {
  client = await createTestClient({ clock: fixedClock(now) });
  await write(
    'mutation ($input: ProductInput!) { upsertProduct(input: $input) { ... on MutationUpsertProductSuccess { data { product { sku } } } ... on Error { message } } }',
    { sku: 'TPL-ITEM', name: 'Item', price: { amount: 2_000, currency: 'USD' } },
  );
  await customer('tpl-deactivated', { status: 'DEACTIVATED' });
  await customer('tpl-registered-10d', { registeredAt: daysAgo(10), newsletterSubscribed: true });
  await customer('tpl-cancelled-only');
  await order('tpl-cancelled-only', 3, 2_000, 'CANCELLED');
  await customer('tpl-first-30d');
  await order('tpl-first-30d', 30);
  await customer('tpl-first-31d');
  await order('tpl-first-31d', 31);
  await customer('tpl-two-orders', { loyaltyMember: true });
  await order('tpl-two-orders', 200);
  await order('tpl-two-orders', 5);
  await customer('tpl-three-orders', { referralSource: 'Referral' });
  for (const days of [100, 50, 10]) await order('tpl-three-orders', days);
  await customer('tpl-big-spender');
  await order('tpl-big-spender', 60, 50_001);
  await customer('tpl-bargain-hunter');
  await order('tpl-bargain-hunter', 15, 2_000, 'VALIDATED', 700);
  await customer('tpl-back');
  await order('tpl-back', 400);
  await order('tpl-back', 20);
});

describe('segments from the built-in templates', () => {
  it('list each with its rule in words and its source', async () => {
    const result = await client.request('{ segmentTemplates { key name source ruleDescription } }');
    const byKey = Object.fromEntries(result.data.segmentTemplates.map((template: { key: string }) => [template.key, template]));
    expect(byKey.LOYAL_CUSTOMERS).toEqual({
      key: 'LOYAL_CUSTOMERS',
      name: 'Loyal customers',
      source: 'Common shop segments (customer offers)',
      ruleDescription: 'placed at least 2 orders at any time',
    });
    expect(byKey.RETENTION_DRIFTING).toEqual({
      key: 'RETENTION_DRIFTING',
      name: 'Drifting customers',
      source: 'RFM framework and retention spectrum (customer-centric segmentation)',
      ruleDescription: 'is drifting on the retention spectrum',
    });
    expect(Object.keys(byKey)).toHaveLength(24);
  });

  it('shop customer offers (003): deactivated, potential, first order recently, loyal, customers', async () => {
    expect(await members('DEACTIVATED_CUSTOMERS')).toEqual(['tpl-deactivated']);
    // Registered, no order placed: a cancelled order is still an order placed.
    expect(await members('POTENTIAL_CUSTOMERS')).toEqual(['tpl-deactivated', 'tpl-registered-10d']);
    // A single validated order in the past month: 30 days ago is in it, 31 is not.
    expect(await members('FIRST_ORDER_RECENTLY')).toEqual(['tpl-bargain-hunter', 'tpl-first-30d']);
    expect(await members('LOYAL_CUSTOMERS')).toEqual(['tpl-back', 'tpl-three-orders', 'tpl-two-orders']);
    expect(await members('CUSTOMERS')).toEqual([
      'tpl-back',
      'tpl-bargain-hunter',
      'tpl-big-spender',
      'tpl-first-30d',
      'tpl-first-31d',
      'tpl-three-orders',
      'tpl-two-orders',
    ]);
  });

  it('Vouchery (004): new contacts, subscribers, returning, referred, loyalty members, profitable', async () => {
    expect(await members('NEW_CONTACTS')).toEqual(['tpl-registered-10d']);
    expect(await members('SUBSCRIBERS')).toEqual(['tpl-registered-10d']);
    expect(await members('RETURNING_CUSTOMERS')).toEqual(['tpl-three-orders']);
    expect(await members('REFERRED_CUSTOMERS')).toEqual(['tpl-three-orders']);
    expect(await members('LOYALTY_MEMBERS')).toEqual(['tpl-two-orders']);
    // More than $500.00: $500.01 is.
    expect(await members('PROFITABLE_CUSTOMERS')).toEqual(['tpl-big-spender']);
    // Back 20 days ago after 380 days without ordering; back 5 days ago after 195.
    expect(await members('WON_BACK_CUSTOMERS')).toEqual(['tpl-back', 'tpl-two-orders']);
    // 35% of the order's value came off as a discount.
    expect(await members('UNPROFITABLE_CUSTOMERS')).toEqual(['tpl-bargain-hunter']);
  });

  it('make ordinary segments, named as the admin says: a second one under the same name is refused', async () => {
    const again = await client.request(
      'mutation { createSegmentFromTemplate(input: { template: LOYAL_CUSTOMERS, name: "From LOYAL_CUSTOMERS" }) { __typename ... on Error { message } } }',
    );
    expect(again.data.createSegmentFromTemplate).toEqual({ __typename: 'ConflictError', message: 'A segment named "From LOYAL_CUSTOMERS" already exists' });
  });
});
