import { checkAgreement, createTestDatabase, writeShop, type TestDatabase } from '@cohort/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { viewCount } from './index.js';

const now = new Date('2026-11-23T12:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
const views = (sku: string, ...days: number[]) => days.map((day) => ({ sku, viewedAt: daysAgo(day) }));

describe('viewCount: viewed product X more than twice', () => {
  let db: TestDatabase;
  let shop: Awaited<ReturnType<typeof writeShop>>;
  beforeAll(async () => {
    db = await createTestDatabase();
    shop = await writeShop(
      db,
      [
        { sku: 'TRAIL-X', brand: 'Trailblaze', category: 'shoes' },
        { sku: 'CAP', brand: 'UrbanStride', category: 'accessories' },
      ],
      [
        { name: 'three views', views: views('TRAIL-X', 1, 2, 3) },
        { name: 'two views', views: views('TRAIL-X', 1, 2) },
        { name: 'three old views', views: views('TRAIL-X', 40, 41, 42) },
        { name: 'other product', views: views('CAP', 1, 2, 3, 4) },
        { name: 'no views' },
      ],
    );
  });
  afterAll(() => db.close());

  it('counts views of the product', async () => {
    const result = await checkAgreement({ db, condition: viewCount, params: { products: { skus: [shop.sku('TRAIL-X')] }, count: { atLeast: 3 } }, shop, now });
    expect(result.inMemory).toEqual(['three old views', 'three views']);
  });

  it('in a window', async () => {
    const result = await checkAgreement({
      db,
      condition: viewCount,
      params: { products: { skus: [shop.sku('TRAIL-X')] }, count: { atLeast: 3 }, within: { lastDays: 30 } },
      shop,
      now,
    });
    expect(result.inMemory).toEqual(['three views']);
  });

  it('by brand or category, ignoring case, and "at most" includes those who never looked', async () => {
    const byBrand = await checkAgreement({ db, condition: viewCount, params: { products: { brands: ['trailBLAZE'] }, count: { atMost: 2 } }, shop, now });
    expect(byBrand.inMemory).toEqual(['no views', 'other product', 'two views']);
    const byCategory = await checkAgreement({
      db,
      condition: viewCount,
      params: { products: { categories: ['Accessories'] }, count: { atLeast: 1 } },
      shop,
      now,
    });
    expect(byCategory.inMemory).toEqual(['other product']);
  });

  it('requires exactly one kind of product target', () => {
    expect(viewCount.params.safeParse({ products: { skus: ['A'], brands: ['B'] }, count: { atLeast: 1 } }).success).toBe(false);
    expect(viewCount.params.safeParse({ products: { skus: ['A'] }, count: {} }).success).toBe(false);
  });
});
