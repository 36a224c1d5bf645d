// Average order value over the customer's orders in one currency. A customer without such
// orders has no average and never matches. The comparison multiplies instead of dividing
// (total ≥ bound × count), so memory and SQL agree to the cent with no rounding at all.
import {
  defineCondition,
  definePlugin,
  describeMoney,
  describeWindow,
  inRange,
  inWindow,
  moneyRangeSchema,
  nextWindowChange,
  ordersFact,
  orderStatusesSchema,
  rangeCurrency,
  rangeSql,
  sql,
  timeWindowSchema,
  windowSql,
  z,
} from '@cohort/plugin-sdk';
import './global-types.js';

export const averageOrderValue = defineCondition({
  type: 'averageOrderValue',
  label: 'Average order value',
  params: z.object({ average: moneyRangeSchema, within: timeWindowSchema.nullish(), statuses: orderStatusesSchema }),
  facts: [ordersFact],
  evaluate({ average, within, statuses }, { orders }, { now }) {
    const currency = rangeCurrency(average);
    const counted = orders.filter((order) => order.currency === currency && statuses.includes(order.status) && inWindow(order.placedAt, within, now));
    if (counted.length === 0) return false;
    const total = counted.reduce((sum, order) => sum + order.total, 0);
    return inRange(total, average, counted.length);
  },
  toSql({ average, within, statuses }, { customer, now }) {
    return sql`${customer}.id IN (
      SELECT o.customer_id FROM cohort_v1.orders o
      WHERE o.currency = ${rangeCurrency(average)} AND o.status = ANY(${statuses}::text[]) AND ${windowSql(sql`o.placed_at`, within, now)}
      GROUP BY o.customer_id HAVING ${rangeSql(sql`sum(o.total)`, average, sql`count(*)`)}
    )`;
  },
  measure: {
    group: ({ average, within, statuses }) => JSON.stringify([rangeCurrency(average), within ?? null, statuses]),
    sql: ({ average, within, statuses }, { customer, now }) =>
      sql`(SELECT json_build_array(count(*), COALESCE(sum(o.total), 0)) FROM cohort_v1.orders o WHERE o.customer_id = ${customer} AND o.currency = ${rangeCurrency(average)} AND o.status = ANY(${statuses}::text[]) AND ${windowSql(sql`o.placed_at`, within, now)})`,
    holds: ({ average }, value) => {
      const [orders, total] = value as [number, number];
      return orders > 0 && inRange(total, average, orders);
    },
  },
  changesAt: ({ average, within, statuses }, { orders }, { now }) =>
    nextWindowChange(
      within,
      orders.filter((order) => order.currency === rangeCurrency(average) && statuses.includes(order.status)).map((order) => order.placedAt),
      now,
    ),
  describe: ({ average, within }) => `average order value ${describeMoney(average)} ${describeWindow(within)}`,
});

export default definePlugin({ name: 'average-order-value', conditions: [averageOrderValue] });
