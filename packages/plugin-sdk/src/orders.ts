// Orders: the customer's orders with their lines (the fact behind purchase-history
// conditions), and the order statuses conditions count.
import { z } from 'zod';
import { defineSqlFact, jsonDate, jsonTimestamp } from './facts.js';
import { graphqlType } from './graphql.js';
import { sql } from './sql.js';

export const ORDER_STATUSES = ['PENDING', 'VALIDATED', 'CANCELLED', 'REFUNDED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** GraphQL's OrderStatus enum. */
export const orderStatusSchema = graphqlType('OrderStatus', z.enum(ORDER_STATUSES), {
  description: 'PENDING: placed, not yet paid or confirmed. VALIDATED: a purchase. CANCELLED and REFUNDED: not (or no longer) a purchase.',
});

/** The statuses a purchase-history condition counts; by default only validated orders are purchases. */
export const orderStatusesSchema = z
  .preprocess((value) => value ?? undefined, z.array(orderStatusSchema).min(1, 'name at least one status').default(['VALIDATED']))
  .describe('Which orders count; defaults to VALIDATED.');

export interface OrderFact {
  id: string;
  status: OrderStatus;
  placedAt: Date;
  currency: string;
  subtotal: number;
  /** Taken off by discounts (the shop's, or Cohort's promotions). */
  discountTotal: number;
  total: number;
  shippingMethod: string | null;
  lines: { productId: string; sku: string; brand: string | null; category: string | null; quantity: number; lineTotal: number }[];
}

// Rows come from PostgreSQL as JSON arrays rather than objects: about half the bytes to build,
// send and parse on every storefront request; `parse` names the fields.
type LineRow = [productId: string, sku: string, brand: string | null, category: string | null, quantity: number, lineTotal: number];
type OrderRow = [
  id: string,
  status: OrderStatus,
  placedAt: number,
  currency: string,
  subtotal: number,
  total: number,
  shippingMethod: string | null,
  lines: LineRow[],
  discountTotal: number,
];

export const ordersFact = defineSqlFact({
  name: 'orders',
  empty: [] as OrderFact[],
  json: (customer) => sql`(
    SELECT COALESCE(json_agg(json_build_array(
             o.id, o.status, ${jsonTimestamp(sql`o.placed_at`)}, o.currency, o.subtotal, o.total, o.shipping_method,
             (SELECT COALESCE(json_agg(json_build_array(l.product_id, p.sku, l.brand, l.category, l.quantity, l.line_total) ORDER BY l.id), '[]')
              FROM cohort_v1.order_lines l LEFT JOIN cohort_v1.products p ON p.id = l.product_id WHERE l.order_id = o.id),
             o.discount_total
           ) ORDER BY o.placed_at, o.id), '[]')
    FROM cohort_v1.orders o WHERE o.customer_id = ${customer})`,
  parse: (json) =>
    (json as OrderRow[]).map(([id, status, placedAt, currency, subtotal, total, shippingMethod, lines, discountTotal]): OrderFact => ({
      id,
      status,
      placedAt: jsonDate(placedAt),
      currency,
      subtotal,
      discountTotal,
      total,
      shippingMethod,
      lines: lines.map(([productId, sku, brand, category, quantity, lineTotal]) => ({ productId, sku, brand, category, quantity, lineTotal })),
    })),
});
