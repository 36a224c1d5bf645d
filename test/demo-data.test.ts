// The demo shop is the same on every run and internally consistent.
import { describe, expect, it } from 'vitest';
import { generateDemoShop } from '../scripts/demo-data.js';

describe('the demo shop', () => {
  const now = new Date('2026-11-23T00:00:00Z');
  const shop = generateDemoShop({ now, customers: 60 });

  it('is deterministic', () => {
    expect(generateDemoShop({ now, customers: 60 })).toEqual(shop);
  });

  it('has orders whose totals add up from their lines, in integer minor units', () => {
    for (const order of shop.orders) {
      const lines = shop.orderLines.filter((line) => line.orderId === order.id);
      expect(order.subtotal).toBe(lines.reduce((sum, line) => sum + line.lineTotal, 0));
      expect(order.total).toBe(order.subtotal - order.discountTotal + order.shippingTotal + order.taxTotal);
      expect(Number.isInteger(order.total)).toBe(true);
    }
  });

  it('spreads orders over the last two years and views over the last 90 days', () => {
    const oldest = Math.min(...shop.orders.map((order) => order.placedAt.getTime()));
    expect(now.getTime() - oldest).toBeLessThanOrEqual(730 * 86_400_000);
    expect(shop.views.every((view) => now.getTime() - view.viewedAt.getTime() <= 90 * 86_400_000)).toBe(true);
  });
});
