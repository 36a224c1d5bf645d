// Date of the first order ("customers who placed their first order in the last month").
import { defineCondition, definePlugin, describeWindow, inWindow, orderStatusesSchema, ordersFact, sql, timeWindowSchema, windowSql, z } from '@cohort/plugin-sdk';
import './global-types.js';

export const firstOrder = defineCondition({
  type: 'firstOrder',
  label: 'Date of the first order',
  params: z.object({ within: timeWindowSchema.describe('The first order was placed in this window.'), statuses: orderStatusesSchema }),
  facts: [ordersFact],
  evaluate({ within, statuses }, { orders }, { now }) {
    const placed = orders.filter((order) => statuses.includes(order.status)).map((order) => order.placedAt.getTime());
    return placed.length > 0 && inWindow(new Date(Math.min(...placed)), within, now);
  },
  toSql({ within, statuses }, { customer, now }) {
    return sql`${customer}.id IN (SELECT o.customer_id FROM cohort_v1.orders o WHERE o.status = ANY(${statuses}::text[]) GROUP BY o.customer_id HAVING ${windowSql(sql`min(o.placed_at)`, within, now)})`;
  },
  measure: {
    group: ({ statuses }) => JSON.stringify(statuses),
    sql: ({ statuses }, { customer }) => sql`(SELECT min(o.placed_at) FROM cohort_v1.orders o WHERE o.customer_id = ${customer} AND o.status = ANY(${statuses}::text[]))`,
    holds: ({ within }, first, { now }) => first instanceof Date && inWindow(first, within, now),
  },
  describe: ({ within }) => `placed their first order ${describeWindow(within)}`,
});

export default definePlugin({ name: 'first-order', conditions: [firstOrder] });
