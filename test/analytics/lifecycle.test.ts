// Lifecycle analytics through the API, over the hand-computed RFM shop (test/support/rfm-shop.ts):
// the grid's groups and cells with their revenue and shares, the retention spectrum, the flows
// between stages from the start of June to now, and a promotion's redemptions by RFM group.
// Every count must also be what a segment on the same group or stage holds, and the analytics
// are the core's: a server without the rfm and retention plugins gives the same.
import { beforeAll, describe, expect, it } from 'vitest';
import { builtinPlugins } from '../../plugins/index.js';
import { PluginRegistry } from '../../src/registry/registry.js';
import { fixedClock } from '../../src/shared/clock.js';
import { createTestClient, type TestClient } from '../support/http.js';
import { now, SHOP, SHOPIFY, writeRfmShop } from '../support/rfm-shop.js';

let client: TestClient;

async function segmentSize(rule: unknown): Promise<number> {
  const data = await client.ok(
    `mutation ($input: CreateSegmentInput!) { createSegment(input: $input) { ... on MutationCreateSegmentSuccess { data { segment { memberCount } } } } }`,
    { input: { name: `Analytics ${Math.random()}`, rule } },
  );
  return data.createSegment.data.segment.memberCount;
}

const ANALYTICS = `query ($months: Int) { lifecycleAnalytics(currency: "USD") {
  currency
  rfm { scale computedAt scoredCustomers prospects revenue { amount currency } groups { group customers revenue { amount } customerShare revenueShare } cells { recency frequency monetary group customers revenue { amount } customerShare revenueShare } }
  retention { customers stages { stage customers share } }
  retentionFlows(months: $months) { from to flows { from to customers } }
} }`;

beforeAll(async () => {
  client = await createTestClient({ clock: fixedClock(now) });
  await writeRfmShop((query, variables) => client.ok(query, variables));
  await client.ok(`mutation { refreshRfmThresholds { __typename } refreshRetentionBaseline { __typename } }`);
});

describe('lifecycle analytics', () => {
  it('gives the RFM groups of the table with what their customers spent, and shares of the customers scored', async () => {
    const { rfm } = (await client.ok(ANALYTICS, { months: 2 })).lifecycleAnalytics;
    const revenue = SHOP.reduce((sum, [, , , spent]) => sum + spent, 0); // 263,500
    expect(rfm).toMatchObject({ scale: 5, computedAt: now.toISOString(), scoredCustomers: 10, prospects: 2, revenue: { amount: 263_500, currency: 'USD' } });
    const expected = new Map<string, { customers: number; revenue: number }>();
    for (const [customer, , , spent] of SHOP) {
      const group = (SHOPIFY[customer] as [number, number, number, string])[3];
      const entry = expected.get(group) ?? { customers: 0, revenue: 0 };
      expected.set(group, { customers: entry.customers + 1, revenue: entry.revenue + spent });
    }
    const groups = Object.fromEntries(
      rfm.groups.filter((group: { customers: number }) => group.customers > 0).map((group: { group: string }) => [group.group, group]),
    );
    expect(Object.keys(groups).sort()).toEqual([...expected.keys()].sort());
    for (const [group, { customers, revenue: spent }] of expected) {
      expect(groups[group], group).toEqual({ group, customers, revenue: { amount: spent }, customerShare: customers / 10, revenueShare: spent / revenue });
    }
    // PREVIOUSLY_LOYAL: rfm-07 and rfm-10, 140,000 of 263,500.
    expect(groups.PREVIOUSLY_LOYAL).toMatchObject({ customers: 2, revenue: { amount: 140_000 }, customerShare: 0.2 });
    // Each group counts what a segment on it holds.
    for (const group of ['CHAMPIONS', 'PREVIOUSLY_LOYAL', 'HIBERNATING']) {
      expect(await segmentSize({ condition: { rfmGroup: { currency: 'USD', groups: [group] } } }), group).toBe(groups[group]?.customers ?? 0);
    }
  });

  it('lists every cell of the grid, empty ones included, the highest scores first', async () => {
    const { cells } = (await client.ok(ANALYTICS, { months: 1 })).lifecycleAnalytics.rfm;
    expect(cells).toHaveLength(125);
    expect(cells[0]).toMatchObject({ recency: 5, frequency: 5, monetary: 5, group: 'CHAMPIONS', customers: 0, customerShare: 0 });
    expect(
      cells.find((cell: { recency: number; frequency: number; monetary: number }) => cell.recency === 5 && cell.frequency === 4 && cell.monetary === 4),
    ).toMatchObject({ group: 'CHAMPIONS', customers: 1, revenue: { amount: 50_000 }, customerShare: 0.1 });
    expect(cells.reduce((sum: number, cell: { customers: number }) => sum + cell.customers, 0)).toBe(10);
  });

  it('gives the retention spectrum: every stage, counted as segments count it', async () => {
    // Orders a week apart: every interval is 7 days, so the shop median is 7 days and so is each customer's own.
    const { retention } = (await client.ok(ANALYTICS, { months: 1 })).lifecycleAnalytics;
    expect(retention).toEqual({
      customers: 12,
      stages: [
        { stage: 'PROSPECT', customers: 2, share: 2 / 12 }, // rfm-prospect, rfm-refunded
        { stage: 'ACTIVE', customers: 2, share: 2 / 12 }, // rfm-01 (1 day), rfm-02 (5 days)
        { stage: 'DRIFTING', customers: 1, share: 1 / 12 }, // rfm-03 (10 days: 7 to 14)
        { stage: 'CHURN_RISK', customers: 1, share: 1 / 12 }, // rfm-04 (20 days: 14 to 21)
        { stage: 'LOST', customers: 6, share: 6 / 12 },
      ],
    });
    for (const { stage, customers } of retention.stages)
      expect(await segmentSize({ condition: { retentionStage: { stages: [stage] } } }), stage).toBe(customers);
  });

  it('says how many Active customers became Drifting since the start of the month', async () => {
    const { retentionFlows, retention } = (await client.ok(ANALYTICS, { months: 2 })).lifecycleAnalytics;
    expect(retentionFlows.map((period: { from: string; to: string }) => [period.from, period.to])).toEqual([
      ['2026-05-01T00:00:00.000Z', '2026-06-01T00:00:00.000Z'],
      ['2026-06-01T00:00:00.000Z', now.toISOString()],
    ]);
    // On June 1 (14.5 days ago), counting the orders placed by then:
    //   rfm-01 (last order 15 days ago), rfm-03 (17), rfm-04 (20) were Active; rfm-02 had not ordered yet.
    expect(retentionFlows[1].flows).toEqual([
      { from: 'PROSPECT', to: 'PROSPECT', customers: 2 },
      { from: 'PROSPECT', to: 'ACTIVE', customers: 1 }, // rfm-02's first order, 5 days ago
      { from: 'ACTIVE', to: 'ACTIVE', customers: 1 }, // rfm-01
      { from: 'ACTIVE', to: 'DRIFTING', customers: 1 }, // rfm-03
      { from: 'ACTIVE', to: 'CHURN_RISK', customers: 1 }, // rfm-04
      { from: 'LOST', to: 'LOST', customers: 6 },
    ]);
    // A month's end is the next one's start, and the last one ends at the spectrum of now.
    const ends = (flows: { from: string; to: string; customers: number }[], side: 'from' | 'to') =>
      flows.reduce<Record<string, number>>((sum, flow) => ({ ...sum, [flow[side]]: (sum[flow[side]] ?? 0) + flow.customers }), {});
    expect(ends(retentionFlows[0].flows, 'to')).toEqual(ends(retentionFlows[1].flows, 'from'));
    expect(ends(retentionFlows[1].flows, 'to')).toEqual(
      Object.fromEntries(
        retention.stages
          .filter((stage: { customers: number }) => stage.customers > 0)
          .map((stage: { stage: string; customers: number }) => [stage.stage, stage.customers]),
      ),
    );
  });

  it('breaks a promotion report down by RFM group, in totals that may pass 32 bits', async () => {
    const created = await client.ok(
      `mutation ($input: CreatePromotionInput!) { createPromotion(input: $input) { ... on MutationCreatePromotionSuccess { data { promotion { id } } } } }`,
      {
        input: { name: 'Everyone 10%', status: 'ACTIVE', currency: 'USD', effects: [{ percentageOff: { percent: 10 } }] },
      },
    );
    const promotion = created.createPromotion.data.promotion.id;
    await client.ok(
      'mutation ($input: ProductInput!) { upsertProduct(input: $input) { ... on MutationUpsertProductSuccess { data { product { sku } } } ... on Error { message } } }',
      { input: { sku: 'GOLD-BAR', name: 'Gold bar', price: { amount: 1_000_000, currency: 'USD' } } },
    );
    const redeem = (orderRef: string, customer: string | null, quantity: number, sku = 'RFM-ITEM') =>
      client.ok(
        'mutation ($input: RedeemInput!) { redeem(input: $input) { __typename } }',
        { input: { orderRef, customer: customer ? { externalId: customer } : null, cart: { currency: 'USD', lines: [{ sku, quantity }] } } },
        'storefront',
      );
    await redeem('A-1', 'rfm-01', 1);
    await redeem('A-2', 'rfm-07', 1);
    await redeem('A-3', 'rfm-10', 1);
    await redeem('A-4', null, 1);
    // Two orders of 2,000 gold bars at $10,000, $18M each after the discount: their sum does not fit an Int.
    for (const orderRef of ['A-5', 'A-6']) await redeem(orderRef, 'rfm-10', 2_000, 'GOLD-BAR');
    const data = await client.ok(
      `query ($id: ID!) { node(id: $id) { ... on Promotion { report { revenue { amount formatted } byRfmGroup { group redemptions discountGiven { amount } revenue { amount } } } } } }`,
      { id: promotion },
    );
    const { report } = data.node;
    const big = 1_800_000_000; // 2,000 × $10,000, 10% off
    expect(report.revenue.amount).toBe(900 * 4 + 2 * big);
    expect(report.revenue.amount).toBeGreaterThan(2 ** 31);
    expect(report.byRfmGroup).toEqual([
      { group: 'PREVIOUSLY_LOYAL', redemptions: 4, discountGiven: { amount: 100 * 2 + 2 * 200_000_000 }, revenue: { amount: 900 * 2 + 2 * big } },
      { group: 'CHAMPIONS', redemptions: 1, discountGiven: { amount: 100 }, revenue: { amount: 900 } },
      { group: null, redemptions: 1, discountGiven: { amount: 100 }, revenue: { amount: 900 } },
    ]);
  });

  it("are the core's: a server without the rfm and retention plugins gives the same analytics", async () => {
    const withoutLifecyclePlugins = await createTestClient({
      clock: fixedClock(now),
      registry: new PluginRegistry(builtinPlugins.filter((plugin) => plugin.name !== 'rfm' && plugin.name !== 'retention')),
    });
    const without = await withoutLifecyclePlugins.request(ANALYTICS, { months: 2 });
    expect(without.errors, JSON.stringify(without.errors)).toBeUndefined();
    expect(without.data).toEqual(await client.ok(ANALYTICS, { months: 2 }));
    // The conditions did leave with their plugins.
    const refused = await withoutLifecyclePlugins.request(`mutation ($input: CreateSegmentInput!) { createSegment(input: $input) { __typename } }`, {
      input: { name: 'No RFM', rule: { condition: { rfmGroup: { currency: 'USD', groups: ['CHAMPIONS'] } } } },
    });
    expect(JSON.stringify(refused.errors)).toContain('rfmGroup');
  });

  it('keeps analytics for admins, and refuses a period out of range naming it', async () => {
    const storefront = await client.request(`{ lifecycleAnalytics { currency } }`, {}, 'storefront');
    expect(storefront.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const refused = await client.request(`{ lifecycleAnalytics { retentionFlows(months: 25) { from } } }`);
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(refused.errors?.[0])).toContain('months');
  });
});
