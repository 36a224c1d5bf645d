// The customer's orders with their lines: the fact behind purchase-history conditions.
import { defineFact } from '../plugin-sdk/facts.js';
import type { OrderStatus } from '../generated/prisma/enums.js';

export interface OrderFact {
  id: string;
  status: OrderStatus;
  placedAt: Date;
  currency: string;
  subtotal: number;
  total: number;
  shippingMethod: string | null;
  lines: { productId: string; sku: string; brand: string | null; category: string | null; quantity: number; lineTotal: number }[];
}

export const ordersFact = defineFact({
  name: 'orders',
  empty: [] as OrderFact[],
  // One SQL statement (lines aggregated as JSON): this runs on the storefront's hot path.
  async load(customerIds, { prisma }) {
    const rows = await prisma.$queryRaw<(Omit<OrderFact, 'lines'> & { customerId: string; lines: OrderFact['lines'] })[]>`
      SELECT o.id, o."customerId", o.status::text AS status, o."placedAt", o.currency, o.subtotal, o.total, o."shippingMethod",
             COALESCE(json_agg(json_build_object('productId', l."productId", 'sku', p.sku, 'brand', l.brand, 'category', l.category, 'quantity', l.quantity, 'lineTotal', l."lineTotal") ORDER BY l.id)
                      FILTER (WHERE l.id IS NOT NULL), '[]') AS lines
      FROM "Order" o LEFT JOIN "OrderLine" l ON l."orderId" = o.id LEFT JOIN "Product" p ON p.id = l."productId"
      WHERE o."customerId" = ANY(${[...customerIds]}::text[])
      GROUP BY o.id ORDER BY o."placedAt", o.id`;
    const byCustomer = new Map<string, OrderFact[]>();
    for (const { customerId, ...order } of rows) {
      const list = byCustomer.get(customerId) ?? [];
      list.push(order);
      byCustomer.set(customerId, list);
    }
    return byCustomer;
  },
});
