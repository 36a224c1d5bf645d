// A checkout burst: 200 concurrent redemptions of distinct orders against a promotion limited
// to 7 uses, with the promotion and the shop settings re-saved during the burst, on the
// suite's small pool (DATABASE_POOL_SIZE=5). Every call answers with a result or a typed,
// retryable BUSY; retried as a storefront would, exactly 7 uses are recorded. How long calls
// take under contention is measured by bench/, not asserted here.
import { decodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '../../src/db/client.js';
import { createTestClient, type GraphQLResponse, type TestClient } from '../support/http.js';

let client: TestClient;
const cart = { currency: 'USD', lines: [{ sku: 'BURST-ITEM', quantity: 1 }] };
const REDEEM = `mutation ($input: RedeemInput!) { redeem(input: $input) { __typename ... on MutationRedeemSuccess { data { redemptions { id } rejected { reason } replayed } } ... on Error { message } } }`;

beforeAll(async () => {
  // The catalogue is kept as in production (the suite's default reads it on every request).
  client = await createTestClient();
  client.promotions.setTtl(2_000);
  const product = await client.request(`mutation ($input: ProductInput!) { upsertProduct(input: $input) { __typename } }`, {
    input: { sku: 'BURST-ITEM', name: 'Item', price: { amount: 5_000, currency: 'USD' } },
  });
  expect(product.errors).toBeUndefined();
});

afterAll(() => client.promotions.setTtl(0));

describe('a checkout burst', () => {
  it('keeps the limit exactly, answers every call, and never fails masked', async () => {
    const created = await client.request(
      `mutation ($input: CreatePromotionInput!) { createPromotion(input: $input) { ... on MutationCreatePromotionSuccess { data { promotion { id } } } } }`,
      {
        input: { name: 'Seven only', status: 'ACTIVE', currency: 'USD', usageLimit: 7, effects: [{ amountOff: { amount: 500 } }] },
      },
    );
    const promotionId = created.data.createPromotion.data.promotion.id as string;

    const outcomes = { redeemed: 0, empty: 0, busy: 0 };
    const unexpected: GraphQLResponse[] = [];
    const redeemUntilAnswered = async (orderRef: string) => {
      for (let attempt = 0; attempt < 20; attempt += 1) {
        const value = await client.request(REDEEM, { input: { orderRef, cart } }, 'storefront');
        const code = value.errors?.[0]?.extensions?.code;
        if (code === 'BUSY') {
          outcomes.busy += 1;
          expect(value.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
          continue;
        }
        if (value.errors || value.data?.redeem?.__typename !== 'MutationRedeemSuccess') unexpected.push(value);
        else if (value.data.redeem.data.redemptions.length > 0) outcomes.redeemed += 1;
        else outcomes.empty += 1;
        return;
      }
      throw new Error(`${orderRef} was still BUSY after 20 attempts`);
    };
    const writes = async (index: number) => {
      const promotion = await client.request(`mutation ($input: UpdatePromotionInput!) { updatePromotion(input: $input) { __typename } }`, {
        input: { id: promotionId, description: `re-saved ${index}` },
      });
      const settings = await client.request(`mutation ($input: UpdateShopSettingsInput!) { updateShopSettings(input: $input) { __typename } }`, {
        input: { timeZone: index % 2 ? 'Europe/Paris' : 'America/New_York', cartAbandonmentMinutes: 30 + index },
      });
      for (const result of [promotion, settings]) if (result.errors) unexpected.push(result);
    };

    await Promise.all([
      ...Array.from({ length: 200 }, (_, index) => redeemUntilAnswered(`burst-${index}`)),
      ...Array.from({ length: 20 }, (_, index) => writes(index)),
    ]);

    expect(unexpected).toEqual([]);
    expect(outcomes.redeemed).toBe(7);
    expect(outcomes.redeemed + outcomes.empty).toBe(200);
    const id = decodeGlobalID(promotionId).id;
    expect(await prisma.redemption.count({ where: { promotionId: id, status: 'APPLIED' } })).toBe(7);
    expect((await prisma.promotion.findUniqueOrThrow({ where: { id } })).redemptionCount).toBe(7);
  }, 120_000);
});
