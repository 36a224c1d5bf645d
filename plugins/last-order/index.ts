// Date of the last order: placed in a window, or a number of whole days ago ("placed an
// order exactly 2 days ago": daysAgo { atLeast: 2, atMost: 2 }). Days are whole 24-hour
// periods before now. A customer without a counted order never matches.
import { countRangeSchema, DAY_MS, defineCondition, definePlugin, describeCount, describeWindow, inRange, inWindow, nextWindowChange, orderStatusesSchema, ordersFact, rangeSql, sql, timeWindowSchema, windowSql, z } from '@cohort/plugin-sdk';
import './global-types.js';

const params = z
  .object({
    within: timeWindowSchema.nullish().describe('The last order was placed in this window.'),
    daysAgo: countRangeSchema.nullish().describe('The last order was placed this many whole days ago.'),
    statuses: orderStatusesSchema,
  })
  .refine((value) => (value.within == null) !== (value.daysAgo == null), { message: 'give exactly one of within, daysAgo' });

export const lastOrder = defineCondition({
  type: 'lastOrder',
  label: 'Date of the last order',
  params,
  facts: [ordersFact],
  evaluate({ within, daysAgo, statuses }, { orders }, { now }) {
    const placed = orders.filter((order) => statuses.includes(order.status)).map((order) => order.placedAt.getTime());
    if (placed.length === 0) return false;
    const last = new Date(Math.max(...placed));
    return daysAgo ? inRange(Math.floor((now.getTime() - last.getTime()) / DAY_MS), daysAgo) : inWindow(last, within, now);
  },
  toSql({ within, daysAgo, statuses }, { customer, now }) {
    const last = sql`max(o.placed_at)`;
    const test = daysAgo ? rangeSql(sql`floor(extract(epoch from (${now}::timestamp - ${last})) * 1000 / ${DAY_MS})`, daysAgo) : windowSql(last, within, now);
    return sql`${customer}.id IN (SELECT o.customer_id FROM cohort_v1.orders o WHERE o.status = ANY(${statuses}::text[]) GROUP BY o.customer_id HAVING ${test})`;
  },
  measure: {
    group: ({ statuses }) => JSON.stringify(statuses),
    sql: ({ statuses }, { customer }) => sql`(SELECT max(o.placed_at) FROM cohort_v1.orders o WHERE o.customer_id = ${customer} AND o.status = ANY(${statuses}::text[]))`,
    holds: ({ within, daysAgo }, last, { now }) => last instanceof Date && (daysAgo ? inRange(Math.floor((now.getTime() - last.getTime()) / DAY_MS), daysAgo) : inWindow(last, within, now)),
  },
  // Whole days since the last order tick over every 24 hours after it; a rolling window drops it.
  changesAt({ within, daysAgo, statuses }, { orders }, { now }) {
    const last = Math.max(...orders.filter((order) => statuses.includes(order.status)).map((order) => order.placedAt.getTime()));
    if (!Number.isFinite(last)) return null;
    if (!daysAgo) return nextWindowChange(within, [new Date(last)], now);
    const elapsed = now.getTime() - last;
    return new Date(last + (elapsed < 0 ? 0 : (Math.floor(elapsed / DAY_MS) + 1) * DAY_MS));
  },
  describe: ({ within, daysAgo }) => (daysAgo ? `last ordered ${describeCount(daysAgo, 'day')} ago` : `last ordered ${describeWindow(within)}`),
});

export default definePlugin({ name: 'last-order', conditions: [lastOrder] });
