import { checkAgreement, createTestDatabase, writeShop, type TestDatabase } from '@cohort/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brandPurchased } from './index.js';

const now = new Date('2026-06-15T12:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

describe('brandPurchased: customers who bought brand Y in the last 90 days', () => {
  let db: TestDatabase;
  let shop: Awaited<ReturnType<typeof writeShop>>;

  beforeAll(async () => {
    db = await createTestDatabase();
    shop = await writeShop(
      db,
      [
        { sku: 'Y-BOOT', brand: 'Trailblaze' },
        { sku: 'Z-CAP', brand: 'Summit Co' },
      ],
      [
        { name: 'recent buyer', orders: [{ placedAt: daysAgo(10), lines: [{ sku: 'Y-BOOT', unitPrice: 9000 }] }] },
        { name: 'exactly 90 days ago', orders: [{ placedAt: daysAgo(90), lines: [{ sku: 'Y-BOOT', unitPrice: 9000 }] }] },
        { name: 'old buyer', orders: [{ placedAt: daysAgo(91), lines: [{ sku: 'Y-BOOT', unitPrice: 9000 }] }] },
        { name: 'cancelled order', orders: [{ status: 'CANCELLED', placedAt: daysAgo(5), lines: [{ sku: 'Y-BOOT', unitPrice: 9000 }] }] },
        { name: 'other brand', orders: [{ placedAt: daysAgo(5), lines: [{ sku: 'Z-CAP', unitPrice: 2000 }] }] },
        { name: 'no orders' },
      ],
    );
  });
  afterAll(() => db.close());

  it('counts validated orders in the window, the boundary day included', async () => {
    const result = await checkAgreement({ db, condition: brandPurchased, params: { brands: ['trailblaze'], within: { lastDays: 90 } }, shop, now });
    expect(result.inMemory).toEqual(['exactly 90 days ago', 'recent buyer']);
  });

  it('without a window, counts every validated purchase', async () => {
    const result = await checkAgreement({ db, condition: brandPurchased, params: { brands: ['Trailblaze', 'Summit Co'] }, shop, now });
    expect(result.inMemory).toEqual(['exactly 90 days ago', 'old buyer', 'other brand', 'recent buyer']);
  });

  it('describes itself', () => {
    expect(brandPurchased.describe(brandPurchased.params.parse({ brands: ['Trailblaze'], within: { lastDays: 90 } }))).toBe(
      'bought Trailblaze in the last 90 days',
    );
  });

  it('rejects an empty brand list', () => {
    expect(brandPurchased.params.safeParse({ brands: [] }).success).toBe(false);
  });
});
