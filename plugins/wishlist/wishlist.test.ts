import { checkAgreement, createTestDatabase, writeShop, type TestDatabase } from '@cohort/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inWishlist } from './index.js';

const now = new Date('2026-11-23T12:00:00Z');

describe('inWishlist: customers who have a specific product in their wishlist', () => {
  let db: TestDatabase;
  let shop: Awaited<ReturnType<typeof writeShop>>;
  beforeAll(async () => {
    db = await createTestDatabase();
    shop = await writeShop(
      db,
      [
        { sku: 'KAYAK', brand: 'AquaFlow' },
        { sku: 'PADDLE', brand: 'AquaFlow' },
      ],
      [
        { name: 'wants the kayak', wishlist: [{ sku: 'KAYAK', addedAt: new Date('2026-11-20T00:00:00Z') }] },
        { name: 'wanted a paddle long ago', wishlist: [{ sku: 'PADDLE', addedAt: new Date('2025-01-01T00:00:00Z') }] },
        { name: 'wants nothing' },
      ],
    );
  });
  afterAll(() => db.close());

  it('by product, or brand and time added', async () => {
    expect((await checkAgreement({ db, condition: inWishlist, params: { products: { skus: [shop.sku('KAYAK')] } }, shop, now })).inMemory).toEqual([
      'wants the kayak',
    ]);
    expect(
      (await checkAgreement({ db, condition: inWishlist, params: { products: { brands: ['aquaflow'] }, addedWithin: { lastDays: 30 } }, shop, now })).inMemory,
    ).toEqual(['wants the kayak']);
  });
});
