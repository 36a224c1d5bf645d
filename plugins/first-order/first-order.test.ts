import { checkAgreement, createTestDatabase, writeShop, type TestDatabase } from '@cohort/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstOrder } from './index.js';

const now = new Date('2026-11-23T12:00:00Z');
const order = (days: number) => ({ placedAt: new Date(now.getTime() - days * 86_400_000), lines: [{ sku: 'X', unitPrice: 100 }] });

describe('firstOrder: customers who placed their first order recently', () => {
  let db: TestDatabase;
  let shop: Awaited<ReturnType<typeof writeShop>>;
  beforeAll(async () => {
    db = await createTestDatabase();
    shop = await writeShop(db, [{ sku: 'X' }], [{ name: 'new', orders: [order(3)] }, { name: 'returning', orders: [order(3), order(400)] }, { name: 'none' }]);
  });
  afterAll(() => db.close());

  it('looks at the first order only', async () => {
    expect((await checkAgreement({ db, condition: firstOrder, params: { within: { lastDays: 30 } }, shop, now })).inMemory).toEqual(['new']);
  });
});
