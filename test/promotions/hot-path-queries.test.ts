// The storefront's hot path issues a fixed number of SQL statements: it does not grow with
// the number of promotions or segments.
import { beforeAll, describe, expect, it } from 'vitest';
import { forgetApiKeys } from '../../src/access/api-keys.js';
import { prisma } from '../../src/db/client.js';
import { holdoutArms } from '../../src/experiments/experiments.js';
import { forgetShopContext } from '../../src/settings/shop-context.js';
import { fixedClock } from '../../src/shared/clock.js';
import { createTestClient, type TestClient } from '../support/http.js';
import { recordQueries } from '../support/queries.js';

let client: TestClient;
let created = 0;

const ELIGIBLE = `query ($input: EligibilityInput!) { eligiblePromotions(input: $input) { ... on QueryEligiblePromotionsSuccess { data { total { amount } promotions { promotion { name } } notApplied { reason } } } } }`;
const input = {
  customer: { externalId: 'hot-1' },
  cart: {
    currency: 'USD',
    lines: [
      { sku: 'HOT-A', quantity: 2 },
      { sku: 'HOT-B', quantity: 1 },
    ],
  },
};

/** Adds promotions, each targeting its own segment with a mix of conditions. */
async function addPromotions(count: number) {
  for (let index = 0; index < count; index += 1) {
    created += 1;
    const segment = await client.request(
      `mutation ($input: CreateSegmentInput!) { createSegment(input: $input) { ... on MutationCreateSegmentSuccess { data { segment { id } } } } }`,
      {
        input: {
          name: `Hot segment ${created}`,
          rule: {
            or: [
              { condition: { amountSpent: { amount: { atLeast: { amount: 1_000 * created, currency: 'USD' } }, within: { lastDays: 365 } } } },
              { condition: { viewCount: { products: { skus: ['HOT-A'] }, count: { atLeast: created } } } },
              { condition: { inWishlist: { products: { brands: ['Hot'] } } } },
              { condition: { customerCategory: { categories: ['vip'] } } },
              // RFM scores and groups are read in the same statement, whatever their number.
              { condition: { rfmGroup: { currency: 'USD', groups: ['CHAMPIONS', 'PROSPECTS'] } } },
              { condition: { rfmScore: { currency: 'USD', recency: { atLeast: created % 5 } } } },
              { condition: { retentionStage: { stages: created % 2 === 0 ? ['ACTIVE', 'PROSPECT'] : ['DRIFTING'] } } },
            ],
          },
        },
      },
    );
    await client.request(`mutation ($input: CreatePromotionInput!) { createPromotion(input: $input) { __typename } }`, {
      input: {
        name: `Hot promotion ${created}`,
        status: 'ACTIVE',
        currency: 'USD',
        includeSegments: [segment.data.createSegment.data.segment.id],
        cartRule: { condition: { cartSubtotal: { subtotal: { atLeast: { amount: 100, currency: 'USD' } } } } },
        usageLimitPerCustomer: 3,
        effects: [{ percentageOff: { percent: 1 } }],
      },
    });
  }
}

beforeAll(async () => {
  // A fixed clock: the caches kept for a few seconds (the API key, the shop settings) are judged by
  // the server's clock, so however slow the machine, a warm-up keeps them warm for the measurement.
  client = await createTestClient({ clock: fixedClock('2026-06-01T12:00:00Z') });
  await prisma.product.createMany({
    data: [
      { sku: 'HOT-A', name: 'A', brand: 'Hot', price: 1_000, currency: 'USD' },
      { sku: 'HOT-B', name: 'B', brand: 'Cold', price: 2_000, currency: 'USD' },
    ],
  });
  await prisma.customer.create({ data: { externalId: 'hot-1', category: 'vip', registeredAt: new Date('2025-01-01T00:00:00Z') } });
});

describe('eligiblePromotions', () => {
  it('sends as many SQL statements for 20 promotions and segments as for 2', async () => {
    // Each measurement follows a warm-up request, so short-lived caches (the API key, the shop settings) are in the same state.
    const measure = async () => {
      await client.request(ELIGIBLE, { input }, 'storefront');
      return recordQueries(() => client.request(ELIGIBLE, { input }, 'storefront'));
    };
    await addPromotions(2);
    const few = await measure();
    await addPromotions(18);
    const many = await measure();
    expect(many.result.data.eligiblePromotions.data.promotions).toHaveLength(20);
    expect(few.queries.length).toBeGreaterThan(0);
    expect(many.queries.length).toBe(few.queries.length);
  });

  it('reads the customer, their facts and the products in one statement once the catalogue is in memory (plus one count for usage limits)', async () => {
    client.promotions.setTtl(60_000);
    try {
      await client.request(ELIGIBLE, { input }, 'storefront');
      const { result, queries } = await recordQueries(() => client.request(ELIGIBLE, { input }, 'storefront'));
      expect(result.data.eligiblePromotions.data.promotions.length).toBeGreaterThan(0);
      // These promotions limit uses per customer, so their redemptions are counted: the second statement.
      expect(queries, queries.join('\n---\n')).toHaveLength(2);
      expect(queries[0]).toContain('"_shopper"');
      expect(queries[0]).toContain('"Product"');
      expect(queries[1]).toContain('FROM "Redemption"');
    } finally {
      client.promotions.setTtl(0);
    }
  });

  it('with an experiment running, reads the stored arms in the same statement, and writes a first exposure in one more', async () => {
    client.promotions.setTtl(60_000);
    try {
      const [promotion] = await prisma.promotion.findMany({ where: { name: { startsWith: 'Hot promotion' } }, orderBy: { priority: 'desc' }, take: 1 });
      await prisma.experiment.create({
        data: { promotionId: promotion!.id, salt: 'hot-path', arms: holdoutArms(5_000), expectedSampleSize: 1_000, startedAt: new Date() },
      });
      client.promotions.forget();
      const first = await recordQueries(() => client.request(ELIGIBLE, { input }, 'storefront'));
      expect(first.queries.filter((text) => text.includes('INSERT INTO "ExperimentAssignment"'))).toHaveLength(1);
      const { result, queries } = await recordQueries(() => client.request(ELIGIBLE, { input }, 'storefront'));
      expect(result.data.eligiblePromotions.data.promotions.length).toBeGreaterThan(0);
      // As without an experiment: the shopper (now with their stored arms) and the usage count.
      expect(queries, queries.join('\n---\n')).toHaveLength(2);
      expect(queries[0]).toContain('"ExperimentAssignment"');
      expect(queries[1]).toContain('FROM "Redemption"');
    } finally {
      await prisma.experiment.deleteMany({ where: { salt: 'hot-path' } });
      client.promotions.setTtl(0);
    }
  });

  it('on cold caches, authenticates once, reads the shop settings once and the codes beside the shopper', async () => {
    client.promotions.setTtl(60_000);
    try {
      await client.request(ELIGIBLE, { input }, 'storefront');
      forgetApiKeys();
      forgetShopContext();
      const withCode = { ...input, voucherCodes: ['HOT-NO-SUCH-CODE'] };
      const { result, queries } = await recordQueries(() => client.request(ELIGIBLE, { input: withCode }, 'storefront'));
      expect(result.data.eligiblePromotions.data.promotions.length).toBeGreaterThan(0);
      const reading = (table: string) => queries.filter((text) => text.includes(`FROM "public"."${table}"`) || text.includes(`FROM "${table}"`));
      expect(reading('ApiKey'), queries.join('\n---\n')).toHaveLength(1);
      expect(reading('ShopSettings'), queries.join('\n---\n')).toHaveLength(1);
      expect(reading('VoucherCode'), queries.join('\n---\n')).toHaveLength(1);
      // The key, the settings, the shopper (with products and measures), the code, the usage count: no more.
      expect(
        queries.filter((text) => !text.startsWith('UPDATE')),
        queries.join('\n---\n'),
      ).toHaveLength(5);
    } finally {
      client.promotions.setTtl(0);
    }
  });
});
