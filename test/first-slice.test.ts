// The first slice, end to end over HTTP with keys: an admin defines a segment and a
// promotion; the storefront asks which promotions a shopper gets.
import { beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '../src/db/client.js';
import { createTestClient, type TestClient } from './support/http.js';

let client: TestClient;

const UPSERT_CUSTOMER = /* GraphQL */ `
  mutation ($input: CustomerInput!) {
    upsertCustomer(input: $input) {
      __typename
      ... on MutationUpsertCustomerSuccess { data { customer { id externalId category } } }
      ... on Error { message }
    }
  }
`;

const CREATE_SEGMENT = /* GraphQL */ `
  mutation ($input: CreateSegmentInput!) {
    createSegment(input: $input) {
      __typename
      ... on MutationCreateSegmentSuccess { data { segment { id name ruleDescription memberCount } } }
      ... on Error { message }
    }
  }
`;

const CREATE_PROMOTION = /* GraphQL */ `
  mutation ($input: CreatePromotionInput!) {
    createPromotion(input: $input) {
      __typename
      ... on MutationCreatePromotionSuccess { data { promotion { id name effectDescriptions } } }
      ... on Error { message }
    }
  }
`;

const ELIGIBLE = /* GraphQL */ `
  query ($input: EligibilityInput!) {
    eligiblePromotions(input: $input) {
      __typename
      ... on QueryEligiblePromotionsSuccess {
        data {
          subtotal { amount currency }
          discountTotal { amount }
          total { amount formatted }
          promotions { promotion { id name } discount { amount currency } }
          notApplied { promotion { id } reason }
        }
      }
      ... on NotFoundError { message entity reference path }
      ... on InvalidInputError { message path }
    }
  }
`;

async function seedShop() {
  await prisma.product.createMany({
    data: [
      { sku: 'SLICE-SHOE', name: 'Trail Shoe', brand: 'Trailblaze', category: 'shoes', price: 12_000, currency: 'USD' },
      { sku: 'SLICE-SOCK', name: 'Merino Sock', brand: 'Trailblaze', category: 'accessories', price: 1_999, currency: 'USD' },
    ],
  });
  for (const [externalId, category] of [
    ['slice-wholesaler', 'wholesale'],
    ['slice-retail', 'retail'],
  ] as const) {
    const result = await client.request(UPSERT_CUSTOMER, { input: { externalId, email: `${externalId}@example.com`, category } });
    expect(result.data.upsertCustomer.__typename).toBe('MutationUpsertCustomerSuccess');
  }
}

const cart = {
  currency: 'USD',
  lines: [
    { sku: 'SLICE-SHOE', quantity: 1 },
    { sku: 'SLICE-SOCK', quantity: 3 },
  ],
};

describe('10% off the cart for wholesale customers', () => {
  let promotionId: string;

  beforeAll(async () => {
    client = await createTestClient();
    await seedShop();
    const segment = await client.request(CREATE_SEGMENT, {
      input: { name: 'Wholesale customers', rule: { condition: { customerCategory: { categories: ['wholesale'] } } } },
    });
    expect(segment.errors).toBeUndefined();
    const created = segment.data.createSegment.data.segment;
    expect(created.ruleDescription).toBe('customer category is wholesale');
    expect(created.memberCount).toBe(1);

    const promotion = await client.request(CREATE_PROMOTION, {
      input: { name: 'Wholesale 10%', status: 'ACTIVE', currency: 'USD', includeSegments: [created.id], effects: [{ percentageOff: { percent: 10 } }] },
    });
    expect(promotion.errors).toBeUndefined();
    promotionId = promotion.data.createPromotion.data.promotion.id;
    expect(promotion.data.createPromotion.data.promotion.effectDescriptions).toEqual(['10% off the order']);
  });

  it('gives a member of the segment 10% off the cart', async () => {
    const result = await client.request(ELIGIBLE, { input: { customer: { externalId: 'slice-wholesaler' }, cart } }, 'storefront');
    expect(result.errors).toBeUndefined();
    const eligibility = result.data.eligiblePromotions.data;
    // 120.00 + 3 × 19.99 = 179.97; 10% = 17.997, rounded half up to 18.00.
    expect(eligibility.subtotal).toEqual({ amount: 17_997, currency: 'USD' });
    expect(eligibility.promotions).toEqual([{ promotion: { id: promotionId, name: 'Wholesale 10%' }, discount: { amount: 1_800, currency: 'USD' } }]);
    expect(eligibility.discountTotal.amount).toBe(1_800);
    expect(eligibility.total).toEqual({ amount: 16_197, formatted: '$161.97' });
  });

  it('does not give it to a customer outside the segment, and says why', async () => {
    const result = await client.request(ELIGIBLE, { input: { customer: { externalId: 'slice-retail' }, cart } }, 'storefront');
    const eligibility = result.data.eligiblePromotions.data;
    expect(eligibility.promotions).toEqual([]);
    expect(eligibility.total.amount).toBe(17_997);
    expect(eligibility.notApplied).toContainEqual({ promotion: { id: promotionId }, reason: 'NOT_IN_SEGMENT' });
  });

  it('does not give it to an anonymous shopper', async () => {
    const result = await client.request(ELIGIBLE, { input: { cart } }, 'storefront');
    expect(result.data.eligiblePromotions.data.promotions).toEqual([]);
  });

  it('follows the customer when their category changes', async () => {
    await client.request(UPSERT_CUSTOMER, { input: { externalId: 'slice-retail', category: 'Wholesale' } });
    const result = await client.request(ELIGIBLE, { input: { customer: { externalId: 'slice-retail' }, cart } }, 'storefront');
    expect(result.data.eligiblePromotions.data.promotions).toHaveLength(1);
    await client.request(UPSERT_CUSTOMER, { input: { externalId: 'slice-retail', category: 'retail' } });
  });
});

describe('bad input gets a clear, typed error', () => {
  it('names an unknown customer when the shop refuses them (by default they are answered as anonymous shoppers)', async () => {
    await client.request(`mutation { updateShopSettings(input: { unknownCustomers: ERROR }) { __typename } }`);
    try {
      const result = await client.request(ELIGIBLE, { input: { customer: { externalId: 'nobody' }, cart } }, 'storefront');
      expect(result.data.eligiblePromotions).toEqual({
        __typename: 'NotFoundError',
        message: 'Customer "nobody" does not exist',
        entity: 'Customer',
        reference: 'nobody',
        path: ['input', 'customer', 'externalId'],
      });
    } finally {
      await client.request(`mutation { updateShopSettings(input: { unknownCustomers: ANONYMOUS }) { __typename } }`);
    }
  });

  it('rejects a malformed customer ID', async () => {
    const result = await client.request(ELIGIBLE, { input: { customer: { id: 'not-a-global-id' }, cart } }, 'storefront');
    expect(result.data.eligiblePromotions).toMatchObject({ __typename: 'InvalidInputError', path: ['input', 'customer', 'id'] });
    expect(result.data.eligiblePromotions.message).toContain('is not a Customer ID');
  });

  it('rejects an unknown currency, naming the field', async () => {
    const result = await client.request(ELIGIBLE, { input: { cart: { ...cart, currency: 'XYZ' } } }, 'storefront');
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.issues).toContainEqual({ path: 'input.cart.currency', message: 'is not a known ISO 4217 currency code' });
  });

  it('rejects a negative unit price, naming the field', async () => {
    const result = await client.request(
      ELIGIBLE,
      { input: { cart: { currency: 'USD', lines: [{ sku: 'SLICE-SHOE', quantity: 1, unitPrice: -5 }] } } },
      'storefront',
    );
    expect(result.errors?.[0]?.extensions?.issues).toContainEqual({ path: 'input.cart.lines.0.unitPrice', message: 'must not be negative' });
  });

  it('names an unknown SKU in the cart', async () => {
    const result = await client.request(ELIGIBLE, { input: { cart: { currency: 'USD', lines: [{ sku: 'NOPE', quantity: 1 }] } } }, 'storefront');
    expect(result.data.eligiblePromotions).toMatchObject({ __typename: 'NotFoundError', entity: 'Product', path: ['input', 'cart', 'lines', '0', 'sku'] });
  });

  it('refuses a request without a key', async () => {
    const result = await client.request(ELIGIBLE, { input: { cart } }, 'anonymous');
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(result.data?.eligiblePromotions ?? null).toBeNull();
  });

  it('refuses a revoked or made-up key', async () => {
    const result = await client.request(ELIGIBLE, { input: { cart } }, { key: 'cohort_aaaaaaaaaaaa_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' });
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a storefront key on an admin mutation, and writes nothing', async () => {
    const result = await client.request(
      CREATE_SEGMENT,
      { input: { name: 'Sneaky', rule: { condition: { customerCategory: { categories: ['x'] } } } } },
      'storefront',
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await prisma.segment.count({ where: { name: 'Sneaky' } })).toBe(0);
  });

  it('refuses a storefront key on customer listings (PII)', async () => {
    const result = await client.request('{ customers(first: 5) { edges { node { email } } } }', {}, 'storefront');
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('rejects an invalid rule tree with every problem named', async () => {
    const result = await client.request(CREATE_SEGMENT, { input: { name: 'Empty', rule: { and: [] } } });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.issues).toContainEqual({ path: 'input.rule.and', message: 'a group needs at least one rule' });
  });
});
