import { checkAgreement, createTestDatabase, writeShop, type TestDatabase } from '@cohort/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wonBack } from './index.js';

const now = new Date('2026-11-23T12:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
const order = (days: number, status: 'VALIDATED' | 'CANCELLED' = 'VALIDATED') => ({
  status,
  placedAt: daysAgo(days),
  lines: [{ sku: 'MUG', unitPrice: 1_500 }],
});

describe('wonBack: customers coming back after 180 days or more', () => {
  let db: TestDatabase;
  let shop: Awaited<ReturnType<typeof writeShop>>;
  beforeAll(async () => {
    db = await createTestDatabase();
    shop = await writeShop(
      db,
      [{ sku: 'MUG' }],
      [
        { name: 'back after exactly 180 days, 10 days ago', orders: [order(190), order(10)] },
        { name: 'back after 179 days', orders: [order(189), order(10)] },
        { name: 'back long ago', orders: [order(700), order(400)] },
        { name: 'gap closed by a cancelled order only', orders: [order(300), order(10, 'CANCELLED')] },
        { name: 'regular', orders: [order(90), order(60), order(30)] },
        { name: 'one order', orders: [order(5)] },
        { name: 'never ordered' },
      ],
    );
  });
  afterAll(() => db.close());

  it('counts a gap of exactly N days, and a cancelled order is no return', async () => {
    const result = await checkAgreement({ db, condition: wonBack, params: { gapDays: 180 }, shop, now });
    expect(result.inMemory).toEqual(['back after exactly 180 days, 10 days ago', 'back long ago']);
  });

  it('takes only returns in the window when one is given', async () => {
    const result = await checkAgreement({ db, condition: wonBack, params: { gapDays: 180, within: { lastDays: 30 } }, shop, now });
    expect(result.inMemory).toEqual(['back after exactly 180 days, 10 days ago']);
  });

  it('describes itself', () => {
    expect(wonBack.describe(wonBack.params.parse({ gapDays: 180, within: { lastDays: 30 } }))).toBe(
      'ordered again after 180 days or more without ordering in the last 30 days',
    );
  });
});
