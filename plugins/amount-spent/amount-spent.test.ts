import { checkAgreement, createTestDatabase, writeShop, type TestDatabase } from '@cohort/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amountSpent } from './index.js';

const now = new Date('2026-11-23T12:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
const order = (total: number, days: number, extra: { status?: 'VALIDATED' | 'REFUNDED'; currency?: string } = {}) => ({
  placedAt: daysAgo(days),
  lines: [{ sku: 'JACKET', unitPrice: total }],
  ...extra,
});

describe('amountSpent: customers who spent more than $300 in the past year', () => {
  let db: TestDatabase;
  let shop: Awaited<ReturnType<typeof writeShop>>;
  beforeAll(async () => {
    db = await createTestDatabase();
    shop = await writeShop(
      db,
      [{ sku: 'JACKET', brand: 'Summit Co' }],
      [
        { name: 'spent $350 this year', orders: [order(20_000, 10), order(15_000, 200)] },
        { name: 'spent exactly $300', orders: [order(30_000, 5)] },
        { name: 'spent $400 but half of it refunded', orders: [order(20_000, 5), order(20_000, 6, { status: 'REFUNDED' })] },
        { name: 'spent $500 over a year ago', orders: [order(50_000, 366)] },
        { name: 'spent €400', orders: [order(40_000, 3, { currency: 'EUR' })] },
        { name: 'never ordered' },
      ],
    );
  });
  afterAll(() => db.close());

  it('counts validated orders in the currency and window; "more than $300" is at least $300.01', async () => {
    const result = await checkAgreement({
      db,
      condition: amountSpent,
      params: { amount: { atLeast: { amount: 30_001, currency: 'USD' } }, within: { lastDays: 365 } },
      shop,
      now,
    });
    expect(result.inMemory).toEqual(['spent $350 this year']);
  });

  it('includes customers with no orders in "at most" ranges: they spent nothing', async () => {
    const result = await checkAgreement({ db, condition: amountSpent, params: { amount: { atMost: { amount: 20_000, currency: 'USD' } } }, shop, now });
    expect(result.inMemory).toEqual(['never ordered', 'spent $400 but half of it refunded', 'spent €400']);
  });

  it('describes itself and rejects mixed currencies', () => {
    expect(amountSpent.describe(amountSpent.params.parse({ amount: { atLeast: { amount: 30_001, currency: 'USD' } }, within: { lastDays: 365 } }))).toBe(
      'spent at least $300.01 in the last 365 days',
    );
    const mixed = amountSpent.params.safeParse({ amount: { atLeast: { amount: 1, currency: 'USD' }, atMost: { amount: 2, currency: 'EUR' } } });
    expect(mixed.success).toBe(false);
  });
});
