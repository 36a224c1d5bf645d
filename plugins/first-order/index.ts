// Date of the first order ("customers who placed their first order in the last month").
import { defineCondition, definePlugin, describeWindow, inWindow, OrderStatusInput, orderStatusesSchema, ordersFact, sql, timeWindowSchema, TimeWindowInput, windowSql, z } from 'cohort/plugin-sdk';

export const firstOrder = defineCondition({
  type: 'firstOrder',
  label: 'Date of the first order',
  params: z.object({ within: timeWindowSchema, statuses: orderStatusesSchema }),
  input: (t) => ({
    within: t.field({ type: TimeWindowInput, description: 'The first order was placed in this window.' }),
    statuses: t.field({ type: [OrderStatusInput], required: false, description: 'Which orders count; defaults to VALIDATED.' }),
  }),
  facts: [ordersFact],
  evaluate({ within, statuses }, { orders }, { now }) {
    const placed = orders.filter((order) => statuses.includes(order.status)).map((order) => order.placedAt.getTime());
    return placed.length > 0 && inWindow(new Date(Math.min(...placed)), within, now);
  },
  toSql({ within, statuses }, { customer, now }) {
    return sql`${customer}.id IN (SELECT o."customerId" FROM "Order" o WHERE o.status = ANY(CAST(${statuses}::text[] AS "OrderStatus"[])) GROUP BY o."customerId" HAVING ${windowSql(sql`min(o."placedAt")`, within, now)})`;
  },
  measure: {
    group: ({ statuses }) => JSON.stringify(statuses),
    sql: ({ statuses }, { customer }) => sql`(SELECT min(o."placedAt") FROM "Order" o WHERE o."customerId" = ${customer} AND o.status = ANY(CAST(${statuses}::text[] AS "OrderStatus"[])))`,
    holds: ({ within }, first, { now }) => first instanceof Date && inWindow(first, within, now),
  },
  describe: ({ within }) => `placed their first order ${describeWindow(within)}`,
});

export default definePlugin({ name: 'first-order', conditions: [firstOrder] });
