// The customer's orders with their lines: the fact behind purchase-history conditions.
import { sql } from '../generated/prisma/internal/prismaNamespace.js';
import { defineSqlFact, jsonDate, jsonTimestamp } from '../plugin-sdk/facts.js';
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

export const ordersFact = defineSqlFact({
  name: 'orders',
  empty: [] as OrderFact[],
  json: (customer) => sql`(
    SELECT COALESCE(json_agg(json_build_object(
             'id', o.id, 'status', o.status, 'placedAt', ${jsonTimestamp(sql`o."placedAt"`)}, 'currency', o.currency, 'subtotal', o.subtotal, 'total', o.total, 'shippingMethod', o."shippingMethod",
             'lines', (SELECT COALESCE(json_agg(json_build_object('productId', l."productId", 'sku', p.sku, 'brand', l.brand, 'category', l.category, 'quantity', l.quantity, 'lineTotal', l."lineTotal") ORDER BY l.id), '[]')
                       FROM "OrderLine" l LEFT JOIN "Product" p ON p.id = l."productId" WHERE l."orderId" = o.id)
           ) ORDER BY o."placedAt", o.id), '[]')
    FROM "Order" o WHERE o."customerId" = ${customer})`,
  parse(json) {
    const orders = json as (Omit<OrderFact, 'placedAt'> & { placedAt: number | Date })[];
    for (const order of orders) order.placedAt = jsonDate(order.placedAt as unknown as number);
    return orders as OrderFact[];
  },
});
