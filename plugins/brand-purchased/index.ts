// Brand purchased: the customer bought a product of one of these brands in a time window
// ("bought brand Y in the last 90 days"). Only validated orders count: a cancelled or
// refunded purchase is not a purchase, and a pending one is not yet.
import {
  defineCondition,
  definePlugin,
  describeWindow,
  inWindow,
  nextWindowChange,
  ordersFact,
  shopValues,
  sql,
  timeWindowSchema,
  windowSql,
  z,
  type OrderFact,
} from '@cohort/plugin-sdk';
import './global-types.js';

/** The validated orders with a product of one of `brands` (case-insensitive). */
function ordersOf(orders: readonly OrderFact[], brands: readonly string[]): OrderFact[] {
  const wanted = new Set(brands.map((brand) => brand.toLowerCase()));
  return orders.filter((order) => order.status === 'VALIDATED' && order.lines.some((line) => line.brand !== null && wanted.has(line.brand.toLowerCase())));
}

export const brandPurchased = defineCondition({
  type: 'brandPurchased',
  label: 'Bought a product of one of these brands',
  params: z.object({
    brands: shopValues(
      'brand',
      z.array(z.string().trim().min(1, 'must not be empty')).min(1, 'name at least one brand').describe('Brand names (case-insensitive).'),
    ),
    within: timeWindowSchema.nullish().describe('When the order was placed; leave out for ever.'),
  }),
  facts: [ordersFact],
  evaluate: ({ brands, within }, { orders }, { now }) => ordersOf(orders, brands).some((order) => inWindow(order.placedAt, within, now)),
  toSql({ brands, within }, { customer, now }) {
    return sql`EXISTS (
      SELECT 1 FROM cohort_v1.orders o JOIN cohort_v1.order_lines l ON l.order_id = o.id
      WHERE o.customer_id = ${customer}.id AND o.status = 'VALIDATED' AND ${windowSql(sql`o.placed_at`, within, now)}
        AND lower(l.brand) = ANY(${brands.map((brand) => brand.toLowerCase())}::text[])
    )`;
  },
  // The brands bought in the window (lower case): conditions on the same window share it.
  measure: {
    group: ({ within }) => JSON.stringify(within ?? null),
    sql: ({ within }, { customer, now }) => sql`(
      SELECT COALESCE(json_agg(DISTINCT lower(l.brand)), '[]') FROM cohort_v1.orders o JOIN cohort_v1.order_lines l ON l.order_id = o.id
      WHERE o.customer_id = ${customer} AND o.status = 'VALIDATED' AND ${windowSql(sql`o.placed_at`, within, now)} AND l.brand IS NOT NULL
    )`,
    holds: ({ brands }, bought) => brands.some((brand) => (bought as string[]).includes(brand.toLowerCase())),
  },
  changesAt: ({ brands, within }, { orders }, { now }) =>
    nextWindowChange(
      within,
      ordersOf(orders, brands).map((order) => order.placedAt),
      now,
    ),
  describe: ({ brands, within }) => `bought ${brands.join(' or ')} ${describeWindow(within)}`,
});

export default definePlugin({ name: 'brand-purchased', conditions: [brandPurchased] });
