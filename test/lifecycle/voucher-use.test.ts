// Voucher use through the API, as a shop produces it: orders ingested under the shop's order
// ids, codes redeemed at checkout under the same ids, some orders cancelled and their
// redemptions rolled back. Segments (SQL) and the storefront (memory) must agree with the
// counts written here, and the coupon-abuse template must pick the customers document 004 means.
import { beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/shared/clock.js';
import { createTestClient, type TestClient } from '../support/http.js';

const DAY = 86_400_000;
const now = new Date('2026-06-15T12:00:00Z');
const at = (days: number) => new Date(now.getTime() - days * DAY).toISOString();

let client: TestClient;
const cart = { currency: 'USD', lines: [{ sku: 'VU-ITEM', quantity: 1 }] };
let codeNumber = 0;

/** An order placed `days` ago under the shop's id, redeemed with a code of its own (or none), then rolled back if asked. */
async function checkout(customer: string, orderRef: string, days: number, options: { code?: boolean; cancel?: boolean } = {}) {
  const code = options.code ? `VU-CODE-${(codeNumber += 1)}` : null;
  if (code)
    await client.ok('mutation ($input: CreateVoucherCodesInput!) { createVoucherCodes(input: $input) { __typename } }', {
      input: { promotion: codePromotion, codes: [code] },
    });
  clock.set(at(days));
  await client.ok(
    'mutation ($input: RedeemInput!) { redeem(input: $input) { __typename } }',
    { input: { orderRef, customer: { externalId: customer }, cart, voucherCodes: code ? [code] : [] } },
    'storefront',
  );
  await client.ok('mutation ($input: OrderInput!) { upsertOrder(input: $input) { __typename } }', {
    input: {
      externalId: orderRef,
      customer: { externalId: customer },
      status: options.cancel ? 'CANCELLED' : 'VALIDATED',
      placedAt: at(days),
      currency: 'USD',
      lines: [{ sku: 'VU-ITEM', quantity: 1, unitPrice: 5_000 }],
    },
  });
  if (options.cancel)
    await client.ok('mutation ($input: RollbackRedemptionInput!) { rollbackRedemption(input: $input) { __typename } }', { input: { orderRef } });
  clock.set(now);
}

const clock = fixedClock(now);
let codePromotion: string;

async function members(rule: unknown): Promise<string[]> {
  const data = await client.ok(
    `mutation ($input: CreateSegmentInput!) { createSegment(input: $input) { ... on MutationCreateSegmentSuccess { data { segment { members(first: 50) { edges { node { externalId } } } } } } } }`,
    {
      input: { name: `Voucher use ${Math.random()}`, rule },
    },
  );
  return data.createSegment.data.segment.members.edges
    .map((edge: { node: { externalId: string } }) => edge.node.externalId)
    .filter((id: string) => id.startsWith('vu-'))
    .sort();
}

beforeAll(async () => {
  client = await createTestClient({ clock });
  await client.ok(
    'mutation ($input: ProductInput!) { upsertProduct(input: $input) { ... on MutationUpsertProductSuccess { data { product { sku } } } ... on Error { message } } }',
    { input: { sku: 'VU-ITEM', name: 'Item', price: { amount: 5_000, currency: 'USD' } } },
  );
  const created = await client.ok(
    `mutation ($input: CreatePromotionInput!) { createPromotion(input: $input) { ... on MutationCreatePromotionSuccess { data { promotion { id } } } } }`,
    {
      input: { name: 'Code 5%', status: 'ACTIVE', currency: 'USD', requiresVoucher: true, effects: [{ percentageOff: { percent: 5 } }] },
    },
  );
  codePromotion = created.createPromotion.data.promotion.id;
  await client.ok(`mutation ($input: CreatePromotionInput!) { createPromotion(input: $input) { __typename } }`, {
    input: { name: 'Everyone 1%', status: 'ACTIVE', currency: 'USD', effects: [{ percentageOff: { percent: 1 } }] },
  });
  for (const externalId of ['vu-hunter', 'vu-returner', 'vu-regular', 'vu-new'])
    await client.ok('mutation ($input: CustomerInput!) { upsertCustomer(input: $input) { __typename } }', { input: { externalId } });
  // A code on 4 of 4 orders: 100 %.
  for (let index = 0; index < 4; index += 1) await checkout('vu-hunter', `VU-H-${index}`, 10 + index * 20, { code: true });
  // Three orders cancelled, their redemptions rolled back; one kept, with a code.
  for (let index = 0; index < 3; index += 1) await checkout('vu-returner', `VU-R-${index}`, 5 + index * 30, { code: true, cancel: true });
  await checkout('vu-returner', 'VU-R-kept', 3, { code: true });
  // A code on 1 of 4 orders: 25 %; the others took only the automatic promotion.
  for (let index = 0; index < 4; index += 1) await checkout('vu-regular', `VU-G-${index}`, 15 + index * 40, { code: index === 0 });
});

describe('voucher use, as checkouts record it', () => {
  it('counts orders with a code, their share and rollbacks in segments', async () => {
    expect(await members({ condition: { voucherUse: { codeShare: { moreThan: 80 } } } })).toEqual(['vu-hunter', 'vu-returner']); // 4/4, and 1/1 kept order
    expect(await members({ condition: { voucherUse: { codeShare: { atLeast: 25, atMost: 25 } } } })).toEqual(['vu-regular']);
    expect(await members({ condition: { voucherUse: { codeOrders: { atLeast: 2 }, within: { lastDays: 40 } } } })).toEqual(['vu-hunter']); // 10 and 30 days ago
    expect(await members({ condition: { voucherUse: { rollbacks: { atLeast: 3 } } } })).toEqual(['vu-returner']);
    expect(await members({ condition: { voucherUse: { codeOrders: { lessThan: 1 } } } })).toEqual(['vu-new']);
  });

  it('makes the coupon-abuse suspects of Vouchery (004) from their template', async () => {
    const data = await client.ok(
      `mutation ($input: CreateSegmentFromTemplateInput!) { createSegmentFromTemplate(input: $input) { ... on MutationCreateSegmentFromTemplateSuccess { data { segment { ruleDescription members(first: 50) { edges { node { externalId } } } } } } } }`,
      { input: { template: 'COUPON_ABUSE_SUSPECTS' } },
    );
    // "Coupon abuse score": a code on more than 80 % of at least 3 orders (the hunter), or 3 rollbacks (the returner, whose 1 kept order is too few for the share).
    expect(data.createSegmentFromTemplate.data.segment.members.edges.map((edge: { node: { externalId: string } }) => edge.node.externalId).sort()).toEqual([
      'vu-hunter',
      'vu-returner',
    ]);
  });

  it('leaves suspects out of a promotion on the storefront (in memory)', async () => {
    const segment = await client.ok(
      `mutation ($input: CreateSegmentInput!) { createSegment(input: $input) { ... on MutationCreateSegmentSuccess { data { segment { id } } } } }`,
      {
        input: { name: 'Heavy code users', rule: { condition: { voucherUse: { codeShare: { moreThan: 50 } } } } },
      },
    );
    await client.ok(`mutation ($input: CreatePromotionInput!) { createPromotion(input: $input) { __typename } }`, {
      input: {
        name: 'Loyal full-price 10%',
        status: 'ACTIVE',
        currency: 'USD',
        excludeSegments: [segment.createSegment.data.segment.id],
        effects: [{ percentageOff: { percent: 10 } }],
      },
    });
    const offered = async (customer: string) => {
      const data = await client.ok(
        `query ($input: EligibilityInput!) { eligiblePromotions(input: $input) { ... on QueryEligiblePromotionsSuccess { data { promotions { promotion { name } } } } } }`,
        { input: { customer: { externalId: customer }, cart } },
        'storefront',
      );
      return data.eligiblePromotions.data.promotions.some((entry: { promotion: { name: string } }) => entry.promotion.name === 'Loyal full-price 10%');
    };
    expect(await offered('vu-hunter')).toBe(false);
    expect(await offered('vu-regular')).toBe(true);
    expect(await offered('vu-new')).toBe(true);
  });
});
