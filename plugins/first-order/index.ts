// Date of the first order ("customers who placed their first order in the last month"). An
// order dated after now is not placed yet: a customer whose orders are all still to come has
// no first order until the earliest is dated.
import {
  defineCondition,
  definePlugin,
  describeWindow,
  happenedBySql,
  inWindow,
  nextWindowChange,
  orderStatusesSchema,
  ordersFact,
  sql,
  timeWindowSchema,
  windowSql,
  z,
  type OrderFact,
  type OrderStatus,
} from '@cohort/plugin-sdk';
import './global-types.js';

/** The time of the customer's earliest counted order, placed or still to come (Infinity for none). */
const earliest = (orders: readonly OrderFact[], statuses: readonly OrderStatus[]) =>
  Math.min(...orders.filter((order) => statuses.includes(order.status)).map((order) => order.placedAt.getTime()));

export const firstOrder = defineCondition({
  type: 'firstOrder',
  label: 'Date of the first order',
  params: z.object({ within: timeWindowSchema.describe('The first order was placed in this window.'), statuses: orderStatusesSchema }),
  facts: [ordersFact],
  // The earliest order is the first placed if it is placed by now; if it is still to come, none is placed (inWindow is false).
  evaluate({ within, statuses }, { orders }, { now }) {
    const first = earliest(orders, statuses);
    return Number.isFinite(first) && inWindow(new Date(first), within, now);
  },
  toSql({ within, statuses }, { customer, now }) {
    return sql`${customer}.id IN (SELECT o.customer_id FROM cohort_v1.orders o WHERE o.status = ANY(${statuses}::text[]) AND ${happenedBySql(sql`o.placed_at`, now)} GROUP BY o.customer_id HAVING ${windowSql(sql`min(o.placed_at)`, within, now)})`;
  },
  measure: {
    group: ({ statuses }) => JSON.stringify(statuses),
    sql: ({ statuses }, { customer, now }) =>
      sql`(SELECT min(o.placed_at) FROM cohort_v1.orders o WHERE o.customer_id = ${customer} AND o.status = ANY(${statuses}::text[]) AND ${happenedBySql(sql`o.placed_at`, now)})`,
    holds: ({ within }, first, { now }) => first instanceof Date && inWindow(first, within, now),
  },
  // The first order enters the window when it is placed, and leaves a rolling one N days later.
  changesAt: ({ within, statuses }, { orders }, { now }) => {
    const first = earliest(orders, statuses);
    return Number.isFinite(first) ? nextWindowChange(within, [new Date(first)], now) : null;
  },
  describe: ({ within }) => `placed their first order ${describeWindow(within)}`,
});

export default definePlugin({ name: 'first-order', conditions: [firstOrder] });
