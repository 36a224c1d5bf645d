// The storefront on an ordinary day of sync lag: a customer who signed up a minute ago, a SKU
// the catalogue does not have yet, a line priced in the cart's currency whatever the catalogue
// says. The cart page answers (an anonymous shopper's answer, the unknown line priced from its
// unitPrice and left out of product-targeted promotions) and says so; checkout does the same,
// so it never fails where the cart page succeeded.
import { beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '../../src/db/client.js';
import { createTestClient, type TestClient } from '../support/http.js';

let client: TestClient;

const ELIGIBLE = `query ($input: EligibilityInput!) { eligiblePromotions(input: $input) {
  __typename
  ... on QueryEligiblePromotionsSuccess { data { customerKnown unknownSkus subtotal { amount currency } total { amount } lines { sku subtotal { amount } discount { amount } } promotions { promotion { name } discount { amount } } } }
  ... on NotFoundError { code entity reference path }
  ... on InvalidInputError { code path }
} }`;

const ask = async (input: Record<string, unknown>) => {
  const result = await client.request(ELIGIBLE, { input }, 'storefront');
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data.eligiblePromotions;
};

const write = async (query: string, input: Record<string, unknown>) => {
  const result = await client.request(query, { input });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  expect(JSON.stringify(result.data)).toContain('Success');
  return result.data;
};

beforeAll(async () => {
  client = await createTestClient();
  await write(`mutation ($input: UpsertProductsInput!) { upsertProducts(input: $input) { __typename } }`, {
    products: [
      { sku: 'OPEN-SHOE', name: 'Shoe', brand: 'Stride', price: { amount: 10_000, currency: 'USD' } },
      { sku: 'OPEN-EURO', name: 'Scarf', price: { amount: 4_000, currency: 'USD' } },
    ],
  });
  await write(`mutation ($input: CustomerInput!) { upsertCustomer(input: $input) { __typename } }`, { externalId: 'open-known', category: 'vip' });
  const vip = await write(
    `mutation ($input: CreateSegmentInput!) { createSegment(input: $input) { __typename ... on MutationCreateSegmentSuccess { data { segment { id } } } } }`,
    {
      name: 'VIP',
      rule: { condition: { customerCategory: { categories: ['vip'] } } },
    },
  );
  const promotion = (input: Record<string, unknown>) =>
    write(`mutation ($input: CreatePromotionInput!) { createPromotion(input: $input) { __typename } }`, { status: 'ACTIVE', currency: 'USD', ...input });
  await promotion({ name: '10% for everyone', effects: [{ percentageOff: { percent: 10 } }] });
  await promotion({ name: '$5 off Stride', effects: [{ amountOff: { amount: 500, appliesTo: { products: { brands: ['Stride'] } } } }] });
  await promotion({ name: '$20 off Mystery', effects: [{ amountOff: { amount: 2_000, appliesTo: { products: { skus: ['OPEN-NEW'] } } } }] });
  await promotion({ name: 'VIP $1', includeSegments: [vip.createSegment.data.segment.id], effects: [{ amountOff: { amount: 100 } }] });
});

const shoe = { sku: 'OPEN-SHOE', quantity: 1 };

describe('the storefront on sync lag', () => {
  it('answers a customer it does not know yet as an anonymous shopper, and says so', async () => {
    const known = await ask({ customer: { externalId: 'open-known' }, cart: { currency: 'USD', lines: [shoe] } });
    expect(known.data.customerKnown).toBe(true);
    expect(known.data.promotions.map((entry: { promotion: { name: string } }) => entry.promotion.name).sort()).toEqual([
      '$5 off Stride',
      '10% for everyone',
      'VIP $1',
    ]);

    const unknown = await ask({ customer: { externalId: 'nobody-here' }, cart: { currency: 'USD', lines: [shoe] } });
    expect(unknown.__typename).toBe('QueryEligiblePromotionsSuccess');
    expect(unknown.data.customerKnown).toBe(false);
    expect(unknown.data.promotions.map((entry: { promotion: { name: string } }) => entry.promotion.name).sort()).toEqual(['$5 off Stride', '10% for everyone']);
    const anonymous = await ask({ cart: { currency: 'USD', lines: [shoe] } });
    expect(anonymous.data).toEqual(unknown.data);
  });

  it('refuses an unknown customer when the shop says so', async () => {
    await write(`mutation ($input: UpdateShopSettingsInput!) { updateShopSettings(input: $input) { __typename } }`, { unknownCustomers: 'ERROR' });
    try {
      const refused = await ask({ customer: { externalId: 'nobody-here' }, cart: { currency: 'USD', lines: [shoe] } });
      expect(refused).toEqual({
        __typename: 'NotFoundError',
        code: 'NOT_FOUND',
        entity: 'Customer',
        reference: 'nobody-here',
        path: ['input', 'customer', 'externalId'],
      });
    } finally {
      await write(`mutation ($input: UpdateShopSettingsInput!) { updateShopSettings(input: $input) { __typename } }`, { unknownCustomers: 'ANONYMOUS' });
    }
  });

  it('prices a SKU the catalogue does not have yet from its unitPrice, counts it, and keeps product-targeted promotions off it', async () => {
    const answer = await ask({ cart: { currency: 'USD', lines: [shoe, { sku: 'OPEN-NEW', quantity: 2, unitPrice: 2_500 }] } });
    expect(answer.data.unknownSkus).toEqual(['OPEN-NEW']);
    expect(answer.data.subtotal).toEqual({ amount: 15_000, currency: 'USD' });
    const byName = Object.fromEntries(
      answer.data.promotions.map((entry: { promotion: { name: string }; discount: { amount: number } }) => [entry.promotion.name, entry.discount.amount]),
    );
    // The order-wide 10% (first: the oldest) takes from both lines; "$20 off Mystery" names the unknown SKU and gives nothing; Stride's $5 is the shoe's.
    expect(byName).toEqual({ '10% for everyone': 1_500, '$5 off Stride': 500 });
    const mystery = answer.data.lines.find((line: { sku: string }) => line.sku === 'OPEN-NEW');
    expect(mystery.subtotal.amount).toBe(5_000);
    expect(mystery.discount.amount).toBe(500);
  });

  it('still names the line of an unknown SKU sent without a price', async () => {
    const refused = await ask({ cart: { currency: 'USD', lines: [shoe, { sku: 'OPEN-NEW', quantity: 1 }] } });
    expect(refused).toEqual({
      __typename: 'NotFoundError',
      code: 'NOT_FOUND',
      entity: 'Product',
      reference: 'OPEN-NEW',
      path: ['input', 'cart', 'lines', '1', 'sku'],
    });
  });

  it("takes a line's unitPrice in the cart's currency as given, whatever currency the catalogue stores", async () => {
    const priced = await ask({ cart: { currency: 'EUR', lines: [{ sku: 'OPEN-EURO', quantity: 1, unitPrice: 3_700 }] } });
    expect(priced.data.subtotal).toEqual({ amount: 3_700, currency: 'EUR' });
    const unpriced = await ask({ cart: { currency: 'EUR', lines: [{ sku: 'OPEN-EURO', quantity: 1 }] } });
    expect(unpriced).toMatchObject({ __typename: 'InvalidInputError', code: 'INVALID_INPUT', path: ['input', 'cart', 'lines', '0', 'unitPrice'] });
  });

  it('lets checkout record what the cart page offered, for an unknown customer and an unknown SKU', async () => {
    const input = {
      orderRef: 'OPEN-ORDER-1',
      customer: { externalId: 'signed-up-a-minute-ago' },
      cart: { currency: 'USD', lines: [shoe, { sku: 'OPEN-NEW', quantity: 1, unitPrice: 2_500 }] },
    };
    const page = await ask({ customer: input.customer, cart: input.cart });
    const redeemed = await client.request(
      `mutation ($input: RedeemInput!) { redeem(input: $input) { __typename ... on MutationRedeemSuccess { data { redemptions { promotion { name } discount { amount } } } } } }`,
      { input },
      'storefront',
    );
    expect(redeemed.data.redeem.__typename).toBe('MutationRedeemSuccess');
    const recorded = Object.fromEntries(
      redeemed.data.redeem.data.redemptions.map((entry: { promotion: { name: string }; discount: { amount: number } }) => [
        entry.promotion.name,
        entry.discount.amount,
      ]),
    );
    expect(recorded).toEqual(
      Object.fromEntries(
        page.data.promotions.map((entry: { promotion: { name: string }; discount: { amount: number } }) => [entry.promotion.name, entry.discount.amount]),
      ),
    );
    expect(await prisma.redemption.count({ where: { orderRef: 'OPEN-ORDER-1', customerId: null } })).toBe(Object.keys(recorded).length);
  });
});
