import { checkAgreement, createTestDatabase, writeShop, type TestDatabase } from '@cohort/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { abandonedCart } from './index.js';

const now = new Date('2026-11-23T12:00:00Z');
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
const DAY = 24 * 60;
const cart = (lastActivityMinutesAgo: number, extra: { status?: 'OPEN' | 'CONVERTED'; lines?: { sku: string; quantity?: number }[] } = {}) => ({
  lastActivityAt: minutesAgo(lastActivityMinutesAgo),
  lines: extra.lines ?? [{ sku: 'TENT' }],
  ...(extra.status ? { status: extra.status } : {}),
});

describe('abandonedCart: abandoned a cart in the last 3 days', () => {
  let db: TestDatabase;
  let shop: Awaited<ReturnType<typeof writeShop>>;
  beforeAll(async () => {
    db = await createTestDatabase();
    shop = await writeShop(
      db,
      [
        { sku: 'TENT', price: 25_000 },
        { sku: 'MUG', price: 1_500 },
      ],
      [
        { name: 'left 2 hours ago', carts: [cart(120)] },
        { name: 'left exactly an hour ago', carts: [cart(60)] },
        { name: 'active 59 minutes ago', carts: [cart(59)] },
        { name: 'left 5 days ago', carts: [cart(5 * DAY)] },
        { name: 'converted', carts: [cart(120, { status: 'CONVERTED' })] },
        { name: 'cheap cart', carts: [cart(120, { lines: [{ sku: 'MUG' }] })] },
      ],
    );
  });
  afterAll(() => db.close());

  it('counts open carts untouched for the abandonment delay, the exact moment included', async () => {
    const result = await checkAgreement({ db, condition: abandonedCart, params: { within: { lastDays: 3 } }, shop, now });
    expect(result.inMemory).toEqual(['cheap cart', 'left 2 hours ago', 'left exactly an hour ago']);
  });

  it('follows the shop’s abandonment delay', async () => {
    const result = await checkAgreement({
      db,
      condition: abandonedCart,
      params: { within: { lastDays: 3 } },
      shop,
      now,
      shopContext: { timeZone: 'UTC', cartAbandonmentMinutes: 90 },
    });
    expect(result.inMemory).toEqual(['cheap cart', 'left 2 hours ago']);
  });

  it('with a minimum value or a product in the cart', async () => {
    const valuable = await checkAgreement({
      db,
      condition: abandonedCart,
      params: { within: { lastDays: 3 }, minimumValue: { amount: 10_000, currency: 'USD' } },
      shop,
      now,
    });
    expect(valuable.inMemory).toEqual(['left 2 hours ago', 'left exactly an hour ago']);
    const withMug = await checkAgreement({ db, condition: abandonedCart, params: { within: { lastDays: 30 }, containingSkus: [shop.sku('MUG')] }, shop, now });
    expect(withMug.inMemory).toEqual(['cheap cart']);
  });

  it('before a date', async () => {
    const result = await checkAgreement({ db, condition: abandonedCart, params: { within: { to: minutesAgo(3 * DAY) } }, shop, now });
    expect(result.inMemory).toEqual(['left 5 days ago']);
  });
});
