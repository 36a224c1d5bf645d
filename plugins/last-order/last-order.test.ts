import { ordersFact } from '@cohort/plugin-sdk';
import { checkAgreement, createTestDatabase, writeShop, type TestDatabase } from '@cohort/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastOrder } from './index.js';

const now = new Date('2026-11-23T12:00:00Z');
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);
const order = (hours: number, status: 'VALIDATED' | 'CANCELLED' = 'VALIDATED') => ({
  status,
  placedAt: hoursAgo(hours),
  lines: [{ sku: 'BAR', unitPrice: 300 }],
});

describe('lastOrder: "two days ago you placed your order in our store"', () => {
  let db: TestDatabase;
  let shop: Awaited<ReturnType<typeof writeShop>>;
  beforeAll(async () => {
    db = await createTestDatabase();
    shop = await writeShop(
      db,
      [{ sku: 'BAR' }],
      [
        { name: '2 days ago', orders: [order(24 * 10), order(24 * 2 + 5)] },
        { name: 'exactly 48 hours ago', orders: [order(48)] },
        { name: '1 day ago', orders: [order(30), order(24 * 2 + 1)] },
        { name: '3 days ago', orders: [order(72)] },
        { name: 'cancelled 2 days ago', orders: [order(50, 'CANCELLED')] },
        { name: 'never' },
      ],
    );
  });
  afterAll(() => db.close());
  const ordersOf = (written: Awaited<ReturnType<typeof writeShop>>) =>
    ordersFact.load([...written.customerIds.values()], { query: db.query, now, shop: { timeZone: 'UTC', cartAbandonmentMinutes: 60 } });

  it('selects whole days since the last validated order', async () => {
    const result = await checkAgreement({ db, condition: lastOrder, params: { daysAgo: { atLeast: 2, atMost: 2 } }, shop, now });
    expect(result.inMemory).toEqual(['2 days ago', 'exactly 48 hours ago']);
  });

  it('or a window, and never matches customers without an order', async () => {
    const result = await checkAgreement({ db, condition: lastOrder, params: { within: { lastDays: 2 } }, shop, now });
    expect(result.inMemory).toEqual(['1 day ago', 'exactly 48 hours ago']);
  });

  it("counts an order dated ahead from its date, when it takes the last one's place, inside the window or not", async () => {
    const ahead = await writeShop(db, [{ sku: 'BAR' }], [{ name: 'ordering again tomorrow', orders: [order(1), order(-24)] }]);
    const window = { from: hoursAgo(24), to: hoursAgo(-24) };
    // Now, the order of an hour ago is the last one, in the window; the one dated ahead is not placed yet.
    expect((await checkAgreement({ db, condition: lastOrder, params: { within: window }, shop: ahead, now })).inMemory).toEqual(['ordering again tomorrow']);
    expect((await checkAgreement({ db, condition: lastOrder, params: { daysAgo: { atMost: 0 } }, shop: ahead, now })).inMemory).toEqual([
      'ordering again tomorrow',
    ]);
    // At its date it is the last one, outside the window (its end is exclusive): the answer changes then, and changesAt says so.
    const tomorrow = hoursAgo(-24);
    expect((await checkAgreement({ db, condition: lastOrder, params: { within: window }, shop: ahead, now: tomorrow })).inMemory).toEqual([]);
    const [orders] = [...(await ordersOf(ahead)).values()];
    expect(
      lastOrder.changesAt!(lastOrder.params.parse({ within: window }), { orders } as never, {
        now,
        shop: { timeZone: 'UTC', cartAbandonmentMinutes: 60 },
        cart: null,
      }),
    ).toEqual(tomorrow);
    expect(
      lastOrder.changesAt!(lastOrder.params.parse({ daysAgo: { atMost: 0 } }), { orders } as never, {
        now,
        shop: { timeZone: 'UTC', cartAbandonmentMinutes: 60 },
        cart: null,
      }),
    ).toEqual(new Date(hoursAgo(1).getTime() + 86_400_000));
  });

  it('takes a window or days, not both', () => {
    expect(lastOrder.params.safeParse({ within: { lastDays: 2 }, daysAgo: { atLeast: 1 } }).success).toBe(false);
    expect(lastOrder.describe(lastOrder.params.parse({ daysAgo: { atLeast: 2, atMost: 2 } }))).toBe('last ordered exactly 2 days ago');
  });
});
