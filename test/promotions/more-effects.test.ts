// Buy X get Y, suggestive selling and loyalty points.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { prisma } from '../../src/db/client.js';
import { createTestClient, type TestClient } from '../support/http.js';

let client: TestClient;

const ELIGIBLE = `query ($input: EligibilityInput!) { eligiblePromotions(input: $input) { ... on QueryEligiblePromotionsSuccess { data {
  discountTotal { amount } lines { sku discount { amount } } suggestions { skus percentOff text } loyaltyPoints { earns multiplier } } } } }`;

async function promotion(effects: unknown[], extra: Record<string, unknown> = {}) {
  const result = await client.request(`mutation ($input: CreatePromotionInput!) { createPromotion(input: $input) { __typename ... on Error { message } } }`, {
    input: { name: `Effect ${Math.random()}`, status: 'ACTIVE', currency: 'USD', effects, ...extra },
  });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
}

const price = async (lines: { sku: string; quantity?: number }[]) =>
  (await client.request(ELIGIBLE, { input: { cart: { currency: 'USD', lines: lines.map((line) => ({ quantity: 1, ...line })) } } }, 'storefront')).data
    .eligiblePromotions.data;

beforeAll(async () => {
  client = await createTestClient();
  await prisma.product.createMany({
    data: [
      { sku: 'FX-SOCK-A', name: 'Sock A', brand: 'Trailblaze', category: 'socks', price: 1_200, currency: 'USD' },
      { sku: 'FX-SOCK-B', name: 'Sock B', brand: 'Trailblaze', category: 'socks', price: 900, currency: 'USD' },
      { sku: 'FX-BOOT', name: 'Boot', brand: 'Trailblaze', category: 'shoes', price: 12_000, currency: 'USD' },
      { sku: 'FX-WAX', name: 'Boot wax', brand: 'Trailblaze', category: 'care', price: 800, currency: 'USD' },
    ],
  });
});

beforeEach(() => prisma.promotion.deleteMany({}));

describe('more effects', () => {
  it('buy 2 socks, get the cheapest third free', async () => {
    await promotion([{ buyXGetY: { buy: { categories: ['socks'] }, buyQuantity: 2, get: { categories: ['socks'] }, getQuantity: 1 } }]);
    expect((await price([{ sku: 'FX-SOCK-A', quantity: 2 }])).discountTotal.amount).toBe(0);
    const three = await price([{ sku: 'FX-SOCK-A', quantity: 2 }, { sku: 'FX-SOCK-B' }]);
    expect(three.lines).toEqual([
      { sku: 'FX-SOCK-A', discount: { amount: 0 } },
      { sku: 'FX-SOCK-B', discount: { amount: 900 } },
    ]);
    expect((await price([{ sku: 'FX-SOCK-A', quantity: 6 }])).discountTotal.amount).toBe(2_400);
  });

  it('buy boots, get the wax half price', async () => {
    await promotion([{ buyXGetY: { buy: { skus: ['FX-BOOT'] }, buyQuantity: 1, get: { skus: ['FX-WAX'] }, getQuantity: 1, percent: 50 } }]);
    expect((await price([{ sku: 'FX-BOOT' }, { sku: 'FX-WAX', quantity: 2 }])).discountTotal.amount).toBe(400);
  });

  it('suggestive selling: item A in the cart recommends item B, discounted once added', async () => {
    await promotion([{ suggestion: { when: { skus: ['FX-BOOT'] }, suggestSkus: ['FX-WAX'], percent: 20, text: 'Keep them waterproof' } }]);
    expect((await price([{ sku: 'FX-SOCK-A' }])).suggestions).toEqual([]);
    const suggested = await price([{ sku: 'FX-BOOT' }]);
    expect(suggested.suggestions).toEqual([{ skus: ['FX-WAX'], percentOff: 20, text: 'Keep them waterproof' }]);
    const added = await price([{ sku: 'FX-BOOT' }, { sku: 'FX-WAX' }]);
    expect(added.suggestions).toEqual([]);
    expect(added.lines).toEqual([
      { sku: 'FX-BOOT', discount: { amount: 0 } },
      { sku: 'FX-WAX', discount: { amount: 160 } },
    ]);
  });

  it('loyalty points: double points, or none', async () => {
    await promotion([{ loyaltyPoints: { earn: true, multiplier: 2 } }]);
    expect((await price([{ sku: 'FX-BOOT' }])).loyaltyPoints).toEqual({ earns: true, multiplier: 2 });
    await promotion([{ loyaltyPoints: { earn: false } }]);
    expect((await price([{ sku: 'FX-BOOT' }])).loyaltyPoints).toEqual({ earns: false, multiplier: 0 });
  });
});

describe('effects as the admin reads them back', () => {
  it('show a discount left without a target as applying to the order', async () => {
    const result = await client.request(
      `mutation ($input: CreatePromotionInput!) { createPromotion(input: $input) { ... on MutationCreatePromotionSuccess { data { promotion {
        effectDescriptions effects { __typename ... on PercentageOffEffect { percent appliesTo { kind skus } } ... on AmountOffEffect { amount { amount } appliesTo { kind brands } } } } } } } }`,
      {
        input: {
          name: 'Targets',
          currency: 'USD',
          effects: [{ percentageOff: { percent: 12.5 } }, { amountOff: { amount: 500, appliesTo: { products: { brands: ['Trailblaze'] } } } }],
        },
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.createPromotion.data.promotion).toEqual({
      effectDescriptions: ['12.5% off the order', '$5.00 off a Trailblaze product'],
      effects: [
        { __typename: 'PercentageOffEffect', percent: 12.5, appliesTo: { kind: 'ORDER', skus: null } },
        { __typename: 'AmountOffEffect', amount: { amount: 500 }, appliesTo: { kind: 'PRODUCTS', brands: ['Trailblaze'] } },
      ],
    });
  });
});
