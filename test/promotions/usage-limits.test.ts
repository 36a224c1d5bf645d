// Limits per day, week and month (in total and per customer, for promotions and codes), per
// customer for codes up front, and budgets whose last order gets what is left.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { prisma } from '../../src/db/client.js';
import { forgetShopContext } from '../../src/settings/shop-context.js';
import { periodStarts } from '../../src/rules/usage-limits.js';
import { fixedClock } from '../../src/shared/clock.js';
import { createTestClient, type TestClient } from '../support/http.js';

// Wednesday 25 November 2026, 22:30 in New York (03:30 UTC on Thursday).
const clock = fixedClock('2026-11-26T03:30:00Z');
let client: TestClient;
const cart = { currency: 'USD', lines: [{ sku: 'LIMIT-ITEM', quantity: 1 }] };

const REDEEM = `mutation ($input: RedeemInput!) { redeem(input: $input) { ... on MutationRedeemSuccess { data { redemptions { discount { amount } } rejected { reason } } } ... on Error { message } } }`;
const ELIGIBLE = `query ($input: EligibilityInput!) { eligiblePromotions(input: $input) { ... on QueryEligiblePromotionsSuccess { data {
  promotions { discount { amount } } notApplied { reason } } } } }`;

async function promotion(input: Record<string, unknown>): Promise<string> {
  const result = await client.request(
    `mutation ($input: CreatePromotionInput!) { createPromotion(input: $input) { ... on MutationCreatePromotionSuccess { data { promotion { id } } } ... on Error { message } } }`,
    {
      input: { name: 'Limited', status: 'ACTIVE', currency: 'USD', effects: [{ amountOff: { amount: 1_000 } }], ...input },
    },
  );
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data.createPromotion.data.promotion.id;
}

async function redeem(orderRef: string, customer?: string, extra: Record<string, unknown> = {}) {
  const result = await client.request(
    REDEEM,
    { input: { orderRef, cart, ...(customer ? { customer: { externalId: customer } } : {}), ...extra } },
    'storefront',
  );
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data.redeem.data;
}

async function eligible(customer?: string) {
  const result = await client.request(ELIGIBLE, { input: { cart, ...(customer ? { customer: { externalId: customer } } : {}) } }, 'storefront');
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data.eligiblePromotions.data;
}

beforeAll(async () => {
  client = await createTestClient({ clock });
  await prisma.shopSettings.upsert({ where: { id: 1 }, create: { id: 1, timeZone: 'America/New_York' }, update: { timeZone: 'America/New_York' } });
  forgetShopContext();
  await prisma.product.create({ data: { sku: 'LIMIT-ITEM', name: 'Item', price: 5_000, currency: 'USD' } });
  for (const externalId of ['limit-ann', 'limit-bob']) await prisma.customer.create({ data: { externalId, registeredAt: new Date('2025-01-01T00:00:00Z') } });
});

beforeEach(async () => {
  clock.set('2026-11-26T03:30:00Z');
  await prisma.redemption.deleteMany({});
  await prisma.voucherCode.deleteMany({});
  await prisma.promotion.deleteMany({});
});

describe('periods', () => {
  it("begin at midnight in the shop's time zone; weeks on Monday", () => {
    const starts = periodStarts(new Date('2026-11-26T03:30:00Z'), 'America/New_York');
    expect(starts.DAY.toISOString()).toBe('2026-11-25T05:00:00.000Z');
    expect(starts.WEEK.toISOString()).toBe('2026-11-23T05:00:00.000Z');
    expect(starts.MONTH.toISOString()).toBe('2026-11-01T04:00:00.000Z'); // still daylight time on 1 November
    const auckland = periodStarts(new Date('2026-03-31T12:00:00Z'), 'Pacific/Auckland'); // 1 April 01:00 there
    expect(auckland.MONTH.toISOString()).toBe('2026-03-31T11:00:00.000Z');
    expect(auckland.WEEK.toISOString()).toBe('2026-03-29T11:00:00.000Z'); // Monday 30 March, NZDT (+13)
  });
});

describe('periodic limits', () => {
  it('cap the redemptions of a day in total; the next day opens again', async () => {
    await promotion({ periodicLimits: [{ period: 'DAY', limit: 2 }] });
    expect((await redeem('DAY-1', 'limit-ann')).redemptions).toHaveLength(1);
    expect((await redeem('DAY-2', 'limit-bob')).redemptions).toHaveLength(1);
    expect(await eligible('limit-ann')).toEqual({ promotions: [], notApplied: [{ reason: 'LIMIT_REACHED' }] });
    expect(await redeem('DAY-3', 'limit-ann')).toEqual({ redemptions: [], rejected: [] });

    clock.set('2026-11-26T05:00:00Z'); // midnight in New York
    expect((await eligible('limit-ann')).promotions).toEqual([{ discount: { amount: 1_000 } }]);
    expect((await redeem('DAY-4', 'limit-ann')).redemptions).toHaveLength(1);
  });

  it('count per customer when asked: one a week each, and the week turns on Monday', async () => {
    await promotion({ periodicLimits: [{ period: 'WEEK', limit: 1, perCustomer: true }] });
    expect((await redeem('WEEK-1', 'limit-ann')).redemptions).toHaveLength(1);
    expect(await eligible('limit-ann')).toEqual({ promotions: [], notApplied: [{ reason: 'LIMIT_REACHED' }] });
    expect((await eligible('limit-bob')).promotions).toHaveLength(1);
    clock.set('2026-11-30T04:59:00Z'); // Sunday 23:59 in New York
    expect((await eligible('limit-ann')).notApplied).toEqual([{ reason: 'LIMIT_REACHED' }]);
    clock.set('2026-11-30T05:00:00Z'); // Monday
    expect((await eligible('limit-ann')).promotions).toHaveLength(1);
  });

  it('hold under concurrency: 20 orders at once against 3 a day give exactly 3', async () => {
    await promotion({ periodicLimits: [{ period: 'DAY', limit: 3 }] });
    const results = await Promise.all(Array.from({ length: 20 }, (_, index) => redeem(`RUSH-${index}`)));
    expect(results.filter((result) => result.redemptions.length === 1)).toHaveLength(3);
    expect(await prisma.redemption.count({ where: { status: 'APPLIED' } })).toBe(3);
  });

  it('are refused when malformed, naming the field', async () => {
    const result = await client.request(`mutation ($input: CreatePromotionInput!) { createPromotion(input: $input) { __typename } }`, {
      input: { name: 'Bad', currency: 'USD', effects: [{ amountOff: { amount: 100 } }], periodicLimits: [{ period: 'DAY', limit: 0 }] },
    });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.issues).toEqual([{ path: 'input.periodicLimits.0.limit', message: 'must be more than 0' }]);
  });
});

describe('voucher code limits', () => {
  const validate = async (code: string, customer?: string) => {
    const result = await client.request(
      `query ($input: VoucherCheckInput!) { validateVoucher(input: $input) { ... on QueryValidateVoucherSuccess { data { applied reason } } } }`,
      {
        input: { code, cart, ...(customer ? { customer: { externalId: customer } } : {}) },
      },
      'storefront',
    );
    return result.data.validateVoucher.data;
  };

  async function code(input: Record<string, unknown>) {
    const id = await promotion({ name: 'Code', requiresVoucher: true });
    const result = await client.request(
      `mutation ($input: CreateVoucherCodesInput!) { createVoucherCodes(input: $input) { __typename ... on Error { message } } }`,
      { input: { promotion: id, codes: ['LIMITED'], ...input } },
    );
    expect(result.data.createVoucherCodes.__typename).toBe('MutationCreateVoucherCodesSuccess');
  }

  it('say up front when this customer used the code up', async () => {
    await code({ usageLimitPerCustomer: 1 });
    expect((await redeem('CODE-1', 'limit-ann', { voucherCodes: ['LIMITED'] })).redemptions).toHaveLength(1);
    expect(await validate('LIMITED', 'limit-ann')).toEqual({ applied: false, reason: 'CODE_LIMIT_REACHED' });
    expect(await validate('LIMITED', 'limit-bob')).toEqual({ applied: true, reason: null });
  });

  it('limit a code per month', async () => {
    await code({ periodicLimits: [{ period: 'MONTH', limit: 1 }] });
    expect((await redeem('CODE-M1', 'limit-ann', { voucherCodes: ['LIMITED'] })).redemptions).toHaveLength(1);
    expect(await validate('LIMITED', 'limit-bob')).toEqual({ applied: false, reason: 'CODE_LIMIT_REACHED' });
    expect((await redeem('CODE-M2', 'limit-bob', { voucherCodes: ['LIMITED'] })).redemptions).toEqual([]);
    clock.set('2026-12-01T05:00:00Z'); // 1 December in New York
    expect(await validate('LIMITED', 'limit-bob')).toEqual({ applied: true, reason: null });
  });
});

describe('budgets', () => {
  it('give the order that reaches the budget what is left, then stop', async () => {
    await promotion({ budget: 2_500 });
    expect((await redeem('BUDGET-1')).redemptions).toEqual([{ discount: { amount: 1_000 } }]);
    expect((await redeem('BUDGET-2')).redemptions).toEqual([{ discount: { amount: 1_000 } }]);
    expect((await eligible()).promotions).toEqual([{ discount: { amount: 500 } }]);
    expect((await redeem('BUDGET-3')).redemptions).toEqual([{ discount: { amount: 500 } }]);
    expect(await eligible()).toEqual({ promotions: [], notApplied: [{ reason: 'BUDGET_SPENT' }] });
    expect((await prisma.promotion.findFirstOrThrow()).discountGiven).toBe(2_500);
  });
});
