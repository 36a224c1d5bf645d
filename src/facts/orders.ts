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

// Rows come from PostgreSQL as JSON arrays rather than objects: about half the bytes to build,
// send and parse on every storefront request; `parse` names the fields.
type LineRow = [productId: string, sku: string, brand: string | null, category: string | null, quantity: number, lineTotal: number];
type OrderRow = [id: string, status: OrderStatus, placedAt: number, currency: string, subtotal: number, total: number, shippingMethod: string | null, lines: LineRow[]];

export const ordersFact = defineSqlFact({
  name: 'orders',
  empty: [] as OrderFact[],
  json: (customer) => sql`(
    SELECT COALESCE(json_agg(json_build_array(
             o.id, o.status, ${jsonTimestamp(sql`o."placedAt"`)}, o.currency, o.subtotal, o.total, o."shippingMethod",
             (SELECT COALESCE(json_agg(json_build_array(l."productId", p.sku, l.brand, l.category, l.quantity, l."lineTotal") ORDER BY l.id), '[]')
              FROM "OrderLine" l LEFT JOIN "Product" p ON p.id = l."productId" WHERE l."orderId" = o.id)
           ) ORDER BY o."placedAt", o.id), '[]')
    FROM "Order" o WHERE o."customerId" = ${customer})`,
  parse: (json) =>
    (json as OrderRow[]).map(
      ([id, status, placedAt, currency, subtotal, total, shippingMethod, lines]): OrderFact => ({
        id,
        status,
        placedAt: jsonDate(placedAt),
        currency,
        subtotal,
        total,
        shippingMethod,
        lines: lines.map(([productId, sku, brand, category, quantity, lineTotal]) => ({ productId, sku, brand, category, quantity, lineTotal })),
      }),
    ),
});
