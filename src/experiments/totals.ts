// The arms' totals of an experiment, read in one statement over its stored assignments and the
// customers' orders: per customer, what they bought from their first exposure (within the
// window) and in a lookback before it (the CUPED covariate); per arm, the counts, sums and
// sums of squares and products that analysis.ts needs. The caller passes the query function,
// so this module opens nothing.
import { sql, type OrderStatus, type Query, type Sql } from '@cohort/plugin-sdk';
import type { HoldoutArmTotals } from './analysis.js';

export interface TotalsRequest {
  experimentId: string;
  /** Orders in other currencies are left out: a report is in one currency (the promotion's). */
  currency: string;
  /** The report's moment: exposures and orders up to it. */
  asOf: Date;
  /** Days after each customer's first exposure during which their orders count; null: until `asOf`. */
  windowDays?: number | null;
  /** Days before the exposure whose revenue is the CUPED covariate (Eppo uses 30, GrowthBook 14). */
  lookbackDays?: number;
  /** Orders that count; validated orders by default, as the RFM and retention figures count them. */
  statuses?: readonly OrderStatus[];
}

export interface ExperimentTotals {
  /** By arm key; an arm with no exposure yet is absent. */
  arms: Map<string, HoldoutArmTotals>;
  /** The first exposure of anyone, for rates (null before any). */
  firstExposure: Date | null;
}

interface TotalsRow {
  arm: string;
  exposed: number;
  conversions: number;
  first_exposed_at: Date;
  orders_sum: number;
  orders_squares: number;
  revenue_sum: number;
  revenue_squares: number;
  discount_sum: number;
  discount_squares: number;
  revenue_discount: number;
  revenue_orders: number;
  pre_sum: number;
  pre_squares: number;
  pre_revenue: number;
  pre_discount: number;
}

/**
 * The statement: one row per arm. Sums are taken in exact integer arithmetic (numeric) and
 * turned into floats only at the end; the squares of a customer's revenue can pass 2⁵³.
 */
/**
 * Orders placed this long before a customer's first exposure still count as after it: a
 * customer first evaluated at \`redeem\` (a voucher-only promotion the storefront never asked
 * about) is exposed when the order is redeemed, a little after the shop dated it. Both arms
 * alike, so nothing is biased; an order that truly came minutes before is rare, and counts in
 * either arm the same way.
 */
export const EXPOSURE_GRACE_MINUTES = 10;

export function totalsSql(request: TotalsRequest): Sql {
  const asOf = request.asOf.toISOString();
  const statuses = [...(request.statuses ?? ['VALIDATED'])];
  const lookbackDays = request.lookbackDays ?? 30;
  const windowDays = request.windowDays ?? null;
  return sql`
    WITH per_customer AS (
      SELECT a.arm, a."exposedAt",
             count(o.id) FILTER (WHERE o."placedAt" >= a.counts_from)::bigint AS orders,
             coalesce(sum(o.subtotal) FILTER (WHERE o."placedAt" >= a.counts_from), 0)::bigint AS revenue,
             coalesce(sum(o."discountTotal") FILTER (WHERE o."placedAt" >= a.counts_from), 0)::bigint AS discount,
             coalesce(sum(o.subtotal) FILTER (WHERE o."placedAt" < a.counts_from), 0)::bigint AS pre
        FROM (SELECT *, "exposedAt" - ${EXPOSURE_GRACE_MINUTES}::int * interval '1 minute' AS counts_from FROM "ExperimentAssignment") a
        LEFT JOIN "Order" o
          ON o."customerId" = a."customerId"
         AND o.currency = ${request.currency}::text
         AND o.status::text = ANY(${statuses}::text[])
         AND o."placedAt" >= a.counts_from - ${lookbackDays}::int * interval '1 day'
         AND o."placedAt" < least(a."exposedAt" + ${windowDays}::int * interval '1 day', ${asOf}::timestamp)
       WHERE a."experimentId" = ${request.experimentId}::text AND a."exposedAt" < ${asOf}::timestamp
       GROUP BY a."customerId", a.arm, a."exposedAt"
    )
    SELECT arm,
           count(*)::int AS exposed,
           (count(*) FILTER (WHERE orders > 0))::int AS conversions,
           min("exposedAt") AS first_exposed_at,
           sum(orders)::float8 AS orders_sum,
           sum(orders * orders)::float8 AS orders_squares,
           sum(revenue)::float8 AS revenue_sum,
           sum(revenue::numeric * revenue)::float8 AS revenue_squares,
           sum(discount)::float8 AS discount_sum,
           sum(discount::numeric * discount)::float8 AS discount_squares,
           sum(revenue::numeric * discount)::float8 AS revenue_discount,
           sum(revenue::numeric * orders)::float8 AS revenue_orders,
           sum(pre)::float8 AS pre_sum,
           sum(pre::numeric * pre)::float8 AS pre_squares,
           sum(pre::numeric * revenue)::float8 AS pre_revenue,
           sum(pre::numeric * discount)::float8 AS pre_discount
      FROM per_customer
     GROUP BY arm
     ORDER BY arm`;
}

/** Runs `totalsSql` with the caller's query function and shapes the rows for `analyzeHoldout`. */
export async function loadTotals(query: Query, request: TotalsRequest): Promise<ExperimentTotals> {
  const rows = await query<TotalsRow>(totalsSql(request));
  const arms = new Map<string, HoldoutArmTotals>();
  let firstExposure: Date | null = null;
  for (const row of rows) {
    if (firstExposure === null || row.first_exposed_at < firstExposure) firstExposure = row.first_exposed_at;
    arms.set(row.arm, {
      exposed: row.exposed,
      conversions: row.conversions,
      orders: { sum: row.orders_sum, sumSquares: row.orders_squares },
      revenue: { sum: row.revenue_sum, sumSquares: row.revenue_squares },
      discount: { sum: row.discount_sum, sumSquares: row.discount_squares },
      revenueDiscountProducts: row.revenue_discount,
      revenueOrderProducts: row.revenue_orders,
      preExposure: { sum: row.pre_sum, sumSquares: row.pre_squares, revenueProducts: row.pre_revenue, discountProducts: row.pre_discount },
    });
  }
  return { arms, firstExposure };
}
