// How promotions combine: order of application, exclusivity, caps, percentage bases, schedules.
import { beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '../../src/db/client.js';
import { fixedClock } from '../../src/shared/clock.js';
import { createTestClient, type TestClient } from '../support/http.js';

// A Wednesday, 10:30 UTC.
const clock = fixedClock('2026-11-25T10:30:00Z');
let client: TestClient;

const ELIGIBLE = `query ($input: EligibilityInput!) { eligiblePromotions(input: $input) { ... on QueryEligiblePromotionsSuccess { data {
  discountTotal { amount } total { amount } promotions { promotion { name } discount { amount } } notApplied { promotion { name } reason } } } } }`;

async function promotion(input: Record<string, unknown>) {
  const result = await client.request(`mutation ($input: CreatePromotionInput!) { createPromotion(input: $input) { __typename ... on Error { message } } }`, {
    input: { status: 'ACTIVE', currency: 'USD', effects: [{ percentageOff: { percent: 10 } }], ...input },
  });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  expect(result.data.createPromotion.__typename).toBe('MutationCreatePromotionSuccess');
}

async function price() {
  const result = await client.request(ELIGIBLE, { input: { cart: { currency: 'USD', lines: [{ sku: 'STACK-ITEM', quantity: 1 }] } } }, 'storefront');
  expect(result.errors).toBeUndefined();
  return result.data.eligiblePromotions.data;
}

beforeAll(async () => {
  client = await createTestClient({ clock });
  await prisma.product.create({ data: { sku: 'STACK-ITEM', name: 'Item', price: 10_000, currency: 'USD' } });
});

describe('stacking', () => {
  it('applies in priority order; percentages are of what is left by default, or of the original amount', async () => {
    await prisma.promotion.deleteMany({});
    await promotion({ name: 'First 10%', priority: 2 });
    await promotion({ name: 'Then 10%', priority: 1 });
    expect(await price()).toMatchObject({
      discountTotal: { amount: 1_900 },
      promotions: [
        { promotion: { name: 'First 10%' }, discount: { amount: 1_000 } },
        { promotion: { name: 'Then 10%' }, discount: { amount: 900 } },
      ],
    });
    await prisma.promotion.updateMany({ where: { name: 'Then 10%' }, data: { percentOfDiscounted: false } });
    expect((await price()).discountTotal.amount).toBe(2_000);
  });

  it('an exclusive promotion applies alone', async () => {
    await prisma.promotion.deleteMany({});
    await promotion({ name: 'Exclusive 25%', priority: 5, exclusive: true, effects: [{ percentageOff: { percent: 25 } }] });
    await promotion({ name: 'Ordinary 10%', priority: 1 });
    const first = await price();
    expect(first.promotions.map((entry: { promotion: { name: string } }) => entry.promotion.name)).toEqual(['Exclusive 25%']);
    expect(first.notApplied).toEqual([{ promotion: { name: 'Ordinary 10%' }, reason: 'NOT_COMBINABLE' }]);

    await prisma.promotion.updateMany({ where: { name: 'Exclusive 25%' }, data: { priority: 0 } });
    const second = await price();
    expect(second.promotions.map((entry: { promotion: { name: string } }) => entry.promotion.name)).toEqual(['Ordinary 10%']);
    expect(second.notApplied).toEqual([{ promotion: { name: 'Exclusive 25%' }, reason: 'NOT_COMBINABLE' }]);
  });

  it('caps what one promotion takes off an order', async () => {
    await prisma.promotion.deleteMany({});
    await promotion({ name: 'Half off, at most $20', maxDiscountPerOrder: 2_000, effects: [{ percentageOff: { percent: 50 } }] });
    expect((await price()).discountTotal.amount).toBe(2_000);
  });
});

describe('schedules', () => {
  it("run on the given days and hours in the shop's time zone", async () => {
    await prisma.promotion.deleteMany({});
    await promotion({
      name: 'Weekday mornings',
      schedule: { daysOfWeek: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'], startTime: '09:00', endTime: '12:00' },
    });
    expect((await price()).promotions).toHaveLength(1);
    // 10:30 UTC is 05:30 in New York: outside the hours there.
    await client.request(
      `mutation { updateShopSettings(input: { timeZone: "America/New_York" }) { ... on MutationUpdateShopSettingsSuccess { data { shopSettings { timeZone } } } ... on Error { message } } }`,
    );
    expect((await price()).notApplied).toEqual([{ promotion: { name: 'Weekday mornings' }, reason: 'SCHEDULE' }]);
    await client.request(
      `mutation { updateShopSettings(input: { timeZone: "UTC" }) { ... on MutationUpdateShopSettingsSuccess { data { shopSettings { timeZone } } } ... on Error { message } } }`,
    );
  });

  it('reject a schedule whose end is before its start', async () => {
    const result = await client.request(`mutation ($input: CreatePromotionInput!) { createPromotion(input: $input) { __typename } }`, {
      input: { name: 'Bad', currency: 'USD', effects: [{ freeShipping: true }], schedule: { startTime: '18:00', endTime: '09:00' } },
    });
    expect(result.errors?.[0]?.extensions?.issues).toEqual([{ path: 'input.schedule.endTime', message: 'endTime must be after startTime' }]);
  });
});

describe('promotions a shopper cannot get', () => {
  async function segment(name: string, rule: Record<string, unknown>) {
    const result = await client.request(
      `mutation ($input: CreateSegmentInput!) { createSegment(input: $input) { ... on MutationCreateSegmentSuccess { data { segment { id } } } } }`,
      { input: { name, rule } },
    );
    return result.data.createSegment.data.segment.id as string;
  }

  it('each carry the first failing check, in the documented order: schedule, currency, excluded segment, not in segment', async () => {
    await prisma.promotion.deleteMany({});
    // An anonymous shopper is not VIP, so is in "Not VIP".
    const vip = await segment('Reasons: VIP', { condition: { customerCategory: { categories: ['vip'] } } });
    const notVip = await segment('Reasons: not VIP', { not: { condition: { customerCategory: { categories: ['vip'] } } } });
    await promotion({ name: 'VIP Sundays', priority: 6, includeSegments: [vip], schedule: { daysOfWeek: ['SUNDAY'] } });
    await promotion({ name: 'VIP only', priority: 5, includeSegments: [vip] });
    await promotion({ name: 'VIP in euros', priority: 4, currency: 'EUR', includeSegments: [vip] });
    await promotion({ name: 'VIP, never the others', priority: 3, includeSegments: [vip], excludeSegments: [notVip] });
    await promotion({ name: 'Everyone but VIP, in euros', priority: 2, currency: 'EUR', includeSegments: [notVip] });
    await promotion({ name: 'Everyone but VIP', priority: 1, includeSegments: [notVip] });
    const result = await price();
    expect(result.promotions).toEqual([{ promotion: { name: 'Everyone but VIP' }, discount: { amount: 1_000 } }]);
    expect(result.notApplied).toEqual([
      { promotion: { name: 'VIP Sundays' }, reason: 'SCHEDULE' },
      { promotion: { name: 'VIP only' }, reason: 'NOT_IN_SEGMENT' },
      { promotion: { name: 'VIP in euros' }, reason: 'CURRENCY_MISMATCH' },
      { promotion: { name: 'VIP, never the others' }, reason: 'EXCLUDED_SEGMENT' },
      { promotion: { name: 'Everyone but VIP, in euros' }, reason: 'CURRENCY_MISMATCH' },
    ]);
  });
});
