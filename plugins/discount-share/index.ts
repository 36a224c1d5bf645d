// Discount share: how much of what the customer's orders were worth came off as discounts
// (Vouchery's "unprofitable" customers buy mostly on discount). The share is the discounts of
// the customer's validated orders in one currency over their subtotals, compared in whole
// percents without dividing (100 × discounts against the bound × subtotals), so memory and
// SQL agree exactly. A customer without such orders has no share and never matches.
import {
  countRangeSchema,
  currencySchema,
  defineCondition,
  definePlugin,
  describeCount,
  describeWindow,
  inRange,
  inWindow,
  nextWindowChange,
  ordersFact,
  rangeSql,
  sql,
  timeWindowSchema,
  windowSql,
  z,
} from '@cohort/plugin-sdk';
import './global-types.js';

export const discountShare = defineCondition({
  type: 'discountShare',
  label: 'Share of order value taken off by discounts',
  params: z.object({
    percent: countRangeSchema.describe("Bounds on the discounts as a whole percentage of the orders' subtotals, e.g. { moreThan: 30 }."),
    currency: currencySchema.describe('Only orders in this currency count.'),
    within: timeWindowSchema.nullish().describe('When the orders were placed; leave out for lifetime.'),
  }),
  facts: [ordersFact],
  evaluate({ percent, currency, within }, { orders }, { now }) {
    let discounts = 0;
    let subtotals = 0;
    for (const order of orders) {
      if (order.status !== 'VALIDATED' || order.currency !== currency || !inWindow(order.placedAt, within, now)) continue;
      discounts += order.discountTotal;
      subtotals += order.subtotal;
    }
    return subtotals > 0 && inRange(100 * discounts, percent, subtotals);
  },
  toSql({ percent, currency, within }, { customer, now }) {
    return sql`${customer}.id IN (
      SELECT o.customer_id FROM cohort_v1.orders o
      WHERE o.status = 'VALIDATED' AND o.currency = ${currency} AND ${windowSql(sql`o.placed_at`, within, now)}
      GROUP BY o.customer_id HAVING sum(o.subtotal) > 0 AND ${rangeSql(sql`100 * sum(o.discount_total)`, percent, sql`sum(o.subtotal)`)}
    )`;
  },
  changesAt: ({ currency, within }, { orders }, { now }) =>
    nextWindowChange(
      within,
      orders.filter((order) => order.status === 'VALIDATED' && order.currency === currency).map((order) => order.placedAt),
      now,
    ),
  describe: ({ percent, currency, within }) =>
    `got ${describeCount(percent, 'percent').replace(/ percents?$/, '%')} of their ${currency} orders' value in discounts ${describeWindow(within)}`,
});

export default definePlugin({ name: 'discount-share', conditions: [discountShare] });
