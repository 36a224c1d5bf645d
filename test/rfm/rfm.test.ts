// RFM through the API, over a shop small enough to compute by hand: ten ordering customers with
// distinct days, orders and spending, so that every quintile holds two of them. The tables
// below are the hand computation; the thresholds, scores and groups Cohort gives must match
// them, in Customer.rfm, in segments (SQL) and in the storefront's answer (memory).
import { beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/shared/clock.js';
import { createTestClient, type TestClient } from '../support/http.js';
import { now, SHOP, SHOPIFY, writeRfmShop } from '../support/rfm-shop.js';

// Tertile cuts (percentile_disc at 1/3 and 2/3: the 4th and 7th of ten): days 20, 100; orders 2, 4; spent 6000, 40000.
const KLAVIYO: Record<string, string> = {
  'rfm-01': 'CHAMPIONS', // 333
  'rfm-02': 'RECENT', // 311
  'rfm-03': 'LOYAL', // 322: 40,000 is not more than 40,000
  'rfm-04': 'RECENT', // 311
  'rfm-05': 'RECENT', // 222
  'rfm-06': 'AT_RISK', // 211
  'rfm-07': 'LOYAL', // 233
  'rfm-08': 'INACTIVE', // 112
  'rfm-09': 'INACTIVE', // 111
  'rfm-10': 'NEEDS_ATTENTION', // 133
};

let client: TestClient;
const RFM_OF_CUSTOMERS = `{ customers(first: 50) { edges { node { externalId rfm(currency: "USD") { group recency frequency monetary daysSinceLastOrder orders spent computedAt } } } } }`;
async function standings() {
  const data = await client.ok(RFM_OF_CUSTOMERS);
  return Object.fromEntries(data.customers.edges.map((edge: { node: { externalId: string; rfm: unknown } }) => [edge.node.externalId, edge.node.rfm]));
}

async function segmentMembers(rule: unknown): Promise<string[]> {
  const data = await client.ok(
    `mutation ($input: CreateSegmentInput!) { createSegment(input: $input) { ... on MutationCreateSegmentSuccess { data { segment { members(first: 50) { edges { node { externalId } } } } } } } }`,
    { input: { name: `RFM ${Math.random()}`, rule } },
  );
  return data.createSegment.data.segment.members.edges.map((edge: { node: { externalId: string } }) => edge.node.externalId).sort();
}

const SETTINGS = `rfm { lookbackDays grid { scale axes preset groups { name cells } } thresholds { currency scale recencyCuts frequencyCuts monetaryCuts { amount currency } customers lookbackDays computedAt } }`;
const UPDATE = `mutation ($input: UpdateRfmSettingsInput!) { updateRfmSettings(input: $input) { ... on MutationUpdateRfmSettingsSuccess { data { ${SETTINGS} } } ... on Error { message } } }`;

beforeAll(async () => {
  client = await createTestClient({ clock: fixedClock(now) });
  await writeRfmShop((query, variables) => client.ok(query, variables));
});

describe('RFM scores and groups', () => {
  it('has no group for ordering customers before the first computation; those without orders are prospects', async () => {
    const before = await standings();
    expect(before['rfm-01']).toMatchObject({ group: null, recency: null, orders: 5, spent: 50_000, daysSinceLastOrder: 1, computedAt: null });
    expect(before['rfm-prospect']).toMatchObject({ group: 'PROSPECTS', recency: null, orders: null });
  });

  it('computes the quintile cuts of the hand computation', async () => {
    const data = await client.ok(
      `mutation { refreshRfmThresholds { ... on MutationRefreshRfmThresholdsSuccess { data { ${SETTINGS} } } ... on Error { message } } }`,
    );
    expect(data.refreshRfmThresholds.data.rfm).toEqual({
      lookbackDays: null,
      grid: expect.objectContaining({ scale: 5, axes: 'R_FM', preset: 'SHOPIFY' }),
      thresholds: [
        {
          currency: 'USD',
          scale: 5,
          recencyCuts: [5, 20, 60, 200],
          frequencyCuts: [1, 2, 3, 5],
          monetaryCuts: [1_500, 6_000, 15_000, 50_000].map((amount) => ({ amount, currency: 'USD' })),
          customers: 10,
          lookbackDays: null,
          computedAt: now.toISOString(),
        },
      ],
    });
  });

  it('gives each customer the scores and Shopify group of the table, with the values behind them', async () => {
    const rfm = await standings();
    for (const [customer, days, orders, spent] of SHOP) {
      const [recency, frequency, monetary, group] = SHOPIFY[customer] as [number, number, number, string];
      expect(rfm[customer], customer).toEqual({ group, recency, frequency, monetary, daysSinceLastOrder: days, orders, spent, computedAt: now.toISOString() });
    }
    // A refunded or cancelled order is no order: both are prospects.
    expect(rfm['rfm-refunded']).toMatchObject({ group: 'PROSPECTS', recency: null });
    expect(rfm['rfm-prospect']).toMatchObject({ group: 'PROSPECTS', recency: null });
  });

  it('selects the same customers in segments (SQL) as in the table', async () => {
    const inGroups = (...groups: string[]) =>
      Object.entries(SHOPIFY)
        .filter(([, row]) => groups.includes(row[3]))
        .map(([customer]) => customer)
        .sort();
    expect(await segmentMembers({ condition: { rfmGroup: { currency: 'USD', groups: ['CHAMPIONS', 'LOYAL'] } } })).toEqual(inGroups('CHAMPIONS', 'LOYAL'));
    expect(await segmentMembers({ condition: { rfmGroup: { currency: 'USD', groups: ['PREVIOUSLY_LOYAL'] } } })).toEqual(['rfm-07', 'rfm-10']);
    expect((await segmentMembers({ condition: { rfmGroup: { currency: 'USD', groups: ['PROSPECTS'] } } })).filter((id) => id.startsWith('rfm-'))).toEqual([
      'rfm-prospect',
      'rfm-refunded',
    ]);
    expect(await segmentMembers({ condition: { rfmScore: { currency: 'USD', recency: { atLeast: 4 }, monetary: { moreThan: 2 } } } })).toEqual([
      'rfm-01',
      'rfm-03',
    ]);
  });

  it('offers the group to the storefront (in memory) as the table says', async () => {
    const segment = await client.ok(
      `mutation ($input: CreateSegmentInput!) { createSegment(input: $input) { ... on MutationCreateSegmentSuccess { data { segment { id } } } } }`,
      {
        input: { name: 'Champions for the storefront', rule: { condition: { rfmGroup: { currency: 'USD', groups: ['CHAMPIONS'] } } } },
      },
    );
    await client.ok(`mutation ($input: CreatePromotionInput!) { createPromotion(input: $input) { __typename } }`, {
      input: {
        name: 'Champions 10%',
        status: 'ACTIVE',
        currency: 'USD',
        includeSegments: [segment.createSegment.data.segment.id],
        effects: [{ percentageOff: { percent: 10 } }],
      },
    });
    const offered = async (customer: string) => {
      const result = await client.request(
        `query ($input: EligibilityInput!) { eligiblePromotions(input: $input) { ... on QueryEligiblePromotionsSuccess { data { promotions { promotion { name } } } } } }`,
        { input: { customer: { externalId: customer }, cart: { currency: 'USD', lines: [{ sku: 'RFM-ITEM', quantity: 1 }] } } },
        'storefront',
      );
      return result.data.eligiblePromotions.data.promotions.map((entry: { promotion: { name: string } }) => entry.promotion.name);
    };
    expect(await offered('rfm-01')).toContain('Champions 10%');
    expect(await offered('rfm-03')).not.toContain('Champions 10%');
  });

  it('makes the RFM segments from their templates', async () => {
    const members = async (template: string) => {
      const data = await client.ok(
        `mutation ($input: CreateSegmentFromTemplateInput!) { createSegmentFromTemplate(input: $input) { ... on MutationCreateSegmentFromTemplateSuccess { data { segment { members(first: 50) { edges { node { externalId } } } } } } } }`,
        { input: { template, name: `From ${template}` } },
      );
      return data.createSegmentFromTemplate.data.segment.members.edges.map((edge: { node: { externalId: string } }) => edge.node.externalId).sort();
    };
    // "Champions: these customers spend the most money, the most often."
    expect(await members('RFM_CHAMPIONS')).toEqual(['rfm-01']);
    // "Loyalists: customers who purchase on a regular basis."
    expect(await members('RFM_LOYALISTS')).toEqual(['rfm-03']);
    // "New Customers have recently made their first purchase."
    expect(await members('RFM_NEW_CUSTOMERS')).toEqual(['rfm-02']);
    // "Low-value customers: customers who spend relatively little and not very often."
    expect(await members('RFM_LOW_VALUE')).toEqual(['rfm-02', 'rfm-04', 'rfm-06', 'rfm-09']);
    // "Lost customers: customers who used to be core customers or potential core customers, but no longer fit."
    expect(await members('RFM_LOST')).toEqual(['rfm-07', 'rfm-08', 'rfm-09', 'rfm-10']);
  });

  it("switches to Klaviyo's grid (tertiles, 27 combinations) and back, recomputing at once", async () => {
    const data = await client.ok(UPDATE, { input: { preset: 'KLAVIYO' } });
    expect(data.updateRfmSettings.data.rfm.grid).toMatchObject({ scale: 3, axes: 'R_F_M', preset: 'KLAVIYO' });
    expect(data.updateRfmSettings.data.rfm.thresholds[0]).toMatchObject({
      scale: 3,
      recencyCuts: [20, 100],
      frequencyCuts: [2, 4],
      monetaryCuts: [{ amount: 6_000 }, { amount: 40_000 }],
    });
    const rfm = await standings();
    expect(Object.fromEntries(SHOP.map(([customer]) => [customer, rfm[customer].group]))).toEqual(KLAVIYO);
    await client.ok(UPDATE, { input: { preset: 'SHOPIFY' } });
  });

  it('counts only the orders of the lookback', async () => {
    const data = await client.ok(UPDATE, { input: { lookbackDays: 250 } });
    // The last orders of rfm-09 and rfm-10 are older than 250 days: they are prospects now, and the cuts are over eight customers.
    expect(data.updateRfmSettings.data.rfm.thresholds[0]).toMatchObject({ customers: 8, lookbackDays: 250 });
    const rfm = await standings();
    expect([rfm['rfm-09'].group, rfm['rfm-10'].group]).toEqual(['PROSPECTS', 'PROSPECTS']);
    expect(rfm['rfm-08']).toMatchObject({ orders: 2 });
    await client.ok(UPDATE, { input: { lookbackDays: null } });
  });

  it('takes a grid of its own, and refuses one that leaves a combination out or puts one in two groups, changing nothing', async () => {
    const mine = {
      scale: 3,
      axes: 'R_FM',
      groups: [
        { name: 'RECENT_BUYERS', cells: ['3[1-3]'] },
        { name: 'THE_REST', cells: ['[1-2][1-3]'] },
      ],
    };
    const data = await client.ok(UPDATE, { input: { grid: mine } });
    expect(data.updateRfmSettings.data.rfm.grid).toEqual({
      scale: 3,
      axes: 'R_FM',
      preset: null,
      groups: [
        { name: 'RECENT_BUYERS', cells: ['3[1-3]'] },
        { name: 'THE_REST', cells: ['[1-2][1-3]'] },
      ],
    });
    expect((await standings())['rfm-04'].group).toBe('RECENT_BUYERS');

    const refused = async (grid: unknown) => {
      const result = await client.request(UPDATE, { input: { grid } });
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      return result.errors?.[0]?.extensions?.issues;
    };
    expect(
      await refused({
        ...mine,
        groups: [
          { name: 'RECENT_BUYERS', cells: ['3[1-3]'] },
          { name: 'THE_REST', cells: ['[1-2][1-2]'] },
        ],
      }),
    ).toEqual([{ path: 'input.grid.groups', message: 'every combination of scores needs a group; none has R 1 FM 3, R 2 FM 3' }]);
    expect(
      await refused({
        ...mine,
        groups: [
          { name: 'RECENT_BUYERS', cells: ['3[1-3]'] },
          { name: 'THE_REST', cells: ['[1-3][1-3]'] },
        ],
      }),
    ).toEqual([{ path: 'input.grid.groups.1.cells.0', message: 'covers R 3 FM 1, which RECENT_BUYERS already covers' }]);
    expect(await refused({ ...mine, groups: [{ name: 'PROSPECTS', cells: ['[1-3][1-3]'] }] })).toEqual([
      { path: 'input.grid.groups.0.name', message: 'is kept for customers without orders, whom no cell holds' },
    ]);
    expect(await refused({ ...mine, scale: 4 })).toEqual([{ path: 'input.grid.scale', message: 'must be 3 (tertiles) or 5 (quintiles)' }]);
    expect(await refused({ ...mine, groups: [{ name: 'ALL', cells: ['[1-3][1-4]'] }] })).toEqual([
      { path: 'input.grid.groups.0.cells.0', message: '"[1-4]" is not a score or range of scores from 1 to 3' },
    ]);
    // Nothing was written: the grid of their own still stands.
    expect((await client.ok(`{ ${SETTINGS} }`)).rfm.grid.groups.map((group: { name: string }) => group.name)).toEqual(['RECENT_BUYERS', 'THE_REST']);
    await client.ok(UPDATE, { input: { preset: 'SHOPIFY' } });
  });

  it('refuses a lookback that is not a whole number of days from 1, and keeps RFM for admins', async () => {
    const result = await client.request(UPDATE, { input: { lookbackDays: 0 } });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      issues: [{ path: 'input.lookbackDays', message: 'must be at least 1 day' }],
    });
    const storefront = await client.request(`{ rfm { lookbackDays } }`, {}, 'storefront');
    expect(storefront.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
