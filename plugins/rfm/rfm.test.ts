import { rfmOf, sql, type RfmThresholds } from '@cohort/plugin-sdk';
import { checkAgreement, createTestDatabase, writeShop, type TestDatabase } from '@cohort/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rfmGroup, rfmScore } from './index.js';

const now = new Date('2026-11-23T12:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
const order = (days: number, amount: number, options: { status?: 'VALIDATED' | 'REFUNDED'; currency?: string } = {}) => ({
  placedAt: daysAgo(days),
  lines: [{ sku: 'MUG', unitPrice: amount }],
  ...options,
});

// A grid small enough to check by hand: high R and F are CHAMPIONS, low R AT_RISK, the rest OTHER.
const cells: Record<string, string> = {};
for (let r = 1; r <= 5; r += 1)
  for (let f = 1; f <= 5; f += 1) for (let m = 1; m <= 5; m += 1) cells[`${r}${f}${m}`] = r >= 4 && f >= 4 ? 'CHAMPIONS' : r <= 2 ? 'AT_RISK' : 'OTHER';

const writeThresholds = (db: TestDatabase, lookbackDays: number | null) =>
  db.query(sql`
    INSERT INTO "RfmThresholds" (currency, scale, "recencyCuts", "frequencyCuts", "monetaryCuts", cells, customers, "lookbackDays", "computedAt")
    VALUES ('USD', 5, '{10,30,90,365}', '{1,2,3,5}', '{5000,10000,20000,50000}', ${JSON.stringify(cells)}::jsonb, 6, ${lookbackDays}::int, ${now.toISOString()}::timestamp)
    ON CONFLICT (currency) DO UPDATE SET "lookbackDays" = excluded."lookbackDays"`);

describe('RFM scores and groups, against stored thresholds', () => {
  let db: TestDatabase;
  let shop: Awaited<ReturnType<typeof writeShop>>;
  beforeAll(async () => {
    db = await createTestDatabase();
    shop = await writeShop(
      db,
      [{ sku: 'MUG' }],
      [
        // R: 10 days ≤ every cut → 5; F: 4 orders exceed 1, 2, 3 → 4; M: 60,000 exceeds all four → 5.
        { name: 'recent big spender', orders: [order(10, 15_000), order(20, 15_000), order(30, 15_000), order(40, 15_000)] },
        // R: 11 days ≤ 30, 90, 365 → 4; F: 1 order exceeds none → 1; M: 5,000 is not more than 5,000 → 1.
        { name: 'one order 11 days ago', orders: [order(11, 5_000)] },
        // R: 400 days → 1; F 1; M: 100,000 → 5.
        { name: 'lapsed big order', orders: [order(400, 100_000)] },
        { name: 'refunded only', orders: [order(5, 20_000, { status: 'REFUNDED' })] },
        { name: 'euro only', orders: [order(5, 20_000, { currency: 'EUR' })] },
        { name: 'never ordered' },
      ],
    );
    await writeThresholds(db, null);
  });
  afterAll(() => db.close());

  it('scores recency 1 + the cuts the days are at most, frequency and monetary 1 + the cuts exceeded', async () => {
    const fresh = await checkAgreement({ db, condition: rfmScore, params: { currency: 'USD', recency: { atLeast: 4 } }, shop, now });
    expect(fresh.inMemory).toEqual(['one order 11 days ago', 'recent big spender']);
    const bigButGone = await checkAgreement({
      db,
      condition: rfmScore,
      params: { currency: 'USD', recency: { atMost: 1 }, frequency: { atMost: 1 }, monetary: { atLeast: 5 } },
      shop,
      now,
    });
    expect(bigButGone.inMemory).toEqual(['lapsed big order']);
    const exactlyFour = await checkAgreement({ db, condition: rfmScore, params: { currency: 'USD', frequency: { atLeast: 4, atMost: 4 } }, shop, now });
    expect(exactlyFour.inMemory).toEqual(['recent big spender']);
  });

  it("puts customers in the grid's group, and those without a validated order in the currency in PROSPECTS", async () => {
    expect((await checkAgreement({ db, condition: rfmGroup, params: { currency: 'USD', groups: ['CHAMPIONS'] }, shop, now })).inMemory).toEqual([
      'recent big spender',
    ]);
    expect((await checkAgreement({ db, condition: rfmGroup, params: { currency: 'USD', groups: ['AT_RISK', 'OTHER'] }, shop, now })).inMemory).toEqual([
      'lapsed big order',
      'one order 11 days ago',
    ]);
    expect((await checkAgreement({ db, condition: rfmGroup, params: { currency: 'USD', groups: ['PROSPECTS'] }, shop, now })).inMemory).toEqual([
      'euro only',
      'never ordered',
      'refunded only',
    ]);
  });

  it('gives no group to customers with orders in a currency that has no thresholds yet', async () => {
    const everyGroup = await checkAgreement({
      db,
      condition: rfmGroup,
      params: { currency: 'EUR', groups: ['PROSPECTS', 'CHAMPIONS', 'AT_RISK', 'OTHER'] },
      shop,
      now,
    });
    expect(everyGroup.inMemory).toEqual(['lapsed big order', 'never ordered', 'one order 11 days ago', 'recent big spender', 'refunded only']);
    expect((await checkAgreement({ db, condition: rfmScore, params: { currency: 'EUR', recency: { atLeast: 1 } }, shop, now })).inMemory).toEqual([]);
  });

  it('counts only the orders in the lookback: older customers become prospects', async () => {
    await writeThresholds(db, 365);
    try {
      expect((await checkAgreement({ db, condition: rfmGroup, params: { currency: 'USD', groups: ['PROSPECTS'] }, shop, now })).inMemory).toEqual([
        'euro only',
        'lapsed big order',
        'never ordered',
        'refunded only',
      ]);
    } finally {
      await writeThresholds(db, null);
    }
  });

  it('gives the values behind the scores', () => {
    const thresholds: RfmThresholds[] = [
      {
        currency: 'USD',
        scale: 5,
        recencyCuts: [10, 30, 90, 365],
        frequencyCuts: [1, 2, 3, 5],
        monetaryCuts: [5000, 10000, 20000, 50000],
        cells,
        lookbackDays: null,
        computedAt: now,
      },
    ];
    const orders = [10, 20].map((days, index) => ({
      id: `o${index}`,
      status: 'VALIDATED' as const,
      placedAt: daysAgo(days),
      currency: 'USD',
      subtotal: 30_000,
      discountTotal: 0,
      total: 30_000,
      shippingMethod: null,
      lines: [],
    }));
    expect(rfmOf(orders, thresholds, 'USD', now)).toEqual({
      group: 'OTHER',
      scores: { recency: 5, frequency: 2, monetary: 5 },
      values: { days: 10, orders: 2, spent: 60_000 },
      computedAt: now,
    });
    expect(rfmOf([], thresholds, 'USD', now)).toEqual({ group: 'PROSPECTS', scores: null, values: null, computedAt: now });
  });

  it('describes itself', () => {
    expect(rfmScore.describe(rfmScore.params.parse({ currency: 'USD', recency: { atLeast: 4 }, monetary: { atMost: 2 } }))).toBe(
      'has RFM recency at least 4, monetary at most 2 (USD)',
    );
    expect(rfmGroup.describe(rfmGroup.params.parse({ currency: 'USD', groups: ['CHAMPIONS', 'LOYAL', 'AT_RISK'] }))).toBe(
      'is in the RFM group CHAMPIONS, LOYAL or AT_RISK (USD)',
    );
  });
});
