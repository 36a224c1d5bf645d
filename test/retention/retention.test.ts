// The retention spectrum through the API, over a shop computed by hand. Each customer's stage,
// the moment they entered it and the moment they will leave it must match the table below, in
// Customer.retention, in segments (SQL) and in the storefront's answer (memory); time moving
// on must move them exactly at those moments.
import { beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/shared/clock.js';
import { createTestClient, type TestClient } from '../support/http.js';

const DAY = 86_400_000;
const now = new Date('2026-06-15T12:00:00Z');
const clock = fixedClock(now);
const at = (offsetMs: number) => new Date(now.getTime() + offsetMs).toISOString();

// Validated orders, in days before now (a fraction for the customer one millisecond short of a boundary).
const ORDERS: Record<string, number[]> = {
  'ret-a': [100, 80, 60], // 3 orders: their own gap, the median of 20 and 20 = 20 days
  'ret-b': [50, 40, 10, 5], // 4 orders: own gap, the median of 10, 30, 5 (lower middle of 5, 10, 30) = 10 days
  'ret-c': [30, 10], // 2 orders: the shop's gap
  'ret-d': [45],
  'ret-e': [200],
  'ret-f': [25],
  'ret-g': [20 - 1 / DAY], // 20 days less one millisecond ago
};
// The shop's intervals: 20, 20 (a), 10, 30, 5 (b), 20 (c) → sorted 5 10 20 20 20 30; the median
// (percentile_disc 0.5, the 3rd of 6) is 20 days. Boundaries at 1×, 2×, 3× the gap after the last order:
//   [stage, since (ms from now), next stage at (ms from now)]
const TABLE: Record<string, [string, number | null, number | null]> = {
  'ret-a': ['LOST', 0, null], // last 60 days ago, gap 20: 3 × 20 = 60, so Lost since exactly now
  'ret-b': ['ACTIVE', -5 * DAY, 5 * DAY], // last 5 days ago, gap 10
  'ret-c': ['ACTIVE', -10 * DAY, 10 * DAY], // last 10 days ago, gap 20
  'ret-d': ['CHURN_RISK', -5 * DAY, 15 * DAY], // 45 days: past 40, before 60
  'ret-e': ['LOST', -140 * DAY, null], // Lost since 60 days after the order
  'ret-f': ['DRIFTING', -5 * DAY, 15 * DAY], // 25 days: past 20, before 40
  'ret-g': ['ACTIVE', -20 * DAY + 1, 1], // one millisecond before Drifting
};

let client: TestClient;
let orderNumber = 0;
const order = (customer: string, placedAt: string, status = 'VALIDATED') =>
  client.ok('mutation ($input: OrderInput!) { upsertOrder(input: $input) { __typename } }', {
    input: {
      externalId: `ret-order-${(orderNumber += 1)}`,
      customer: { externalId: customer },
      status,
      placedAt,
      currency: 'USD',
      lines: [{ sku: 'RET-ITEM', quantity: 1, unitPrice: 1_000 }],
    },
  });

async function standings(): Promise<
  Record<string, { stage: string; since: string | null; nextStageAt: string | null; gapSource: string | null; expectedGapDays: number | null }>
> {
  const data = await client.ok(
    `{ customers(first: 50) { edges { node { externalId retention { stage since nextStageAt lastOrderAt validatedOrders expectedGapDays gapSource } } } } }`,
  );
  return Object.fromEntries(
    data.customers.edges
      .filter((edge: { node: { externalId: string } }) => edge.node.externalId.startsWith('ret-'))
      .map((edge: { node: { externalId: string; retention: unknown } }) => [edge.node.externalId, edge.node.retention]),
  );
}

async function segmentMembers(stages: string[]): Promise<string[]> {
  const data = await client.ok(
    `mutation ($input: CreateSegmentInput!) { createSegment(input: $input) { ... on MutationCreateSegmentSuccess { data { segment { members(first: 50) { edges { node { externalId } } } } } } } }`,
    { input: { name: `Retention ${Math.random()}`, rule: { condition: { retentionStage: { stages } } } } },
  );
  return data.createSegment.data.segment.members.edges
    .map((edge: { node: { externalId: string } }) => edge.node.externalId)
    .filter((id: string) => id.startsWith('ret-'))
    .sort();
}

const SETTINGS = `retention { defaultGapDays useShopMedian multipliers expectedGapDays shopMedianGapDays intervals computedAt }`;
const UPDATE = `mutation ($input: UpdateRetentionSettingsInput!) { updateRetentionSettings(input: $input) { ... on MutationUpdateRetentionSettingsSuccess { data { ${SETTINGS} } } ... on Error { message } } }`;
const inStages = (...stages: string[]) =>
  Object.entries(TABLE)
    .filter(([, [stage]]) => stages.includes(stage))
    .map(([customer]) => customer)
    .sort();

beforeAll(async () => {
  client = await createTestClient({ clock });
  await client.ok(
    'mutation ($input: ProductInput!) { upsertProduct(input: $input) { ... on MutationUpsertProductSuccess { data { product { sku } } } ... on Error { message } } }',
    { input: { sku: 'RET-ITEM', name: 'Item', price: { amount: 1_000, currency: 'USD' } } },
  );
  for (const externalId of ['ret-prospect', 'ret-cancelled', ...Object.keys(ORDERS)]) {
    await client.ok('mutation ($input: CustomerInput!) { upsertCustomer(input: $input) { __typename } }', {
      input: { externalId, registeredAt: at(-400 * DAY) },
    });
  }
  for (const [customer, days] of Object.entries(ORDERS)) for (const daysAgo of days) await order(customer, at(-Math.round(daysAgo * DAY)));
  // Neither a cancelled nor a refunded order is an order: no stage moves, no interval counts.
  await order('ret-cancelled', at(-3 * DAY), 'CANCELLED');
  await order('ret-c', at(-1 * DAY), 'REFUNDED');
});

describe('the retention spectrum', () => {
  it("uses the 90-day default before the shop's median is computed", async () => {
    expect((await client.ok(`{ ${SETTINGS} }`)).retention).toEqual({
      defaultGapDays: 90,
      useShopMedian: true,
      multipliers: [1, 2, 3],
      expectedGapDays: 90,
      shopMedianGapDays: null,
      intervals: 0,
      computedAt: null,
    });
    const before = await standings();
    expect(before['ret-d']).toMatchObject({ stage: 'ACTIVE', gapSource: 'SHOP_DEFAULT', expectedGapDays: 90 });
    expect(before['ret-a']).toMatchObject({ stage: 'LOST', gapSource: 'OWN', expectedGapDays: 20 });
  });

  it("computes the shop's median interval of the hand computation", async () => {
    const data = await client.ok(
      `mutation { refreshRetentionBaseline { ... on MutationRefreshRetentionBaselineSuccess { data { ${SETTINGS} } } ... on Error { message } } }`,
    );
    expect(data.refreshRetentionBaseline.data.retention).toEqual({
      defaultGapDays: 90,
      useShopMedian: true,
      multipliers: [1, 2, 3],
      expectedGapDays: 20,
      shopMedianGapDays: 20,
      intervals: 6,
      computedAt: now.toISOString(),
    });
  });

  it('gives each customer the stage, since and next-stage moment of the table', async () => {
    const retention = await standings();
    for (const [customer, [stage, since, next]] of Object.entries(TABLE)) {
      expect(retention[customer], customer).toMatchObject({ stage, since: since === null ? null : at(since), nextStageAt: next === null ? null : at(next) });
    }
    expect(retention['ret-b']).toMatchObject({ gapSource: 'OWN', expectedGapDays: 10, validatedOrders: 4 });
    expect(retention['ret-c']).toMatchObject({ gapSource: 'SHOP_MEDIAN', expectedGapDays: 20, validatedOrders: 2, lastOrderAt: at(-10 * DAY) });
    // Prospects, since they registered: one never ordered, one only cancelled.
    expect(retention['ret-prospect']).toEqual({
      stage: 'PROSPECT',
      since: at(-400 * DAY),
      nextStageAt: null,
      lastOrderAt: null,
      validatedOrders: 0,
      expectedGapDays: null,
      gapSource: null,
    });
    expect(retention['ret-cancelled']).toMatchObject({ stage: 'PROSPECT' });
  });

  it('selects the same customers in segments (SQL) as in the table', async () => {
    expect(await segmentMembers(['ACTIVE'])).toEqual(inStages('ACTIVE'));
    expect(await segmentMembers(['DRIFTING', 'CHURN_RISK'])).toEqual(inStages('DRIFTING', 'CHURN_RISK'));
    expect(await segmentMembers(['LOST'])).toEqual(['ret-a', 'ret-e']);
    expect(await segmentMembers(['PROSPECT'])).toEqual(['ret-cancelled', 'ret-prospect']);
    expect(await segmentMembers(['PROSPECT', 'LOST'])).toEqual(['ret-a', 'ret-cancelled', 'ret-e', 'ret-prospect']);
  });

  it('offers a promotion for drifting customers to the storefront (in memory) as the table says, and moves customers at the exact moment', async () => {
    const segment = await client.ok(
      `mutation ($input: CreateSegmentInput!) { createSegment(input: $input) { ... on MutationCreateSegmentSuccess { data { segment { id } } } } }`,
      {
        input: { name: 'Drifting', rule: { condition: { retentionStage: { stages: ['DRIFTING'] } } } },
      },
    );
    await client.ok(`mutation ($input: CreatePromotionInput!) { createPromotion(input: $input) { __typename } }`, {
      input: {
        name: 'Come back 15%',
        status: 'ACTIVE',
        currency: 'USD',
        includeSegments: [segment.createSegment.data.segment.id],
        effects: [{ percentageOff: { percent: 15 } }],
      },
    });
    const offered = async (customer: string) => {
      const result = await client.request(
        `query ($input: EligibilityInput!) { eligiblePromotions(input: $input) { ... on QueryEligiblePromotionsSuccess { data { promotions { promotion { name } } } } } }`,
        { input: { customer: { externalId: customer }, cart: { currency: 'USD', lines: [{ sku: 'RET-ITEM', quantity: 1 }] } } },
        'storefront',
      );
      expect(result.errors).toBeUndefined();
      return result.data.eligiblePromotions.data.promotions.some((entry: { promotion: { name: string } }) => entry.promotion.name === 'Come back 15%');
    };
    expect(await offered('ret-f')).toBe(true);
    expect(await offered('ret-g')).toBe(false);
    expect(await offered('ret-c')).toBe(false);
    try {
      clock.advance(1); // ret-g's next stage is one millisecond away
      expect(await offered('ret-g')).toBe(true);
      expect((await standings())['ret-g']).toMatchObject({ stage: 'DRIFTING', since: at(1), nextStageAt: at(20 * DAY + 1) });
      clock.set(at(10 * DAY - 1)); // ret-c: Active until 10 days from the start
      expect(await offered('ret-c')).toBe(false);
      clock.set(at(10 * DAY));
      expect(await offered('ret-c')).toBe(true);
      expect(await segmentMembers(['DRIFTING'])).toContain('ret-c');
    } finally {
      clock.set(now);
    }
  });

  it('makes the retention spectrum from its templates', async () => {
    const members = async (template: string) => {
      const data = await client.ok(
        `mutation ($input: CreateSegmentFromTemplateInput!) { createSegmentFromTemplate(input: $input) { ... on MutationCreateSegmentFromTemplateSuccess { data { segment { members(first: 50) { edges { node { externalId } } } } } } } }`,
        { input: { template, name: `From ${template}` } },
      );
      return data.createSegmentFromTemplate.data.segment.members.edges
        .map((edge: { node: { externalId: string } }) => edge.node.externalId)
        .filter((id: string) => id.startsWith('ret-'))
        .sort();
    };
    // "Active. This is where you want to keep your core customers."
    expect(await members('RETENTION_ACTIVE')).toEqual(inStages('ACTIVE'));
    // "Drifting. These are customers who are still aware of your brand but are no longer actively engaging with it."
    expect(await members('RETENTION_DRIFTING')).toEqual(['ret-f']);
    // "Churn-risk. … These customers have been out of touch with your brand long enough to lose touch."
    expect(await members('RETENTION_CHURN_RISK')).toEqual(['ret-d']);
    // "Lost. Customers who have not made a purchase in a while will need significant incentives."
    expect(await members('RETENTION_LOST')).toEqual(['ret-a', 'ret-e']);
  });

  it('pins the gap to the default and takes other multipliers, with stages following at once', async () => {
    const pinned = await client.ok(UPDATE, { input: { useShopMedian: false } });
    expect(pinned.updateRetentionSettings.data.retention).toMatchObject({ useShopMedian: false, expectedGapDays: 90, shopMedianGapDays: 20 });
    let retention = await standings();
    expect(retention['ret-d']).toMatchObject({ stage: 'ACTIVE', nextStageAt: at(45 * DAY), gapSource: 'SHOP_DEFAULT' }); // 45 days into 90
    expect(retention['ret-e']).toMatchObject({ stage: 'CHURN_RISK', nextStageAt: at(70 * DAY) }); // 200 days: past 180, before 270
    expect(retention['ret-a']).toMatchObject({ stage: 'LOST', gapSource: 'OWN' }); // their own gap still
    await client.ok(UPDATE, { input: { multipliers: [1, 1.5, 2.25], defaultGapDays: 100 } });
    retention = await standings();
    expect(retention['ret-e']).toMatchObject({ stage: 'CHURN_RISK', since: at(-50 * DAY), nextStageAt: at(25 * DAY) }); // 150 and 225 days after the order
    expect(await segmentMembers(['CHURN_RISK'])).toEqual(['ret-e']);
    await client.ok(UPDATE, { input: { multipliers: [1, 2, 3], defaultGapDays: 90, useShopMedian: true } });
    expect((await standings())['ret-d']).toMatchObject({ stage: 'CHURN_RISK' });
  });

  it('refuses multipliers that are not three ascending whole percents, changing nothing, and keeps retention for admins', async () => {
    const refused = async (input: unknown) => {
      const result = await client.request(UPDATE, { input });
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      return result.errors?.[0]?.extensions?.issues;
    };
    expect(await refused({ multipliers: [1, 2] })).toEqual([
      { path: 'input.multipliers', message: 'give three multipliers: the ends of Active, Drifting and Churn-risk' },
    ]);
    expect(await refused({ multipliers: [1, 3, 2] })).toEqual([{ path: 'input.multipliers', message: 'must be ascending' }]);
    expect(await refused({ multipliers: [1, 2, 3.001] })).toEqual([{ path: 'input.multipliers.2', message: 'must be a whole percent (at most two decimals)' }]);
    expect(await refused({ multipliers: [0, 2, 3] })).toEqual([{ path: 'input.multipliers.0', message: 'must be at least 0.01' }]);
    // Checked as stored: these round to 0, or to equal percents.
    expect(await refused({ multipliers: [1e-12, 2e-12, 3e-12] })).toEqual(
      [0, 1, 2].map((index) => ({ path: `input.multipliers.${index}`, message: 'must be at least 0.01' })),
    );
    expect(await refused({ multipliers: [1, 1.000000000001, 2] })).toEqual([{ path: 'input.multipliers', message: 'must be ascending' }]);
    expect((await refused({ defaultGapDays: 0 }))?.[0]).toMatchObject({ path: 'input.defaultGapDays' });
    expect((await client.ok(`{ ${SETTINGS} }`)).retention).toMatchObject({ multipliers: [1, 2, 3], defaultGapDays: 90 });
    const storefront = await client.request(`{ retention { defaultGapDays } }`, {}, 'storefront');
    expect(storefront.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
