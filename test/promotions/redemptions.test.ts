// Every redemption is recorded exactly once and within its limits, also under concurrency.
import { beforeEach, beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '../../src/db/client.js';
import { createTestClient, type TestClient } from '../support/http.js';

let client: TestClient;

const REDEEM = `mutation ($input: RedeemInput!) { redeem(input: $input) { ... on MutationRedeemSuccess { data {
  replayed redemptions { orderRef discount { amount } promotion { name } } rejected { promotion { name } reason } } } ... on Error { message } } }`;
const ROLLBACK = `mutation ($orderRef: String!) { rollbackRedemption(input: { orderRef: $orderRef }) {
  __typename ... on MutationRollbackRedemptionSuccess { data { redemptions { status } } } ... on Error { code message } ... on AlreadyRolledBackError { orderRef rolledBackAt } } }`;

const cart = { currency: 'USD', lines: [{ sku: 'RED-ITEM', quantity: 1 }] };
const redeem = async (orderRef: string, extra: Record<string, unknown> = {}) => {
  const result = await client.request(REDEEM, { input: { orderRef, cart, ...extra } }, 'storefront');
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data.redeem.data;
};

async function promotion(input: Record<string, unknown>) {
  const result = await client.request(`mutation ($input: CreatePromotionInput!) { createPromotion(input: $input) { __typename ... on Error { message } } }`, {
    input: { name: 'Ten off', status: 'ACTIVE', currency: 'USD', effects: [{ amountOff: { amount: 1_000 } }], ...input },
  });
  expect(result.data.createPromotion.__typename).toBe('MutationCreatePromotionSuccess');
}

beforeAll(async () => {
  client = await createTestClient();
  await prisma.product.create({ data: { sku: 'RED-ITEM', name: 'Item', price: 5_000, currency: 'USD' } });
  await prisma.customer.create({ data: { externalId: 'red-1', registeredAt: new Date('2025-01-01T00:00:00Z') } });
});

beforeEach(async () => {
  await prisma.redemption.deleteMany({});
  await prisma.promotion.deleteMany({});
});

describe('redeem', () => {
  it('records what each promotion gave, once per order, whatever the retries', async () => {
    await promotion({});
    const first = await redeem('ORDER-1');
    expect(first).toEqual({
      replayed: false,
      redemptions: [{ orderRef: 'ORDER-1', discount: { amount: 1_000 }, promotion: { name: 'Ten off' } }],
      rejected: [],
    });
    expect((await redeem('ORDER-1')).replayed).toBe(true);
    expect((await redeem('ORDER-1', { idempotencyKey: 'another-key' })).replayed).toBe(true);
    expect(await prisma.redemption.count()).toBe(1);
    expect((await prisma.promotion.findFirstOrThrow()).redemptionCount).toBe(1);
  });

  it('enforces a total usage limit, and a rollback gives the use back', async () => {
    await promotion({ usageLimit: 1 });
    expect((await redeem('ORDER-A')).redemptions).toHaveLength(1);
    const second = await redeem('ORDER-B');
    expect(second.redemptions).toEqual([]);
    const priced = await client.request(
      `query ($input: EligibilityInput!) { eligiblePromotions(input: $input) { ... on QueryEligiblePromotionsSuccess { data { notApplied { reason } } } } }`,
      { input: { cart } },
      'storefront',
    );
    expect(priced.data.eligiblePromotions.data.notApplied).toEqual([{ reason: 'LIMIT_REACHED' }]);

    expect((await client.request(ROLLBACK, { orderRef: 'ORDER-A' }, 'storefront')).data.rollbackRedemption.data.redemptions).toEqual([
      { status: 'ROLLED_BACK' },
    ]);
    expect((await redeem('ORDER-B')).redemptions).toHaveLength(1);
  });

  it('says a second rollback of an order was done already, and an unknown order is not found', async () => {
    await promotion({ usageLimit: 5 });
    await redeem('ORDER-TWICE');
    const first = (await client.request(ROLLBACK, { orderRef: 'ORDER-TWICE' }, 'storefront')).data.rollbackRedemption;
    expect(first.data.redemptions).toEqual([{ status: 'ROLLED_BACK' }]);
    const rolledBackAt = (await prisma.redemption.findFirstOrThrow({ where: { orderRef: 'ORDER-TWICE' } })).rolledBackAt?.toISOString();
    // Twice at once too: one gives the use back, the others say it was done.
    const again = await Promise.all([1, 2, 3].map(() => client.request(ROLLBACK, { orderRef: 'ORDER-TWICE' }, 'storefront')));
    for (const answer of again)
      expect(answer.data.rollbackRedemption).toMatchObject({
        __typename: 'AlreadyRolledBackError',
        code: 'ALREADY_ROLLED_BACK',
        orderRef: 'ORDER-TWICE',
        rolledBackAt,
      });
    expect((await prisma.promotion.findFirstOrThrow()).redemptionCount).toBe(0);
    const unknown = (await client.request(ROLLBACK, { orderRef: 'NEVER-REDEEMED' }, 'storefront')).data.rollbackRedemption;
    expect(unknown).toMatchObject({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
  });

  it('rolls back an order once when several rollbacks arrive at once', async () => {
    await promotion({ usageLimit: 5 });
    await redeem('ORDER-RACE');
    const answers = await Promise.all([1, 2, 3, 4].map(() => client.request(ROLLBACK, { orderRef: 'ORDER-RACE' }, 'storefront')));
    const kinds = answers.map((answer) => answer.data.rollbackRedemption.__typename).sort();
    expect(kinds.filter((kind) => kind === 'MutationRollbackRedemptionSuccess')).toHaveLength(1);
    expect(kinds.filter((kind) => kind === 'AlreadyRolledBackError')).toHaveLength(3);
    expect((await prisma.promotion.findFirstOrThrow()).redemptionCount).toBe(0);
  });

  it('enforces a limit per customer and a budget', async () => {
    await promotion({ name: 'Once each', usageLimitPerCustomer: 1 });
    expect((await redeem('ORDER-C1', { customer: { externalId: 'red-1' } })).redemptions).toHaveLength(1);
    expect((await redeem('ORDER-C2', { customer: { externalId: 'red-1' } })).redemptions).toHaveLength(0);
    expect((await redeem('ORDER-C3')).redemptions).toHaveLength(1);

    await prisma.redemption.deleteMany({});
    await prisma.promotion.deleteMany({});
    await promotion({ name: 'Budget $25', budget: 2_500 });
    const spent = [await redeem('ORDER-D1'), await redeem('ORDER-D2'), await redeem('ORDER-D3'), await redeem('ORDER-D4')];
    // The order that reaches the budget gets what is left; after it, the promotion no longer applies.
    expect(spent.map((outcome) => outcome.redemptions.map((redemption: { discount: { amount: number } }) => redemption.discount.amount))).toEqual([
      [1_000],
      [1_000],
      [500],
      [],
    ]);
  });

  it('checks the budget again under lock when the storefront priced with stale counters', async () => {
    client.promotions.setTtl(60_000);
    try {
      await promotion({ name: 'Budget $25', budget: 2_500 });
      expect((await redeem('ORDER-E1')).redemptions).toHaveLength(1);
      // Price once more: this caches the catalogue with 1,000 given.
      await client.request(`query ($input: EligibilityInput!) { eligiblePromotions(input: $input) { __typename } }`, { input: { cart } }, 'storefront');
      // Another instance spends most of the budget meanwhile; this one's cached catalogue has not seen it.
      await prisma.promotion.updateMany({ data: { discountGiven: 2_000 } });
      const late = await redeem('ORDER-E2');
      expect(late.redemptions).toEqual([]);
      expect(late.rejected).toEqual([{ promotion: { name: 'Budget $25' }, reason: 'BUDGET_SPENT' }]);
    } finally {
      client.promotions.setTtl(0);
    }
  });
});

describe('promotion report', () => {
  it('counts redemptions, discount and revenue, by segment, without rolled-back orders', async () => {
    await prisma.customer.update({ where: { externalId: 'red-1' }, data: { category: 'vip' } });
    const segment = await client.request(
      `mutation { createSegment(input: { name: "Report VIPs", rule: { condition: { customerCategory: { categories: ["vip"] } } } }) { ... on MutationCreateSegmentSuccess { data { segment { id } } } } }`,
    );
    await promotion({ name: 'VIP ten off', includeSegments: [segment.data.createSegment.data.segment.id] });
    await redeem('REPORT-1', { customer: { externalId: 'red-1' } });
    await redeem('REPORT-2', { customer: { externalId: 'red-1' } });
    await redeem('REPORT-3', { customer: { externalId: 'red-1' } });
    await client.request(ROLLBACK, { orderRef: 'REPORT-3' }, 'storefront');
    const report = await client.request(
      `{ promotions(first: 1) { edges { node { report { redemptions discountGiven { amount } revenue { amount } bySegment { segment { name } redemptions revenue { amount } } } } } } }`,
    );
    expect(report.data.promotions.edges[0].node.report).toEqual({
      redemptions: 2,
      discountGiven: { amount: 2_000 },
      revenue: { amount: 8_000 },
      bySegment: [{ segment: { name: 'Report VIPs' }, redemptions: 2, revenue: { amount: 8_000 } }],
    });
  });
});

describe.skipIf(!process.env.TEST_POSTGRES_URL)('redeem under concurrency (PostgreSQL)', () => {
  it('100 concurrent redemptions against a limit of 10 give exactly 10', async () => {
    await promotion({ name: 'First ten', usageLimit: 10 });
    const outcomes = await Promise.all(Array.from({ length: 100 }, (_, index) => redeem(`RACE-${index}`)));
    expect(outcomes.filter((outcome) => outcome.redemptions.length === 1)).toHaveLength(10);
    expect(outcomes.filter((outcome) => outcome.rejected[0]?.reason === 'LIMIT_REACHED')).toHaveLength(90);
    expect(await prisma.redemption.count({ where: { status: 'APPLIED' } })).toBe(10);
    expect((await prisma.promotion.findFirstOrThrow()).redemptionCount).toBe(10);
  });

  it('the same order redeemed 20 times at once is recorded once', async () => {
    await promotion({ name: 'Race same order' });
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => redeem('SAME-ORDER')));
    expect(outcomes.filter((outcome) => !outcome.replayed)).toHaveLength(1);
    expect(await prisma.redemption.count()).toBe(1);
  });
});
