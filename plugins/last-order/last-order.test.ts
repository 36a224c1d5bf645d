import { checkAgreement, createTestDatabase, writeShop, type TestDatabase } from '@cohort/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastOrder } from './index.js';

const now = new Date('2026-11-23T12:00:00Z');
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);
const order = (hours: number, status: 'VALIDATED' | 'CANCELLED' = 'VALIDATED') => ({ status, placedAt: hoursAgo(hours), lines: [{ sku: 'BAR', unitPrice: 300 }] });

describe('lastOrder: "two days ago you placed your order in our store"', () => {
  let db: TestDatabase;
  let shop: Awaited<ReturnType<typeof writeShop>>;
  beforeAll(async () => {
    db = await createTestDatabase();
    shop = await writeShop(
      db,
      [{ sku: 'BAR' }],
      [
        { name: '2 days ago', orders: [order(24 * 10), order(24 * 2 + 5)] },
        { name: 'exactly 48 hours ago', orders: [order(48)] },
        { name: '1 day ago', orders: [order(30), order(24 * 2 + 1)] },
        { name: '3 days ago', orders: [order(72)] },
        { name: 'cancelled 2 days ago', orders: [order(50, 'CANCELLED')] },
        { name: 'never' },
      ],
    );
  });
  afterAll(() => db.close());

  it('selects whole days since the last validated order', async () => {
    const result = await checkAgreement({ db, condition: lastOrder, params: { daysAgo: { atLeast: 2, atMost: 2 } }, shop, now });
    expect(result.inMemory).toEqual(['2 days ago', 'exactly 48 hours ago']);
  });

  it('or a window, and never matches customers without an order', async () => {
    const result = await checkAgreement({ db, condition: lastOrder, params: { within: { lastDays: 2 } }, shop, now });
    expect(result.inMemory).toEqual(['1 day ago', 'exactly 48 hours ago']);
  });

  it('takes a window or days, not both', () => {
    expect(lastOrder.params.safeParse({ within: { lastDays: 2 }, daysAgo: { atLeast: 1 } }).success).toBe(false);
    expect(lastOrder.describe(lastOrder.params.parse({ daysAgo: { atLeast: 2, atMost: 2 } }))).toBe('last ordered exactly 2 days ago');
  });
});
