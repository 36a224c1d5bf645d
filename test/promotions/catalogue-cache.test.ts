// The hot path keeps live promotions in memory: changes made through this process show at
// once, changes made elsewhere (another instance, straight SQL) within the TTL.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { prisma } from '../../src/db/client.js';
import { setPromotionCatalogueTtl } from '../../src/eligibility/catalogue.js';
import { createTestClient, type TestClient } from '../support/http.js';

let client: TestClient;
const cart = { currency: 'USD', lines: [{ sku: 'CACHE-ITEM', quantity: 1 }] };
const names = async () => {
  const result = await client.request(`query ($input: EligibilityInput!) { eligiblePromotions(input: $input) { ... on QueryEligiblePromotionsSuccess { data { promotions { promotion { name } } notApplied { reason } } } } }`, { input: { cart } }, 'storefront');
  const data = result.data.eligiblePromotions.data;
  return { applied: data.promotions.map((entry: { promotion: { name: string } }) => entry.promotion.name), notApplied: data.notApplied.map((entry: { reason: string }) => entry.reason) };
};
const create = (name: string, extra: Record<string, unknown> = {}) =>
  client.request(`mutation ($input: CreatePromotionInput!) { createPromotion(input: $input) { ... on MutationCreatePromotionSuccess { data { promotion { id } } } } }`, {
    input: { name, status: 'ACTIVE', currency: 'USD', effects: [{ amountOff: { amount: 100 } }], ...extra },
  });

beforeAll(async () => {
  client = await createTestClient();
  await prisma.product.create({ data: { sku: 'CACHE-ITEM', name: 'Item', price: 5_000, currency: 'USD' } });
});
afterAll(() => setPromotionCatalogueTtl(0));

describe('the promotion catalogue cache', () => {
  it('shows changes made through the API at once, even with a long TTL', async () => {
    setPromotionCatalogueTtl(60_000);
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
    setPromotionCatalogueTtl(1_500);
    await prisma.redemption.deleteMany({});
    await prisma.promotion.deleteMany({});
    expect(await names()).toEqual({ applied: [], notApplied: [] });
    await prisma.promotion.create({ data: { name: 'Written elsewhere', status: 'ACTIVE', currency: 'USD', effects: [{ type: 'amountOff', amount: 100, target: { kind: 'ORDER' } }] } });
    // The TTL runs on the process's clock: move it on instead of waiting.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      expect((await names()).applied).toEqual([]);
      vi.setSystemTime(Date.now() + 1_400);
      expect((await names()).applied).toEqual([]);
      vi.setSystemTime(Date.now() + 200);
      expect((await names()).applied).toEqual(['Written elsewhere']);
    } finally {
      vi.useRealTimers();
    }
  });
});
