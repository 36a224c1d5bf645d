// Voucher codes: single and generated codes, validation with reasons, limits, reservations.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { prisma } from '../../src/db/client.js';
import { fixedClock } from '../../src/shared/clock.js';
import { createTestClient, type TestClient } from '../support/http.js';

const clock = fixedClock('2026-11-23T12:00:00Z');
let client: TestClient;
const cart = { currency: 'USD', lines: [{ sku: 'VOUCHER-ITEM', quantity: 1 }] };

async function promotion(input: Record<string, unknown>): Promise<string> {
  const result = await client.request(
    `mutation ($input: CreatePromotionInput!) { createPromotion(input: $input) { ... on MutationCreatePromotionSuccess { data { promotion { id } } } ... on Error { message } } }`,
    {
      input: { name: 'Welcome', status: 'ACTIVE', currency: 'USD', requiresVoucher: true, effects: [{ amountOff: { amount: 1_000 } }], ...input },
    },
  );
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data.createPromotion.data.promotion.id;
}

async function codes(input: Record<string, unknown>) {
  const result = await client.request(
    `mutation ($input: CreateVoucherCodesInput!) { createVoucherCodes(input: $input) { __typename ... on MutationCreateVoucherCodesSuccess { data { codes { code batch } } } ... on Error { message } } }`,
    { input },
  );
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data.createVoucherCodes;
}

const validate = async (code: string, extra: Record<string, unknown> = {}) => {
  const result = await client.request(
    `query ($input: VoucherCheckInput!) { validateVoucher(input: $input) { ... on QueryValidateVoucherSuccess { data { code applied reason promotion { name } } } } }`,
    { input: { code, cart, ...extra } },
    'storefront',
  );
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data.validateVoucher.data;
};

beforeAll(async () => {
  client = await createTestClient({ clock });
  await prisma.product.create({ data: { sku: 'VOUCHER-ITEM', name: 'Item', price: 5_000, currency: 'USD' } });
  await prisma.customer.create({ data: { externalId: 'voucher-vip', category: 'vip', registeredAt: new Date('2025-01-01T00:00:00Z') } });
});

beforeEach(async () => {
  await prisma.redemption.deleteMany({});
  await prisma.promotion.deleteMany({});
});

describe('voucher codes', () => {
  it('unlock a voucher-only promotion, matched case-insensitively; without the code it is not offered', async () => {
    const id = await promotion({});
    await codes({ promotion: id, codes: ['WELCOME10'] });
    const without = await client.request(
      `query ($input: EligibilityInput!) { eligiblePromotions(input: $input) { ... on QueryEligiblePromotionsSuccess { data { promotions { promotion { name } } notApplied { reason } } } } }`,
      { input: { cart } },
      'storefront',
    );
    expect(without.data.eligiblePromotions.data).toEqual({ promotions: [], notApplied: [] });
    expect(await validate(' welcome10 ')).toEqual({ code: 'WELCOME10', applied: true, reason: null, promotion: { name: 'Welcome' } });
  });

  it('say why a code does not apply', async () => {
    const id = await promotion({});
    await codes({ promotion: id, codes: ['OLD-CODE'], expiresAt: '2026-11-01T00:00:00Z' });
    expect(await validate('NOPE')).toMatchObject({ applied: false, reason: 'UNKNOWN_CODE' });
    expect(await validate('OLD-CODE')).toMatchObject({ applied: false, reason: 'EXPIRED' });
  });

  it('need the customer when the promotion targets segments', async () => {
    const vips = await client.request(
      `mutation { createSegment(input: { name: "Voucher VIPs", rule: { condition: { customerCategory: { categories: ["vip"] } } } }) { ... on MutationCreateSegmentSuccess { data { segment { id } } } } }`,
    );
    const id = await promotion({ name: 'VIP code', includeSegments: [vips.data.createSegment.data.segment.id] });
    await codes({ promotion: id, codes: ['VIPONLY'] });
    expect(await validate('VIPONLY')).toMatchObject({ applied: false, reason: 'CUSTOMER_REQUIRED' });
    expect(await validate('VIPONLY', { customer: { externalId: 'voucher-vip' } })).toMatchObject({ applied: true });
  });

  it('count their uses, and a reservation holds one for its checkout', async () => {
    const id = await promotion({});
    await codes({ promotion: id, codes: ['ONCE'], usageLimit: 1 });
    const reserve = await client.request(
      `mutation ($input: VoucherCheckInput!) { reserveVoucher(input: $input) { ... on MutationReserveVoucherSuccess { data { reservedUntil voucher { applied } } } } }`,
      { input: { code: 'ONCE', cart, cartRef: 'cart-A' } },
      'storefront',
    );
    expect(reserve.data.reserveVoucher.data).toEqual({ reservedUntil: '2026-11-23T12:15:00.000Z', voucher: { applied: true } });
    expect(await validate('ONCE', { cartRef: 'cart-B' })).toMatchObject({ applied: false, reason: 'RESERVED_ELSEWHERE' });
    expect(await validate('ONCE', { cartRef: 'cart-A' })).toMatchObject({ applied: true });

    const redeemed = await client.request(
      `mutation ($input: RedeemInput!) { redeem(input: $input) { ... on MutationRedeemSuccess { data { redemptions { discount { amount } } } } } }`,
      {
        input: { orderRef: 'VOUCHER-ORDER-1', cartRef: 'cart-A', cart, voucherCodes: ['once'] },
      },
      'storefront',
    );
    expect(redeemed.data.redeem.data.redemptions).toEqual([{ discount: { amount: 1_000 } }]);
    expect(await validate('ONCE', { cartRef: 'cart-A' })).toMatchObject({ applied: false, reason: 'CODE_LIMIT_REACHED' });
    clock.advance(60 * 60_000);
  });

  it('are generated in bulk, unique, with a prefix', async () => {
    const id = await promotion({});
    const result = await codes({ promotion: id, generate: { count: 50, prefix: 'BF-', length: 8 } });
    const generated = result.data.codes.map((code: { code: string }) => code.code);
    expect(new Set(generated).size).toBe(50);
    expect(generated.every((code: string) => /^BF-[A-HJ-NP-Z2-9]{8}$/.test(code))).toBe(true);
    expect(new Set(result.data.codes.map((code: { batch: string }) => code.batch)).size).toBe(1);
  });

  it('keep out promotions that do not combine with vouchers', async () => {
    const id = await promotion({});
    await codes({ promotion: id, codes: ['STACK'] });
    await promotion({ name: 'Automatic but not with codes', requiresVoucher: false, combinesWithVouchers: false });
    const result = await client.request(
      `query ($input: EligibilityInput!) { eligiblePromotions(input: $input) { ... on QueryEligiblePromotionsSuccess { data { promotions { promotion { name } } notApplied { promotion { name } reason } } } } }`,
      {
        input: { cart, voucherCodes: ['STACK'] },
      },
      'storefront',
    );
    expect(result.data.eligiblePromotions.data).toEqual({
      promotions: [{ promotion: { name: 'Welcome' } }],
      notApplied: [{ promotion: { name: 'Automatic but not with codes' }, reason: 'NOT_COMBINABLE' }],
    });
  });
});
