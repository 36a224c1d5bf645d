import { checkAgreement, createTestDatabase, writeShop, type TestDatabase } from '@cohort/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discountShare } from './index.js';

const now = new Date('2026-11-23T12:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
const order = (subtotal: number, discountTotal: number, extra: { status?: 'VALIDATED' | 'REFUNDED'; currency?: string } = {}) => ({
  placedAt: daysAgo(20),
  discountTotal,
  lines: [{ sku: 'COAT', unitPrice: subtotal }],
  ...extra,
});

describe('discountShare: "unprofitable" customers who got more than 30% of their orders in discounts', () => {
  let db: TestDatabase;
  let shop: Awaited<ReturnType<typeof writeShop>>;
  beforeAll(async () => {
    db = await createTestDatabase();
    shop = await writeShop(
      db,
      [{ sku: 'COAT' }],
      [
        { name: 'exactly 30%', orders: [order(10_000, 3_000)] },
        { name: 'just over 30%', orders: [order(10_000, 3_000), order(1, 1)] },
        { name: 'half, but refunded', orders: [order(10_000, 5_000, { status: 'REFUNDED' }), order(10_000, 0)] },
        { name: 'half, in euros', orders: [order(10_000, 5_000, { currency: 'EUR' })] },
        { name: 'no discount', orders: [order(10_000, 0)] },
        { name: 'never ordered' },
      ],
    );
  });
  afterAll(() => db.close());

  it('compares exactly: more than 30% excludes exactly 30%', async () => {
    const result = await checkAgreement({ db, condition: discountShare, params: { percent: { moreThan: 30 }, currency: 'USD' }, shop, now });
    expect(result.inMemory).toEqual(['just over 30%']);
  });

  it('includes customers without a discount in "at most", never those without orders', async () => {
    const result = await checkAgreement({ db, condition: discountShare, params: { percent: { atMost: 0 }, currency: 'USD' }, shop, now });
    expect(result.inMemory).toEqual(['half, but refunded', 'no discount']);
  });

  it('describes itself', () => {
    expect(discountShare.describe(discountShare.params.parse({ percent: { moreThan: 30 }, currency: 'usd' }))).toBe(
      "got more than 30% of their USD orders' value in discounts at any time",
    );
  });
});
