// What the console needed from the API, through HTTP, for any admin UI: a segment's promotions
// and recent entries and exits (a page of segments in a fixed number of queries), a
// promotion's cart rule and effects as stored (sent back unchanged, they save the same
// promotion), its report day by day, and a customer's views, carts and wishlist.
import { describe, expect, it } from 'vitest';
import { createTestClient } from '../support/http.js';
import { recordQueries } from '../support/queries.js';

const client = await createTestClient();

await client.ok(`mutation { upsertProducts(input: { products: [
  { sku: "AF-01", name: "Soft Flask", brand: "AquaFlow", category: "accessories", price: { amount: 2999, currency: "USD" } },
  { sku: "TB-01", name: "Trail Runner", brand: "Trailblaze", category: "shoes", price: { amount: 12999, currency: "USD" } } ] }) { __typename } }`);
await client.ok(
  `mutation { upsertCustomers(input: { customers: [{ externalId: "fields-1", category: "vip" }, { externalId: "fields-2", category: "vip" }, { externalId: "fields-3", category: "retail" }] }) { __typename } }`,
);

const createSegment = async (name: string, category: string) =>
  (
    await client.ok(
      `mutation ($name: String!, $category: String!) { createSegment(input: { name: $name, rule: { condition: { customerCategory: { categories: [$category] } } } }) { ... on MutationCreateSegmentSuccess { data { segment { id } } } } }`,
      { name, category },
    )
  ).createSegment.data.segment.id as string;

describe('segments', () => {
  it('list their promotions and their recent entries and exits, a page in a fixed number of queries', async () => {
    const vip = await createSegment('Fields VIP', 'vip');
    const retail = await createSegment('Fields retail', 'retail');
    await client.ok(
      `mutation ($vip: ID!, $retail: ID!) { createPromotion(input: { name: "Fields VIP 10%", status: ACTIVE, currency: "USD", includeSegments: [$vip], excludeSegments: [$retail], effects: [{ percentageOff: { percent: 10 } }] }) { __typename } }`,
      { vip, retail },
    );
    await client.ok(`mutation { upsertCustomer(input: { externalId: "fields-3", category: "vip" }) { __typename } }`);
    const page = `{ segments(first: 10, search: "Fields") { edges { node { name recentChanges { entered left } promotions { targeting promotion { name } } } } } }`;
    const { result, queries } = await recordQueries(() => client.ok(page));
    expect(result.segments.edges.map((edge: { node: unknown }) => edge.node)).toEqual([
      { name: 'Fields VIP', recentChanges: { entered: 1, left: 0 }, promotions: [{ targeting: 'INCLUDE', promotion: { name: 'Fields VIP 10%' } }] },
      { name: 'Fields retail', recentChanges: { entered: 0, left: 1 }, promotions: [{ targeting: 'EXCLUDE', promotion: { name: 'Fields VIP 10%' } }] },
    ]);
    const events = queries.filter((text) => text.includes('SegmentMembershipEvent'));
    expect(events).toHaveLength(1);
    expect(queries.length).toBeLessThanOrEqual(6);
  });
});

describe('promotions', () => {
  it('give their cart rule and effects as stored, which save the same promotion when sent back', async () => {
    const created = await client.ok(`mutation { createPromotion(input: { name: "Fields tiers", currency: "USD",
      cartRule: { condition: { cartItemCount: { count: { atLeast: 2 } } } },
      effects: [{ tiered: { tiers: [{ minSubtotal: 5000, effects: [{ percentageOff: { percent: 5 } }] }, { minSubtotal: 10000, effects: [{ amountOff: { amount: 1500 } }, { freeShipping: true }] }] } },
                { message: { text: "Add {missing} more" } }, { buyXGetY: { buy: { skus: ["TB-01"] }, buyQuantity: 2, get: { brands: ["AquaFlow"] }, getQuantity: 1 } }] }) {
      ... on MutationCreatePromotionSuccess { data { promotion { id effectDescriptions cartRuleDescription cartRule storedEffects } } } } }`);
    const promotion = created.createPromotion.data.promotion;
    expect(promotion.cartRule).toEqual({ condition: { type: 'cartItemCount', params: { count: { atLeast: 2 } } } });
    expect(promotion.storedEffects.map((effect: { type: string }) => effect.type)).toEqual(['tiered', 'message', 'buyXGetY']);
    const asInput = (rule: any): any =>
      rule.condition
        ? { condition: { [rule.condition.type]: rule.condition.params } }
        : rule.not
          ? { not: asInput(rule.not) }
          : rule.and
            ? { and: rule.and.map(asInput) }
            : { or: rule.or.map(asInput) };
    const updated = await client.ok(
      `mutation ($input: UpdatePromotionInput!) { updatePromotion(input: $input) { ... on MutationUpdatePromotionSuccess { data { promotion { effectDescriptions cartRuleDescription storedEffects } } } } }`,
      {
        input: {
          id: promotion.id,
          cartRule: asInput(promotion.cartRule),
          effects: promotion.storedEffects.map((effect: { type: string; params: unknown }) => ({ [effect.type]: effect.params })),
        },
      },
    );
    expect(updated.updatePromotion.data.promotion).toEqual({
      effectDescriptions: promotion.effectDescriptions,
      cartRuleDescription: promotion.cartRuleDescription,
      storedEffects: promotion.storedEffects,
    });
  });

  it('report day by day, days without redemptions included', async () => {
    const created = await client.ok(
      `mutation { createPromotion(input: { name: "Fields daily", status: ACTIVE, currency: "USD", effects: [{ amountOff: { amount: 500 } }] }) { ... on MutationCreatePromotionSuccess { data { promotion { id } } } } }`,
    );
    const id = created.createPromotion.data.promotion.id;
    await client.ok(
      `mutation { redeem(input: { orderRef: "fields-order-1", customer: { externalId: "fields-1" }, cart: { currency: "USD", lines: [{ sku: "TB-01", quantity: 1 }] } }) { __typename } }`,
    );
    const report = await client.ok(
      `query ($id: ID!) { node(id: $id) { ... on Promotion { report { redemptions byDay { date redemptions discountGiven { amount } revenue { amount } } } } } }`,
      { id },
    );
    const days = report.node.report.byDay;
    expect(days).toHaveLength(30);
    expect(days.at(-1)).toMatchObject({ redemptions: 1, discountGiven: { amount: 500 }, revenue: { amount: 11199 } }); // $129.99 less this $5 and the VIP 10%
    expect(days.slice(0, -1).every((day: { redemptions: number }) => day.redemptions === 0)).toBe(true);
  });
});

describe('customers', () => {
  it('show their product views, carts and wishlist, the latest first', async () => {
    await client.ok(
      `mutation { recordProductViews(input: { views: [{ customer: { externalId: "fields-2" }, sku: "AF-01", viewedAt: "2026-11-01T10:00:00Z" }, { customer: { externalId: "fields-2" }, sku: "TB-01", viewedAt: "2026-11-02T10:00:00Z" }] }) { __typename } }`,
    );
    await client.ok(
      `mutation { updateCart(input: { externalId: "fields-cart", customer: { externalId: "fields-2" }, currency: "USD", lines: [{ sku: "TB-01", quantity: 2 }] }) { __typename } }`,
    );
    await client.ok(`mutation { addToWishlist(input: { customer: { externalId: "fields-2" }, sku: "AF-01" }) { __typename } }`);
    const customer = await client.ok(`{ customers(first: 1, filter: { search: "fields-2" }) { edges { node {
      productViews(first: 5) { totalCount edges { node { viewedAt product { sku } } } }
      carts(first: 5) { totalCount edges { node { externalId subtotal { amount } lines { quantity product { sku } } } } }
      wishlist { product { sku } } } } } }`);
    const node = customer.customers.edges[0].node;
    expect(node.productViews).toEqual({
      totalCount: 2,
      edges: [
        { node: { viewedAt: '2026-11-02T10:00:00.000Z', product: { sku: 'TB-01' } } },
        { node: { viewedAt: '2026-11-01T10:00:00.000Z', product: { sku: 'AF-01' } } },
      ],
    });
    expect(node.carts).toEqual({
      totalCount: 1,
      edges: [{ node: { externalId: 'fields-cart', subtotal: { amount: 25998 }, lines: [{ quantity: 2, product: { sku: 'TB-01' } }] } }],
    });
    expect(node.wishlist).toEqual([{ product: { sku: 'AF-01' } }]);
  });
});
