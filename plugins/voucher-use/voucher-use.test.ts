import { checkAgreement, createTestDatabase, writeShop, type TestDatabase } from '@cohort/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { voucherUse } from './index.js';

const now = new Date('2026-11-23T12:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
const order = (days: number, status: 'VALIDATED' | 'CANCELLED' = 'VALIDATED') => ({
  placedAt: daysAgo(days),
  status,
  lines: [{ sku: 'MUG', unitPrice: 2_000 }],
});
const onOrder = (index: number, days: number, options: { withCode?: boolean; rolledBackDaysAgo?: number } = {}) => ({
  order: index,
  withCode: options.withCode ?? true,
  redeemedAt: daysAgo(days),
  rolledBackAt: options.rolledBackDaysAgo === undefined ? null : daysAgo(options.rolledBackDaysAgo),
});

describe('voucher use: orders with a code, their share, rollbacks', () => {
  let db: TestDatabase;
  let shop: Awaited<ReturnType<typeof writeShop>>;
  beforeAll(async () => {
    db = await createTestDatabase();
    shop = await writeShop(
      db,
      [{ sku: 'MUG' }],
      [
        // 4 of 5 validated orders with a code: 80 %.
        {
          name: 'four of five',
          orders: [order(10), order(20), order(30), order(40), order(50)],
          redemptions: [onOrder(0, 10), onOrder(1, 20), onOrder(2, 30), onOrder(3, 40)],
        },
        // 1 of 2 with a code; the other's promotion had no code; a rolled-back code redemption does not count as use.
        {
          name: 'half',
          orders: [order(5), order(6), order(7, 'CANCELLED')],
          redemptions: [onOrder(0, 5), onOrder(1, 6, { withCode: false }), onOrder(2, 7, { rolledBackDaysAgo: 7 })],
        },
        // Two rollbacks, one 100 days ago; a code redeemed on an order Cohort does not have.
        {
          name: 'returns a lot',
          orders: [order(3)],
          redemptions: [
            onOrder(0, 3, { rolledBackDaysAgo: 2 }),
            { withCode: true, redeemedAt: daysAgo(100), rolledBackAt: daysAgo(100) },
            { withCode: true, redeemedAt: daysAgo(1) },
          ],
        },
        { name: 'no codes', orders: [order(1)] },
        { name: 'never ordered' },
      ],
    );
  });
  afterAll(() => db.close());

  const members = async (params: Parameters<typeof voucherUse.evaluate>[0]) =>
    (await checkAgreement({ db, condition: voucherUse, params, shop, now })).inMemory;

  it('compares the share of validated orders with a code in whole percents, exclusive bounds exclusive', async () => {
    expect(await members({ codeShare: { atLeast: 80 } })).toEqual(['four of five']);
    expect(await members({ codeShare: { moreThan: 80 } })).toEqual([]);
    expect(await members({ codeShare: { atLeast: 50, atMost: 50 } })).toEqual(['half']);
    // Never ordered: no share, so not even "at most 0 %".
    expect(await members({ codeShare: { atMost: 0 } })).toEqual(['no codes', 'returns a lot']);
  });

  it('counts orders with a code in a window, zero included', async () => {
    expect(await members({ codeOrders: { atLeast: 3 } })).toEqual(['four of five']);
    expect(await members({ codeOrders: { atLeast: 2 }, within: { lastDays: 25 } })).toEqual(['four of five']);
    expect(await members({ codeOrders: { lessThan: 1 } })).toEqual(['never ordered', 'no codes', 'returns a lot']);
  });

  it('counts rollbacks when they happened', async () => {
    expect(await members({ rollbacks: { atLeast: 2 } })).toEqual(['returns a lot']);
    expect(await members({ rollbacks: { atLeast: 1 }, within: { lastDays: 30 } })).toEqual(['half', 'returns a lot']);
    expect(await members({ rollbacks: { atLeast: 2 }, within: { lastDays: 30 } })).toEqual([]);
    expect(await members({ codeShare: { atLeast: 50 }, rollbacks: { atLeast: 1 } })).toEqual(['half']);
  });
});
