import { checkAgreement, createTestDatabase, writeShop, type TestDatabase } from '@cohort/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { averageOrderValue } from './index.js';

const now = new Date('2026-11-23T12:00:00Z');
const order = (total: number) => ({ placedAt: new Date(now.getTime() - 86_400_000), lines: [{ sku: 'X', unitPrice: total }] });

describe('averageOrderValue: big spenders', () => {
  let db: TestDatabase;
  let shop: Awaited<ReturnType<typeof writeShop>>;
  beforeAll(async () => {
    db = await createTestDatabase();
    shop = await writeShop(
      db,
      [{ sku: 'X' }],
      [
        { name: 'average $100.005', orders: [order(10_000), order(10_001)] },
        { name: 'average $100', orders: [order(5_000), order(15_000)] },
        { name: 'average $50', orders: [order(5_000)] },
        { name: 'no orders' },
      ],
    );
  });
  afterAll(() => db.close());

  it('compares without rounding, and never matches customers without orders', async () => {
    expect(
      (await checkAgreement({ db, condition: averageOrderValue, params: { average: { atLeast: { amount: 10_001, currency: 'USD' } } }, shop, now })).inMemory,
    ).toEqual([]);
    expect(
      (await checkAgreement({ db, condition: averageOrderValue, params: { average: { atLeast: { amount: 10_000, currency: 'USD' } } }, shop, now })).inMemory,
    ).toEqual(['average $100', 'average $100.005']);
    expect(
      (await checkAgreement({ db, condition: averageOrderValue, params: { average: { atMost: { amount: 10_000, currency: 'USD' } } }, shop, now })).inMemory,
    ).toEqual(['average $100', 'average $50']);
  });
});
