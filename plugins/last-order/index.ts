// Date of the last order: placed in a window, or a number of whole days ago ("placed an
// order exactly 2 days ago": daysAgo { atLeast: 2, atMost: 2 }). Days are whole 24-hour
// periods before now. A customer without a counted order never matches; an order dated after
// now is not placed yet: it becomes the last one at its date.
import {
  countRangeSchema,
  DAY_MS,
  defineCondition,
  definePlugin,
  describeCount,
  describeWindow,
  happenedBy,
  happenedBySql,
  inRange,
  inWindow,
  nextWindowChange,
  orderStatusesSchema,
  ordersFact,
  rangeSql,
  sql,
  timeWindowSchema,
  windowSql,
  z,
  type OrderFact,
  type OrderStatus,
} from '@cohort/plugin-sdk';
import './global-types.js';

const params = z
  .object({
    within: timeWindowSchema.nullish().describe('The last order was placed in this window.'),
    daysAgo: countRangeSchema.nullish().describe('The last order was placed this many whole days ago.'),
    statuses: orderStatusesSchema,
  })
  .refine((value) => (value.within == null) !== (value.daysAgo == null), { message: 'give exactly one of within, daysAgo' });

/** The times of the counted orders placed by now: the last (-Infinity for none), and the first still to come (Infinity for none). */
function lastAndNext(orders: readonly OrderFact[], statuses: readonly OrderStatus[], now: Date): { last: number; next: number } {
  let last = Number.NEGATIVE_INFINITY;
  let next = Number.POSITIVE_INFINITY;
  for (const order of orders) {
    if (!statuses.includes(order.status)) continue;
    const time = order.placedAt.getTime();
    if (happenedBy(order.placedAt, now)) last = Math.max(last, time);
    else next = Math.min(next, time);
  }
  return { last, next };
}

export const lastOrder = defineCondition({
  type: 'lastOrder',
  label: 'Date of the last order',
  params,
  facts: [ordersFact],
  evaluate({ within, daysAgo, statuses }, { orders }, { now }) {
    const { last } = lastAndNext(orders, statuses, now);
    if (!Number.isFinite(last)) return false;
    return daysAgo ? inRange(Math.floor((now.getTime() - last) / DAY_MS), daysAgo) : inWindow(new Date(last), within, now);
  },
  toSql({ within, daysAgo, statuses }, { customer, now }) {
    const last = sql`max(o.placed_at)`;
    const test = daysAgo ? rangeSql(sql`floor(extract(epoch from (${now}::timestamp - ${last})) * 1000 / ${DAY_MS})`, daysAgo) : windowSql(last, within, now);
    return sql`${customer}.id IN (SELECT o.customer_id FROM cohort_v1.orders o WHERE o.status = ANY(${statuses}::text[]) AND ${happenedBySql(sql`o.placed_at`, now)} GROUP BY o.customer_id HAVING ${test})`;
  },
  measure: {
    group: ({ statuses }) => JSON.stringify(statuses),
    sql: ({ statuses }, { customer, now }) =>
      sql`(SELECT max(o.placed_at) FROM cohort_v1.orders o WHERE o.customer_id = ${customer} AND o.status = ANY(${statuses}::text[]) AND ${happenedBySql(sql`o.placed_at`, now)})`,
    holds: ({ within, daysAgo }, last, { now }) =>
      last instanceof Date && (daysAgo ? inRange(Math.floor((now.getTime() - last.getTime()) / DAY_MS), daysAgo) : inWindow(last, within, now)),
  },
  // Whole days since the last order tick over every 24 hours after it; a rolling window drops it;
  // an order dated after now becomes the last one at its date (in the window or not: it takes the last one's place).
  changesAt({ within, daysAgo, statuses }, { orders }, { now }) {
    const { last, next } = lastAndNext(orders, statuses, now);
    let at = next;
    if (Number.isFinite(last)) {
      if (daysAgo) at = Math.min(at, last + (Math.floor((now.getTime() - last) / DAY_MS) + 1) * DAY_MS);
      else at = Math.min(at, nextWindowChange(within, [new Date(last)], now)?.getTime() ?? Number.POSITIVE_INFINITY);
    }
    return Number.isFinite(at) ? new Date(at) : null;
  },
  describe: ({ within, daysAgo }) => (daysAgo ? `last ordered ${describeCount(daysAgo, 'day')} ago` : `last ordered ${describeWindow(within)}`),
});

export default definePlugin({ name: 'last-order', conditions: [lastOrder] });
