// Number of orders, by status and in a window ("placed at least 5 orders", "no order yet").
import { CountRangeInput, countRangeSchema, customerAggregateSql, defineCondition, definePlugin, describeCount, describeWindow, inRange, inWindow, OrderStatusInput, orderStatusesSchema, ordersFact, sql, timeWindowSchema, TimeWindowInput, windowSql, z } from 'cohort/plugin-sdk';

export const orderCount = defineCondition({
  type: 'orderCount',
  label: 'Number of orders',
  params: z.object({ count: countRangeSchema, within: timeWindowSchema.nullish(), statuses: orderStatusesSchema }),
  input: (t) => ({
    count: t.field({ type: CountRangeInput }),
    within: t.field({ type: TimeWindowInput, required: false, description: 'When the orders were placed; leave out for ever.' }),
    statuses: t.field({ type: [OrderStatusInput], required: false, description: 'Which orders count; defaults to VALIDATED.' }),
  }),
  facts: [ordersFact],
  evaluate({ count, within, statuses }, { orders }, { now }) {
    return inRange(orders.filter((order) => statuses.includes(order.status) && inWindow(order.placedAt, within, now)).length, count);
  },
  toSql({ count, within, statuses }, { customer, now }) {
    return customerAggregateSql({
      customer,
      rows: sql`"Order" o WHERE o.status = ANY(CAST(${statuses}::text[] AS "OrderStatus"[])) AND ${windowSql(sql`o."placedAt"`, within, now)}`,
      customerColumn: sql`o."customerId"`,
      aggregate: sql`count(*)`,
      range: count,
      emptyMeans: 'zero',
    });
  },
  measure: {
    group: ({ within, statuses }) => JSON.stringify([within ?? null, statuses]),
    sql: ({ within, statuses }, { customer, now }) => sql`(SELECT count(*) FROM "Order" o WHERE o."customerId" = ${customer} AND o.status = ANY(CAST(${statuses}::text[] AS "OrderStatus"[])) AND ${windowSql(sql`o."placedAt"`, within, now)})`,
    holds: ({ count }, orders) => inRange(Number(orders), count),
  },
  describe: ({ count, within, statuses }) => `placed ${describeCount(count, statuses.length === 1 && statuses[0] === 'VALIDATED' ? 'order' : `${statuses.join('/').toLowerCase()} order`)} ${describeWindow(within)}`,
});

export default definePlugin({ name: 'order-count', conditions: [orderCount] });
