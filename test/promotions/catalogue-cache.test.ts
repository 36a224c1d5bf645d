// The hot path keeps live promotions in memory: changes made through this process show at
// once, changes made elsewhere (another instance, straight SQL) within the TTL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '../../src/db/client.js';
import { livePromotionsActivity } from '../../src/checkout/live-promotions.js';
import { changeBus } from '../../src/shared/change-bus.js';
import { fixedClock } from '../../src/shared/clock.js';
import { createTestClient, type TestClient } from '../support/http.js';

let client: TestClient;
// The server's clock: the TTL is judged by it, so the test moves it instead of waiting.
const clock = fixedClock(new Date());
const cart = { currency: 'USD', lines: [{ sku: 'CACHE-ITEM', quantity: 1 }] };
const names = async () => {
  const result = await client.request(
    `query ($input: EligibilityInput!) { eligiblePromotions(input: $input) { ... on QueryEligiblePromotionsSuccess { data { promotions { promotion { name } } notApplied { reason } } } } }`,
    { input: { cart } },
    'storefront',
  );
  const data = result.data.eligiblePromotions.data;
  return {
    applied: data.promotions.map((entry: { promotion: { name: string } }) => entry.promotion.name),
    notApplied: data.notApplied.map((entry: { reason: string }) => entry.reason),
  };
};
const create = (name: string, extra: Record<string, unknown> = {}) =>
  client.request(
    `mutation ($input: CreatePromotionInput!) { createPromotion(input: $input) { ... on MutationCreatePromotionSuccess { data { promotion { id } } } } }`,
    {
      input: { name, status: 'ACTIVE', currency: 'USD', effects: [{ amountOff: { amount: 100 } }], ...extra },
    },
  );

beforeAll(async () => {
  client = await createTestClient({ clock });
  await prisma.product.create({ data: { sku: 'CACHE-ITEM', name: 'Item', price: 5_000, currency: 'USD' } });
});
afterAll(() => client.promotions.setTtl(0));

describe('the promotion catalogue cache', () => {
  it('shows changes made through the API at once, even with a long TTL', async () => {
    client.promotions.setTtl(60_000);
    expect(await names()).toEqual({ applied: [], notApplied: [] });
    const created = await create('First', { usageLimit: 1 });
    expect((await names()).applied).toEqual(['First']);
    const id = created.data.createPromotion.data.promotion.id;
    await client.request(`mutation ($input: UpdatePromotionInput!) { updatePromotion(input: $input) { __typename } }`, { input: { id, name: 'Renamed' } });
    expect((await names()).applied).toEqual(['Renamed']);
    // A redemption uses the only use: the storefront hears of it at once.
    await client.request(`mutation ($input: RedeemInput!) { redeem(input: $input) { __typename } }`, { input: { orderRef: 'CACHE-1', cart } }, 'storefront');
    expect(await names()).toEqual({ applied: [], notApplied: ['LIMIT_REACHED'] });
  });

  it('shows changes made elsewhere once the TTL has passed', async () => {
    client.promotions.setTtl(1_500);
    await prisma.redemption.deleteMany({});
    await prisma.promotion.deleteMany({});
    expect(await names()).toEqual({ applied: [], notApplied: [] });
    await prisma.promotion.create({
      data: { name: 'Written elsewhere', status: 'ACTIVE', currency: 'USD', effects: [{ type: 'amountOff', params: { amount: 100 } }] },
    });
    expect((await names()).applied).toEqual([]);
    clock.advance(1_400);
    expect((await names()).applied).toEqual([]);
    clock.advance(200);
    expect((await names()).applied).toEqual(['Written elsewhere']);
  });

  it('reads the catalogue again only when a write elsewhere changed it, and refreshes redemption counters without reading it', async () => {
    client.promotions.setTtl(1_000);
    await prisma.redemption.deleteMany({});
    await prisma.promotion.deleteMany({});
    const segment = await prisma.segment.create({
      data: { name: 'Cache: everyone but wholesale', rule: { not: { condition: { type: 'customerCategory', params: { categories: ['wholesale'] } } } } },
    });
    const limited = await prisma.promotion.create({
      data: { name: 'Limited', status: 'ACTIVE', currency: 'USD', usageLimit: 1, effects: [{ type: 'amountOff', params: { amount: 100 } }] },
    });
    const anonymous = async () => (await names()).applied;
    {
      const passTtl = () => clock.advance(1_100);
      expect(await anonymous()).toEqual(['Limited']);
      const { reads } = livePromotionsActivity;

      // Nothing written: checked, not read.
      passTtl();
      expect(await anonymous()).toEqual(['Limited']);
      expect(livePromotionsActivity.reads).toBe(reads);

      // Another instance redeems the only use: it moves the counters, not the catalogue.
      await prisma.promotion.update({ where: { id: limited.id }, data: { redemptionCount: { increment: 1 }, discountGiven: { increment: 100 } } });
      expect(await anonymous()).toEqual(['Limited']);
      passTtl();
      expect(await names()).toEqual({ applied: [], notApplied: ['LIMIT_REACHED'] });
      expect(livePromotionsActivity.reads).toBe(reads);

      // Plain SQL changes a promotion: read again.
      await prisma.$executeRaw`UPDATE "Promotion" SET "usageLimit" = NULL, name = 'Unlimited' WHERE id = ${limited.id}`;
      passTtl();
      expect(await anonymous()).toEqual(['Unlimited']);
      expect(livePromotionsActivity.reads).toBe(reads + 1);

      // Another instance aims it at a segment, then changes that segment's rule: read again each time.
      await prisma.promotionSegment.create({ data: { promotionId: limited.id, segmentId: segment.id, targeting: 'INCLUDE' } });
      passTtl();
      expect(await anonymous()).toEqual(['Unlimited']);
      expect(livePromotionsActivity.reads).toBe(reads + 2);
      await prisma.segment.update({
        where: { id: segment.id },
        data: { rule: { condition: { type: 'customerCategory', params: { categories: ['wholesale'] } } } },
      });
      passTtl();
      expect(await anonymous()).toEqual([]);
      expect(livePromotionsActivity.reads).toBe(reads + 3);
    }
  });

  it('answers requests that waited on a check during which the catalogue was forgotten', async () => {
    client.promotions.setTtl(1_000);
    await client.promotions.load(clock.now());
    clock.advance(1_100);
    // Several requests wait on one check; a write (here or on another instance) forgets the catalogue meanwhile.
    const waiting = [client.promotions.load(clock.now()), client.promotions.load(clock.now())];
    await changeBus().announce('livePromotions', null);
    const answers = await Promise.all(waiting);
    expect(answers.every((catalogue) => Array.isArray(catalogue.promotions))).toBe(true);
  });

  it('checks again when the clock is set back, rather than keeping the catalogue until it catches up', async () => {
    client.promotions.setTtl(60_000);
    await prisma.promotion.deleteMany({ where: { name: 'Set back' } });
    expect((await names()).applied).not.toContain('Set back');
    await prisma.promotion.create({ data: { name: 'Set back', status: 'ACTIVE', currency: 'USD', effects: [{ type: 'amountOff', params: { amount: 100 } }] } });
    clock.advance(-3_600_000);
    expect((await names()).applied).toContain('Set back');
    clock.advance(3_600_000);
  });
});
