import { checkAgreement, createTestDatabase, writeShop, type TestDatabase } from '@cohort/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productsOrdered } from './index.js';

const now = new Date('2026-11-23T12:00:00Z');
const order = (sku: string, quantity = 1, days = 1) => ({ placedAt: new Date(now.getTime() - days * 86_400_000), lines: [{ sku, quantity, unitPrice: 1000 }] });

describe('productsOrdered: promote a brand to customers who bought specific items', () => {
  let db: TestDatabase;
  let shop: Awaited<ReturnType<typeof writeShop>>;
  beforeAll(async () => {
    db = await createTestDatabase();
    shop = await writeShop(
      db,
      [
        { sku: 'TENT', category: 'Camping' },
        { sku: 'STOVE', category: 'camping' },
        { sku: 'SOCK', category: 'apparel' },
      ],
      [
        { name: 'tent buyer', orders: [order('TENT')] },
        { name: 'two stoves', orders: [order('STOVE'), order('STOVE', 1, 200)] },
        { name: 'socks', orders: [order('SOCK', 3)] },
      ],
    );
  });
  afterAll(() => db.close());

  it('by SKU', async () => {
    expect((await checkAgreement({ db, condition: productsOrdered, params: { products: { skus: [shop.sku('TENT')] } }, shop, now })).inMemory).toEqual([
      'tent buyer',
    ]);
  });

  it('by category, with a minimum quantity and a window', async () => {
    expect(
      (await checkAgreement({ db, condition: productsOrdered, params: { products: { categories: ['CAMPING'] }, minQuantity: 2 }, shop, now })).inMemory,
    ).toEqual(['two stoves']);
    expect(
      (await checkAgreement({ db, condition: productsOrdered, params: { products: { categories: ['camping'] }, within: { lastDays: 90 } }, shop, now }))
        .inMemory,
    ).toEqual(['tent buyer', 'two stoves']);
  });
});
