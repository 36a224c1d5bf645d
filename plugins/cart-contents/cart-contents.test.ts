import type { CartSnapshot } from '@cohort/plugin-sdk';
import { checkAgreement, createTestDatabase, writeShop } from '@cohort/plugin-sdk/testing';
import { describe, expect, it } from 'vitest';
import { cartContains, cartItemCount, cartSubtotal } from './index.js';

const now = new Date('2026-11-23T12:00:00Z');
const shop = { timeZone: 'UTC', cartAbandonmentMinutes: 60 };
const line = (sku: string, unitPrice: number, quantity = 1, brand: string | null = 'Trailblaze', category: string | null = 'shoes') => ({
  productId: sku,
  sku,
  brand,
  category,
  quantity,
  unitPrice,
});
const cartOf = (currency: string, ...lines: ReturnType<typeof line>[]): CartSnapshot => ({
  currency,
  subtotal: lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0),
  lines,
});
const evaluate = <P>(
  condition: { params: { parse(value: unknown): P }; evaluate(params: P, facts: never, context: never): boolean },
  params: unknown,
  cart: CartSnapshot | null,
) => condition.evaluate(condition.params.parse(params), {} as never, { now, shop, cart } as never);

describe('conditions on the cart being priced', () => {
  it('a message for carts between $100 and $200', () => {
    const between = { subtotal: { atLeast: { amount: 10_000, currency: 'USD' }, atMost: { amount: 20_000, currency: 'USD' } } };
    expect(evaluate(cartSubtotal, between, cartOf('USD', line('A', 9_999)))).toBe(false);
    expect(evaluate(cartSubtotal, between, cartOf('USD', line('A', 10_000)))).toBe(true);
    expect(evaluate(cartSubtotal, between, cartOf('USD', line('A', 10_000, 2)))).toBe(true);
    expect(evaluate(cartSubtotal, between, cartOf('USD', line('A', 10_001, 2)))).toBe(false);
    expect(evaluate(cartSubtotal, between, cartOf('EUR', line('A', 15_000)))).toBe(false);
    expect(evaluate(cartSubtotal, between, null)).toBe(false);
  });

  it('contains products, adding quantities up', () => {
    const twoShoes = { products: { categories: ['SHOES'] }, minQuantity: 2 };
    expect(evaluate(cartContains, twoShoes, cartOf('USD', line('A', 100), line('B', 100)))).toBe(true);
    expect(evaluate(cartContains, twoShoes, cartOf('USD', line('A', 100), line('C', 100, 5, 'Other', 'socks')))).toBe(false);
  });

  it('counts items', () => {
    expect(evaluate(cartItemCount, { count: { atLeast: 3 } }, cartOf('USD', line('A', 100, 2), line('B', 100)))).toBe(true);
    expect(evaluate(cartItemCount, { count: { atLeast: 3 } }, cartOf('USD', line('A', 100, 2)))).toBe(false);
  });

  it('are never met over the whole customer base, which has no cart being priced', async () => {
    const db = await createTestDatabase();
    try {
      const customers = await writeShop(db, [{ sku: 'A' }], [{ name: 'anyone', carts: [{ lastActivityAt: now, lines: [{ sku: 'A' }] }] }]);
      const result = await checkAgreement({ db, condition: cartItemCount, params: { count: { atLeast: 0 } }, shop: customers, now });
      expect(result.inSql).toEqual([]);
    } finally {
      await db.close();
    }
  });
});
