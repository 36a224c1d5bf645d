// The example partner plugin, tested the way a partner would: with the SDK's test kit.
import { checkAgreement, createTestDatabase, writeShop, type TestDatabase } from '@cohort/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shippingMethodUsed } from './index.js';

const now = new Date('2026-03-01T09:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
const order = (shippingMethod: string, days: number, status: 'VALIDATED' | 'CANCELLED' = 'VALIDATED') => ({
  status,
  shippingMethod,
  placedAt: daysAgo(days),
  lines: [{ sku: 'TEE', unitPrice: 2500 }],
});

describe('shippingMethodUsed: at least 5 orders delivered by SoColissimo', () => {
  let db: TestDatabase;
  let shop: Awaited<ReturnType<typeof writeShop>>;

  beforeAll(async () => {
    db = await createTestDatabase();
    shop = await writeShop(
      db,
      [{ sku: 'TEE', brand: 'Northwind' }],
      [
        { name: 'five by SoColissimo', orders: [1, 2, 3, 4, 5].map((days) => order('SoColissimo', days)) },
        { name: 'four, one cancelled', orders: [...[1, 2, 3, 4].map((days) => order('socolissimo', days)), order('SoColissimo', 5, 'CANCELLED')] },
        { name: 'five by courier', orders: [1, 2, 3, 4, 5].map((days) => order('Courier', days)) },
        { name: 'one recent', orders: [order('SOCOLISSIMO', 1)] },
        { name: 'no orders' },
      ],
    );
  });
  afterAll(() => db.close());

  it('selects the same customers in memory and in SQL', async () => {
    const five = await checkAgreement({ db, condition: shippingMethodUsed, params: { methods: ['SoColissimo'], minOrders: 5 }, shop, now });
    expect(five.inMemory).toEqual(['five by SoColissimo']);
    const any = await checkAgreement({ db, condition: shippingMethodUsed, params: { methods: ['socolissimo'], within: { lastDays: 2 } }, shop, now });
    expect(any.inMemory).toEqual(['five by SoColissimo', 'four, one cancelled', 'one recent']);
  });

  it('describes itself for admin UIs', () => {
    expect(shippingMethodUsed.describe(shippingMethodUsed.params.parse({ methods: ['SoColissimo'], minOrders: 5 }))).toBe(
      'had at least 5 orders delivered by SoColissimo at any time',
    );
  });
});
