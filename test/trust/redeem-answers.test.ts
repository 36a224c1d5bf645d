// What `redeem` answers: every code comes back applied or with its reason (as validateVoucher
// says), an idempotency key is bound to one order, and a rolled-back order is not redeemed again.
import { beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '../../src/db/client.js';
import { fixedClock } from '../../src/shared/clock.js';
import { createTestClient, type TestClient } from '../support/http.js';

const clock = fixedClock('2026-11-23T12:00:00Z');
let client: TestClient;
const cart = { currency: 'USD', lines: [{ sku: 'ANSWER-ITEM', quantity: 1 }] };
const REDEEM = `mutation ($input: RedeemInput!) { redeem(input: $input) { __typename
  ... on MutationRedeemSuccess { data { replayed redemptions { orderRef discount { amount } } vouchers { code applied reason } } }
  ... on Error { message } } }`;

async function ok(query: string, variables: Record<string, unknown>) {
  const result = await client.request(query, variables);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data;
}

beforeAll(async () => {
  client = await createTestClient({ clock });
  await ok(`mutation ($input: ProductInput!) { upsertProduct(input: $input) { __typename } }`, {
    input: { sku: 'ANSWER-ITEM', name: 'Item', price: { amount: 5_000, currency: 'USD' } },
  });
  await ok(`mutation ($input: CustomerInput!) { upsertCustomer(input: $input) { __typename } }`, { input: { externalId: 'answer-vip', category: 'vip' } });
  const vips = await ok(
    `mutation ($input: CreateSegmentInput!) { createSegment(input: $input) { ... on MutationCreateSegmentSuccess { data { segment { id } } } } }`,
    {
      input: { name: 'VIPs', rule: { condition: { customerCategory: { categories: ['vip'] } } } },
    },
  );
  const promotion = await ok(
    `mutation ($input: CreatePromotionInput!) { createPromotion(input: $input) { ... on MutationCreatePromotionSuccess { data { promotion { id } } } } }`,
    {
      input: {
        name: 'VIP code',
        status: 'ACTIVE',
        currency: 'USD',
        requiresVoucher: true,
        includeSegments: [vips.createSegment.data.segment.id],
        effects: [{ amountOff: { amount: 1_000 } }],
      },
    },
  );
  await ok(`mutation ($input: CreateVoucherCodesInput!) { createVoucherCodes(input: $input) { __typename } }`, {
    input: { promotion: promotion.createPromotion.data.promotion.id, codes: ['VIP10'] },
  });
  await ok(`mutation ($input: CreatePromotionInput!) { createPromotion(input: $input) { __typename } }`, {
    input: { name: 'Everyone $1', status: 'ACTIVE', currency: 'USD', effects: [{ amountOff: { amount: 100 } }] },
  });
});

describe('redeem', () => {
  it('says why each code gave nothing, as validateVoucher does', async () => {
    const validated = await client.request(
      `query ($input: VoucherCheckInput!) { validateVoucher(input: $input) { ... on QueryValidateVoucherSuccess { data { applied reason } } } }`,
      { input: { code: 'VIP10', cart } },
      'storefront',
    );
    expect(validated.data.validateVoucher.data).toEqual({ applied: false, reason: 'CUSTOMER_REQUIRED' });
    const anonymous = await client.request(REDEEM, { input: { orderRef: 'answer-1', cart, voucherCodes: ['VIP10', 'NO-SUCH-CODE'] } }, 'storefront');
    expect(anonymous.data.redeem.data.vouchers).toEqual([
      { code: 'VIP10', applied: false, reason: 'CUSTOMER_REQUIRED' },
      { code: 'NO-SUCH-CODE', applied: false, reason: 'UNKNOWN_CODE' },
    ]);
    const known = await client.request(
      REDEEM,
      { input: { orderRef: 'answer-2', customer: { externalId: 'answer-vip' }, cart, voucherCodes: ['vip10'] } },
      'storefront',
    );
    expect(known.data.redeem.data.vouchers).toEqual([{ code: 'VIP10', applied: true, reason: null }]);
    expect(known.data.redeem.data.redemptions.map((redemption: { discount: { amount: number } }) => redemption.discount.amount).sort()).toEqual([100, 1_000]);
  });

  it('refuses an idempotency key already used for another order, recording nothing', async () => {
    const first = await client.request(REDEEM, { input: { orderRef: 'answer-3', idempotencyKey: 'key-3', cart } }, 'storefront');
    expect(first.data.redeem.data).toMatchObject({ replayed: false, redemptions: [{ orderRef: 'answer-3' }] });
    const reused = await client.request(REDEEM, { input: { orderRef: 'answer-4', idempotencyKey: 'key-3', cart } }, 'storefront');
    expect(reused.data.redeem).toEqual({
      __typename: 'ConflictError',
      message: 'Idempotency key "key-3" was already used for order "answer-3": use a new key for each order',
    });
    expect(await prisma.redemption.count({ where: { orderRef: 'answer-4' } })).toBe(0);
    // The same order with the same key, or another key, is the same redemption.
    for (const idempotencyKey of ['key-3', 'key-3b']) {
      const again = await client.request(REDEEM, { input: { orderRef: 'answer-3', idempotencyKey, cart } }, 'storefront');
      expect(again.data.redeem.data).toMatchObject({ replayed: true, redemptions: [{ orderRef: 'answer-3' }] });
    }
  });

  it('does not redeem a rolled-back order again, and says so', async () => {
    await client.request(REDEEM, { input: { orderRef: 'answer-5', cart } }, 'storefront');
    const rolledBack = await client.request(
      `mutation { rollbackRedemption(input: { orderRef: "answer-5" }) { ... on MutationRollbackRedemptionSuccess { data { redemptions { status } } } ... on Error { message } } }`,
      {},
      'storefront',
    );
    expect(rolledBack.data.rollbackRedemption.data.redemptions).toEqual([{ status: 'ROLLED_BACK' }]);
    const again = await client.request(REDEEM, { input: { orderRef: 'answer-5', cart } }, 'storefront');
    expect(again.data.redeem.__typename).toBe('ConflictError');
    expect(again.errors).toBeUndefined();
  });
});
