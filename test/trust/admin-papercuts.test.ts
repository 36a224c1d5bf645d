// What an admin UI needs to show a cart and find things: totals that add up, named as they
// are, and searchable lists.
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestClient, type TestClient } from '../support/http.js';

let client: TestClient;
beforeAll(async () => {
  client = await createTestClient();
  await client.request(`mutation { upsertProduct(input: { sku: "PAPER-1", name: "Jacket", price: { amount: 8000, currency: "EUR" } }) { __typename } }`);
});

describe('cart totals', () => {
  it('add up: promotions’ discounts, lines and shipping ("€15 off + €5 free shipping")', async () => {
    await client.request(
      `mutation { createPromotion(input: { name: "€15 off and free shipping", status: ACTIVE, currency: "EUR", effects: [{ amountOff: { amount: 1500 } }, { freeShipping: true }] }) { __typename } }`,
    );
    const result = await client.request(
      `query { eligiblePromotions(input: { cart: { currency: "EUR", shipping: 500, lines: [{ sku: "PAPER-1", quantity: 1 }] } }) { ... on QueryEligiblePromotionsSuccess { data {
        subtotal { amount } discountTotal { amount } shipping { amount } shippingDiscount { amount } totalDiscount { amount } total { amount }
        promotions { discount { amount } lineDiscount { amount } shippingDiscount { amount } } } } } }`,
      {},
      'storefront',
    );
    const data = result.data.eligiblePromotions.data;
    expect(data.promotions).toEqual([{ discount: { amount: 2_000 }, lineDiscount: { amount: 1_500 }, shippingDiscount: { amount: 500 } }]);
    expect(data).toMatchObject({
      subtotal: { amount: 8_000 },
      discountTotal: { amount: 1_500 },
      shipping: { amount: 500 },
      shippingDiscount: { amount: 500 },
      totalDiscount: { amount: 2_000 },
      total: { amount: 6_500 },
    });
    expect(data.subtotal.amount - data.discountTotal.amount + data.shipping.amount - data.shippingDiscount.amount).toBe(data.total.amount);
  });
});

describe('admin lists', () => {
  it('find segments and promotions by name or description, and filter them', async () => {
    for (const [name, description] of [
      ['Wholesale buyers', 'B2B accounts'],
      ['Big spenders', 'Spent over $300'],
      ['Lapsed', 'No order for a year'],
    ]) {
      await client.request(`mutation ($input: CreateSegmentInput!) { createSegment(input: $input) { __typename } }`, {
        input: { name, description, rule: { condition: { customerCategory: { categories: ['x'] } } } },
      });
    }
    const names = async (query: string, variables: Record<string, unknown>) => {
      const result = await client.request(query, variables);
      expect(result.errors).toBeUndefined();
      const connection = Object.values(result.data)[0] as { totalCount?: number; edges: { node: { name: string } }[] };
      return connection.edges.map((edge) => edge.node.name);
    };
    expect(await names(`query ($search: String) { segments(first: 10, search: $search) { edges { node { name } } } }`, { search: 'SPEND' })).toEqual([
      'Big spenders',
    ]);
    expect(await names(`query ($search: String) { segments(first: 10, search: $search) { edges { node { name } } } }`, { search: 'b2b' })).toEqual([
      'Wholesale buyers',
    ]);
    expect(await names(`query { segments(first: 10, kind: STATIC) { edges { node { name } } } }`, {})).toEqual([]);
    expect(await names(`query ($search: String) { promotions(first: 10, search: $search) { edges { node { name } } } }`, { search: 'free shipping' })).toEqual([
      '€15 off and free shipping',
    ]);
    expect(await names(`query { promotions(first: 10, status: DRAFT) { edges { node { name } } } }`, {})).toEqual([]);
  });
});
