// Number of orders, by status and in a window ("placed at least 5 orders", "no order yet").
import {
  countRangeSchema,
  customerAggregateSql,
  defineCondition,
  definePlugin,
  describeCount,
  describeWindow,
  inRange,
  inWindow,
  nextWindowChange,
  orderStatusesSchema,
  ordersFact,
  sql,
  timeWindowSchema,
  windowSql,
  z,
} from '@cohort/plugin-sdk';
import './global-types.js';

export const orderCount = defineCondition({
  type: 'orderCount',
  label: 'Number of orders',
  params: z.object({
    count: countRangeSchema,
    within: timeWindowSchema.nullish().describe('When the orders were placed; leave out for ever.'),
    statuses: orderStatusesSchema,
  }),
  facts: [ordersFact],
  evaluate({ count, within, statuses }, { orders }, { now }) {
    return inRange(orders.filter((order) => statuses.includes(order.status) && inWindow(order.placedAt, within, now)).length, count);
  },
  toSql({ count, within, statuses }, { customer, now }) {
    return customerAggregateSql({
      customer,
      rows: sql`cohort_v1.orders o WHERE o.status = ANY(${statuses}::text[]) AND ${windowSql(sql`o.placed_at`, within, now)}`,
      customerColumn: sql`o.customer_id`,
      aggregate: sql`count(*)`,
      range: count,
      emptyMeans: 'zero',
    });
  },
  measure: {
    group: ({ within, statuses }) => JSON.stringify([within ?? null, statuses]),
    sql: ({ within, statuses }, { customer, now }) =>
      sql`(SELECT count(*) FROM cohort_v1.orders o WHERE o.customer_id = ${customer} AND o.status = ANY(${statuses}::text[]) AND ${windowSql(sql`o.placed_at`, within, now)})`,
    holds: ({ count }, orders) => inRange(Number(orders), count),
  },
  changesAt: ({ within, statuses }, { orders }, { now }) =>
    nextWindowChange(
      within,
      orders.filter((order) => statuses.includes(order.status)).map((order) => order.placedAt),
      now,
    ),
  describe: ({ count, within, statuses }) =>
    `placed ${describeCount(count, statuses.length === 1 && statuses[0] === 'VALIDATED' ? 'order' : `${statuses.join('/').toLowerCase()} order`)} ${describeWindow(within)}`,
});

export default definePlugin({ name: 'order-count', conditions: [orderCount] });
