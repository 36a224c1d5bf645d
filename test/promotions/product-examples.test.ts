// The common promotion examples (shipping thresholds, tiers, bundles…), each as a storefront would see it.
import { beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '../../src/db/client.js';
import { fixedClock } from '../../src/shared/clock.js';
import { createTestClient, type TestClient } from '../support/http.js';

const clock = fixedClock('2026-11-23T12:00:00Z');
let client: TestClient;

const ELIGIBLE = /* GraphQL */ `
  query ($input: EligibilityInput!) {
    eligiblePromotions(input: $input) {
      ... on QueryEligiblePromotionsSuccess {
        data {
          subtotal { amount } discountTotal { amount } shipping { amount } shippingDiscount { amount } total { amount }
          lines { sku discount { amount } total { amount } }
          promotions { promotion { name } discount { amount } effects { amount { amount } shipping { amount } lines { sku amount { amount } } } }
          notApplied { promotion { name } reason }
          messages { text placement promotion { name } }
          nearlyEligible { promotion { name } missing { amount formatted } }
        }
      }
      ... on Error { message }
    }
  }
`;

async function promotion(input: Record<string, unknown>) {
  const result = await client.request(
    `mutation ($input: CreatePromotionInput!) { createPromotion(input: $input) { __typename ... on MutationCreatePromotionSuccess { data { promotion { id } } } ... on Error { message } } }`,
    { input: { status: 'ACTIVE', currency: 'USD', ...input } },
  );
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  expect(result.data.createPromotion.__typename).toBe('MutationCreatePromotionSuccess');
  return result.data.createPromotion.data.promotion.id as string;
}

async function segment(name: string, rule: Record<string, unknown>) {
  const result = await client.request(
    `mutation ($input: CreateSegmentInput!) { createSegment(input: $input) { ... on MutationCreateSegmentSuccess { data { segment { id } } } } }`,
    {
      input: { name, rule },
    },
  );
  return result.data.createSegment.data.segment.id as string;
}

async function eligible(customer: string | null, lines: { sku: string; quantity?: number }[], options: { currency?: string; shipping?: number } = {}) {
  const result = await client.request(
    ELIGIBLE,
    {
      input: {
        ...(customer ? { customer: { externalId: customer } } : {}),
        cart: { currency: options.currency ?? 'USD', shipping: options.shipping ?? 0, lines: lines.map((line) => ({ quantity: 1, ...line })) },
      },
    },
    'storefront',
  );
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data.eligiblePromotions.data;
}

const names = (entries: { promotion: { name: string } }[]) => entries.map((entry) => entry.promotion.name);

async function resetPromotions() {
  await prisma.promotion.deleteMany({});
}

beforeAll(async () => {
  client = await createTestClient({ clock });
  await prisma.product.createMany({
    data: [
      { sku: 'TENT', name: 'Tent', brand: 'Summit Co', category: 'camping', price: 8_000, currency: 'USD' },
      { sku: 'STOVE', name: 'Stove', brand: 'Summit Co', category: 'camping', price: 3_000, currency: 'USD' },
      { sku: 'BOOT', name: 'Boot', brand: 'Trailblaze', category: 'shoes', price: 12_000, currency: 'USD' },
      { sku: 'SOCK', name: 'Sock', brand: 'Trailblaze', category: 'accessories', price: 1_000, currency: 'USD' },
      { sku: 'CLUB', name: 'Club membership', brand: 'Cohort Club', category: 'membership', price: 4_900, currency: 'USD' },
      { sku: 'EU-JACKET', name: 'Jacket', brand: 'Northwind', category: 'jackets', price: 5_000, currency: 'EUR' },
    ],
  });
  const boot = await prisma.product.findUniqueOrThrow({ where: { sku: 'BOOT' } });
  const customers = [
    { externalId: 'big-spender', category: 'retail', spent: 35_000 },
    { externalId: 'small-spender', category: 'retail', spent: 10_000 },
    { externalId: 'exactly-300', category: 'retail', spent: 30_000 },
    { externalId: 'wholesaler', category: 'wholesale', spent: 0 },
  ];
  for (const customer of customers) {
    const created = await prisma.customer.create({
      data: { externalId: customer.externalId, category: customer.category, registeredAt: new Date('2024-01-01T00:00:00Z') },
    });
    if (customer.spent > 0) {
      await prisma.order.create({
        data: {
          externalId: `order-${customer.externalId}`,
          customerId: created.id,
          status: 'VALIDATED',
          placedAt: new Date('2026-06-01T00:00:00Z'),
          currency: 'USD',
          subtotal: customer.spent,
          total: customer.spent,
          lines: {
            create: [{ productId: boot.id, quantity: 1, unitPrice: customer.spent, lineTotal: customer.spent, brand: 'Trailblaze', category: 'shoes' }],
          },
        },
      });
    }
  }
});

describe('the common promotion examples', () => {
  it('free shipping for all orders over $100, and a nudge below it', async () => {
    await resetPromotions();
    await promotion({
      name: 'Free shipping over $100',
      cartRule: { condition: { cartSubtotal: { subtotal: { moreThan: { amount: 10_000, currency: 'USD' } } } } },
      effects: [{ freeShipping: true }, { message: { text: 'Add {missing} more for free shipping' } }],
    });
    const over = await eligible(null, [{ sku: 'TENT' }, { sku: 'STOVE' }], { shipping: 695 });
    expect(over).toMatchObject({ subtotal: { amount: 11_000 }, shippingDiscount: { amount: 695 }, total: { amount: 11_000 } });
    expect(names(over.promotions)).toEqual(['Free shipping over $100']);
    expect(over.messages).toEqual([]);

    const under = await eligible(null, [{ sku: 'TENT' }], { shipping: 695 });
    expect(under.total.amount).toBe(8_695);
    expect(under.notApplied).toEqual([{ promotion: { name: 'Free shipping over $100' }, reason: 'CART_CONDITION' }]);
    expect(under.nearlyEligible).toEqual([{ promotion: { name: 'Free shipping over $100' }, missing: { amount: 2_001, formatted: '$20.01' } }]);
    expect(under.messages).toEqual([{ text: 'Add $20.01 more for free shipping', placement: 'CART', promotion: { name: 'Free shipping over $100' } }]);
  });

  it('10% off for customers who spent more than $300 in the past year', async () => {
    await resetPromotions();
    const spenders = await segment('Spent over $300 this year', {
      condition: { amountSpent: { amount: { moreThan: { amount: 30_000, currency: 'USD' } }, within: { lastDays: 365 } } },
    });
    const described = await client.request(`query ($id: ID!) { node(id: $id) { ... on Segment { ruleDescription memberCount } } }`, { id: spenders });
    expect(described.data.node).toEqual({ ruleDescription: 'spent more than $300.00 in the last 365 days', memberCount: 1 });
    await promotion({ name: '10% for big spenders', includeSegments: [spenders], effects: [{ percentageOff: { percent: 10 } }] });
    const big = await eligible('big-spender', [{ sku: 'BOOT' }]);
    expect(big.discountTotal.amount).toBe(1_200);
    for (const customer of ['small-spender', 'exactly-300']) {
      const notBig = await eligible(customer, [{ sku: 'BOOT' }]);
      expect(notBig.discountTotal.amount).toBe(0);
      expect(notBig.notApplied).toEqual([{ promotion: { name: '10% for big spenders' }, reason: 'NOT_IN_SEGMENT' }]);
    }
  });

  it('promote a brand to customers who bought specific items', async () => {
    await resetPromotions();
    const bootBuyers = await segment('Bought the boot', { condition: { productsOrdered: { products: { skus: ['BOOT'] } } } });
    await promotion({
      name: '15% off Summit Co for boot buyers',
      includeSegments: [bootBuyers],
      effects: [
        { percentageOff: { percent: 15, appliesTo: { products: { brands: ['summit co'] } } } },
        { message: { text: 'Summit Co gear: 15% off for you', placement: 'CATEGORY_PAGE' } },
      ],
    });
    const result = await eligible('big-spender', [{ sku: 'TENT' }, { sku: 'SOCK' }]);
    expect(result.lines).toEqual([
      { sku: 'TENT', discount: { amount: 1_200 }, total: { amount: 6_800 } },
      { sku: 'SOCK', discount: { amount: 0 }, total: { amount: 1_000 } },
    ]);
    expect(result.messages.map((message: { placement: string }) => message.placement)).toEqual(['CATEGORY_PAGE']);
    expect((await eligible('wholesaler', [{ sku: 'TENT' }])).discountTotal.amount).toBe(0);
  });

  it('a message for carts between $100 and $200', async () => {
    await resetPromotions();
    await promotion({
      name: 'Mid-size cart message',
      cartRule: { condition: { cartSubtotal: { subtotal: { atLeast: { amount: 10_000, currency: 'USD' }, atMost: { amount: 20_000, currency: 'USD' } } } } },
      effects: [{ message: { text: 'You are close to our gift threshold!' } }],
    });
    expect((await eligible(null, [{ sku: 'BOOT' }])).messages.map((message: { text: string }) => message.text)).toEqual([
      'You are close to our gift threshold!',
    ]);
    expect((await eligible(null, [{ sku: 'BOOT' }, { sku: 'BOOT' }])).messages).toEqual([]);
    expect((await eligible(null, [{ sku: 'SOCK' }])).messages).toEqual([]);
  });

  it('different promotions for different customer categories', async () => {
    await resetPromotions();
    const wholesale = await segment('Category wholesale', { condition: { customerCategory: { categories: ['wholesale'] } } });
    const retail = await segment('Category retail', { condition: { customerCategory: { categories: ['retail'] } } });
    await promotion({ name: 'Wholesale 20%', includeSegments: [wholesale], effects: [{ percentageOff: { percent: 20 } }] });
    await promotion({ name: 'Retail $5 off', includeSegments: [retail], effects: [{ amountOff: { amount: 500 } }] });
    expect(names((await eligible('wholesaler', [{ sku: 'BOOT' }])).promotions)).toEqual(['Wholesale 20%']);
    expect(names((await eligible('small-spender', [{ sku: 'BOOT' }])).promotions)).toEqual(['Retail $5 off']);
  });

  it('brackets: from €50, €5 off; from €150, 10% off and free shipping', async () => {
    await resetPromotions();
    await promotion({
      name: 'Buy more, save more',
      currency: 'EUR',
      effects: [
        {
          tiered: {
            tiers: [
              { minSubtotal: 5_000, effects: [{ amountOff: { amount: 500 } }] },
              { minSubtotal: 15_000, effects: [{ percentageOff: { percent: 10 } }, { freeShipping: true }] },
            ],
          },
        },
      ],
    });
    const below = await eligible(null, [], { currency: 'EUR' });
    expect(below.notApplied).toEqual([{ promotion: { name: 'Buy more, save more' }, reason: 'CART_CONDITION' }]);
    expect(below.nearlyEligible[0].missing.amount).toBe(5_000);

    const fifty = await eligible(null, [{ sku: 'EU-JACKET' }], { currency: 'EUR', shipping: 490 });
    expect(fifty).toMatchObject({ discountTotal: { amount: 500 }, shippingDiscount: { amount: 0 }, total: { amount: 4_990 } });
    expect(fifty.nearlyEligible).toEqual([{ promotion: { name: 'Buy more, save more' }, missing: { amount: 10_000, formatted: '€100.00' } }]);

    const oneFifty = await eligible(null, [{ sku: 'EU-JACKET', quantity: 3 }], { currency: 'EUR', shipping: 490 });
    expect(oneFifty).toMatchObject({
      subtotal: { amount: 15_000 },
      discountTotal: { amount: 1_500 },
      shippingDiscount: { amount: 490 },
      total: { amount: 13_500 },
    });
  });

  it('a discount that applies only with a membership product in the cart', async () => {
    await resetPromotions();
    await promotion({
      name: 'Members save 10% today',
      cartRule: { condition: { cartContains: { products: { categories: ['membership'] } } } },
      effects: [
        { percentageOff: { percent: 10, appliesTo: { products: { categories: ['camping', 'shoes', 'accessories'] } } } },
        { message: { text: 'Join the club: 10% off this order', placement: 'CART' } },
      ],
    });
    const without = await eligible(null, [{ sku: 'TENT' }]);
    expect(without.discountTotal.amount).toBe(0);
    const withMembership = await eligible(null, [{ sku: 'TENT' }, { sku: 'CLUB' }]);
    expect(withMembership.lines).toEqual([
      { sku: 'TENT', discount: { amount: 800 }, total: { amount: 7_200 } },
      { sku: 'CLUB', discount: { amount: 0 }, total: { amount: 4_900 } },
    ]);
  });
});

describe('rounding and allocation', () => {
  it('allocates an order discount over the lines so the parts add up exactly', async () => {
    await resetPromotions();
    await promotion({ name: 'A third off', effects: [{ percentageOff: { percent: 33.33 } }] });
    const result = await eligible(null, [{ sku: 'SOCK' }, { sku: 'SOCK' }, { sku: 'STOVE' }]);
    const [applied] = result.promotions;
    // 5,000 × 33.33% = 1,666.5 → 1,667 (half up); in proportion 333.4 / 333.4 / 1,000.2, the
    // spare cent goes to the largest remainder, the first line: 334 + 333 + 1,000 = 1,667.
    expect(applied.discount.amount).toBe(1_667);
    expect(applied.effects[0].lines).toEqual([
      { sku: 'SOCK', amount: { amount: 334 } },
      { sku: 'SOCK', amount: { amount: 333 } },
      { sku: 'STOVE', amount: { amount: 1_000 } },
    ]);
    expect(result.total.amount).toBe(5_000 - 1_667);
  });
});
