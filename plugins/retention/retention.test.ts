import { sql } from '@cohort/plugin-sdk';
import { checkAgreement, createTestDatabase, writeShop, type TestDatabase } from '@cohort/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retentionStage } from './index.js';

const DAY = 86_400_000;
const now = new Date('2026-11-23T12:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * DAY);
const order = (days: number, status: 'VALIDATED' | 'CANCELLED' = 'VALIDATED') => ({
  placedAt: daysAgo(days),
  status,
  lines: [{ sku: 'MUG', unitPrice: 1_000 }],
});
const stage = (stages: ('PROSPECT' | 'ACTIVE' | 'DRIFTING' | 'CHURN_RISK' | 'LOST')[]) => ({ stages });

describe('retention stages, against the shop baseline', () => {
  let db: TestDatabase;
  let shop: Awaited<ReturnType<typeof writeShop>>;
  beforeAll(async () => {
    db = await createTestDatabase();
    shop = await writeShop(
      db,
      [{ sku: 'MUG' }],
      [
        // The shop's gap (30 days, stored below): boundaries at 30, 60 and 90 days after the last order.
        { name: 'ordered 29 days ago', orders: [order(29)] },
        { name: 'ordered 30 days ago', orders: [order(30)] },
        { name: 'ordered 60 days ago', orders: [order(60)] },
        { name: 'ordered 89 days ago', orders: [order(89)] },
        { name: 'ordered 90 days ago', orders: [order(90)] },
        // Three orders: their own gap, the median of 2 and 8 days (the lower middle) = 2 days; 5 days ago is past 2 × 2.
        { name: 'weekly then quiet', orders: [order(15), order(7), order(5)] },
        // Three orders on one day: their own gap would be 0; no gap is shorter than a day, so 1 day ago is Drifting.
        { name: 'three at once', orders: [order(1), order(1), order(1)] },
        { name: 'cancelled only', orders: [order(3, 'CANCELLED')] },
        // Orders dated after now have not happened yet.
        { name: 'ordered tomorrow only', orders: [order(-1)] },
        { name: 'ordered 29 days ago and tomorrow', orders: [order(29), order(-1)] },
        { name: 'never ordered' },
      ],
    );
    await db.query(
      sql`INSERT INTO "RetentionBaseline" (id, "medianGapMs", intervals, "computedAt") VALUES (1, ${30 * DAY}::bigint, 10, ${now.toISOString()}::timestamp)`,
    );
  });
  afterAll(() => db.close());

  it("moves a customer at each multiple of the shop's gap, at the boundary itself", async () => {
    expect((await checkAgreement({ db, condition: retentionStage, params: stage(['ACTIVE']), shop, now })).inMemory).toEqual([
      'ordered 29 days ago',
      'ordered 29 days ago and tomorrow',
    ]);
    expect((await checkAgreement({ db, condition: retentionStage, params: stage(['DRIFTING']), shop, now })).inMemory).toEqual([
      'ordered 30 days ago',
      'three at once',
    ]);
    expect((await checkAgreement({ db, condition: retentionStage, params: stage(['CHURN_RISK']), shop, now })).inMemory).toEqual([
      'ordered 60 days ago',
      'ordered 89 days ago',
      'weekly then quiet',
    ]);
    expect((await checkAgreement({ db, condition: retentionStage, params: stage(['LOST']), shop, now })).inMemory).toEqual(['ordered 90 days ago']);
  });

  it('counts customers without a validated order as prospects', async () => {
    expect((await checkAgreement({ db, condition: retentionStage, params: stage(['PROSPECT']), shop, now })).inMemory).toEqual([
      'cancelled only',
      'never ordered',
      'ordered tomorrow only',
    ]);
    expect((await checkAgreement({ db, condition: retentionStage, params: stage(['PROSPECT', 'LOST']), shop, now })).inMemory).toEqual([
      'cancelled only',
      'never ordered',
      'ordered 90 days ago',
      'ordered tomorrow only',
    ]);
  });

  it('uses the shop default of 90 days when the shop has no median', async () => {
    await db.query(sql`UPDATE "RetentionBaseline" SET "medianGapMs" = NULL, intervals = 0`);
    expect((await checkAgreement({ db, condition: retentionStage, params: stage(['ACTIVE']), shop, now })).inMemory).toEqual([
      'ordered 29 days ago',
      'ordered 29 days ago and tomorrow',
      'ordered 30 days ago',
      'ordered 60 days ago',
      'ordered 89 days ago',
    ]);
  });
});
