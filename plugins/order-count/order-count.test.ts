import { checkAgreement, createTestDatabase, writeShop, type TestDatabase } from '@cohort/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderCount } from './index.js';

const now = new Date('2026-11-23T12:00:00Z');
const order = (status: 'VALIDATED' | 'PENDING' | 'CANCELLED', days = 1) => ({
  status,
  placedAt: new Date(now.getTime() - days * 86_400_000),
  lines: [{ sku: 'X', unitPrice: 100 }],
});

describe('orderCount', () => {
  let db: TestDatabase;
  let shop: Awaited<ReturnType<typeof writeShop>>;
  beforeAll(async () => {
    db = await createTestDatabase();
    shop = await writeShop(
      db,
      [{ sku: 'X' }],
      [
        { name: 'loyal: five validated', orders: Array.from({ length: 5 }, () => order('VALIDATED')) },
        { name: 'one validated, one pending', orders: [order('VALIDATED'), order('PENDING')] },
        { name: 'only cancelled', orders: [order('CANCELLED')] },
        { name: 'potential: none' },
      ],
    );
  });
  afterAll(() => db.close());

  it('loyal customers placed at least two validated orders', async () => {
    expect((await checkAgreement({ db, condition: orderCount, params: { count: { atLeast: 2 } }, shop, now })).inMemory).toEqual(['loyal: five validated']);
  });

  it('potential customers have no validated order', async () => {
    expect((await checkAgreement({ db, condition: orderCount, params: { count: { atMost: 0 } }, shop, now })).inMemory).toEqual([
      'only cancelled',
      'potential: none',
    ]);
  });

  it('counts the statuses asked for', async () => {
    const result = await checkAgreement({ db, condition: orderCount, params: { count: { atLeast: 1 }, statuses: ['PENDING', 'CANCELLED'] }, shop, now });
    expect(result.inMemory).toEqual(['one validated, one pending', 'only cancelled']);
    expect(orderCount.describe(orderCount.params.parse({ count: { atLeast: 5 } }))).toBe('placed at least 5 orders at any time');
  });
});
