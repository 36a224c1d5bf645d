// Amount spent: the total of the customer's orders, lifetime or in a window ("spent more
// than $300 in the past year"). Only orders in the range's currency count; by default only
// validated orders, since cancelled and refunded ones were not (or are no longer) spent.
import {
  customerAggregateSql,
  defineCondition,
  definePlugin,
  describeMoney,
  describeWindow,
  inRange,
  inWindow,
  moneyRangeSchema,
  nextWindowChange,
  orderStatusesSchema,
  ordersFact,
  rangeCurrency,
  sql,
  timeWindowSchema,
  windowSql,
  z,
} from '@cohort/plugin-sdk';
import './global-types.js';

export const amountSpent = defineCondition({
  type: 'amountSpent',
  label: 'Total spent on orders',
  params: z.object({
    amount: moneyRangeSchema.describe('Bounds on the sum of order totals, in one currency; orders in other currencies do not count.'),
    within: timeWindowSchema.nullish().describe('When the orders were placed; leave out for lifetime.'),
    statuses: orderStatusesSchema,
  }),
  facts: [ordersFact],
  evaluate({ amount, within, statuses }, { orders }, { now }) {
    const currency = rangeCurrency(amount);
    const total = orders
      .filter((order) => order.currency === currency && statuses.includes(order.status) && inWindow(order.placedAt, within, now))
      .reduce((sum, order) => sum + order.total, 0);
    return inRange(total, amount);
  },
  toSql({ amount, within, statuses }, { customer, now }) {
    return customerAggregateSql({
      customer,
      rows: sql`cohort_v1.orders o WHERE o.currency = ${rangeCurrency(amount)} AND o.status = ANY(${statuses}::text[]) AND ${windowSql(sql`o.placed_at`, within, now)}`,
      customerColumn: sql`o.customer_id`,
      aggregate: sql`sum(o.total)`,
      range: amount,
      emptyMeans: 'zero',
    });
  },
  // The total itself, so that conditions differing only in their bounds share one read.
  measure: {
    group: ({ amount, within, statuses }) => JSON.stringify([rangeCurrency(amount), within ?? null, statuses]),
    sql: ({ amount, within, statuses }, { customer, now }) =>
      sql`(SELECT COALESCE(sum(o.total), 0) FROM cohort_v1.orders o WHERE o.customer_id = ${customer} AND o.currency = ${rangeCurrency(amount)} AND o.status = ANY(${statuses}::text[]) AND ${windowSql(sql`o.placed_at`, within, now)})`,
    holds: ({ amount }, total) => inRange(Number(total), amount),
  },
  // An order leaves a rolling window a year (say) after it was placed.
  changesAt: ({ amount, within, statuses }, { orders }, { now }) =>
    nextWindowChange(
      within,
      orders.filter((order) => order.currency === rangeCurrency(amount) && statuses.includes(order.status)).map((order) => order.placedAt),
      now,
    ),
  describe: ({ amount, within }) => `spent ${describeMoney(amount)} ${describeWindow(within)}`,
});

export default definePlugin({ name: 'amount-spent', conditions: [amountSpent] });
