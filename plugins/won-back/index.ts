// Won back: the customer ordered again after a gap of at least N days ("coming back after X
// period of time", Vouchery's won-back customers), the return order placed in a window when
// one is given. Validated orders only: a cancelled order neither opens nor closes a gap.
import {
  DAY_MS,
  defineCondition,
  definePlugin,
  describeWindow,
  inWindow,
  nextWindowChange,
  ordersFact,
  sql,
  timeWindowSchema,
  windowSql,
  z,
  type OrderFact,
} from '@cohort/plugin-sdk';
import './global-types.js';

/** When the customer's validated orders that came after a gap of at least `gapDays` were placed (or will be). */
function returnOrders(orders: readonly OrderFact[], gapDays: number): Date[] {
  const placed = orders
    .filter((order) => order.status === 'VALIDATED')
    .map((order) => order.placedAt.getTime())
    .sort((a, b) => a - b);
  return placed.filter((at, index) => index > 0 && at - (placed[index - 1] as number) >= gapDays * DAY_MS).map((at) => new Date(at));
}

export const wonBack = defineCondition({
  type: 'wonBack',
  label: 'Ordered again after a gap',
  params: z.object({
    gapDays: z
      .number()
      .int('must be a whole number of days')
      .min(1, 'must be at least 1')
      .max(36_500)
      .describe('At least this many days (N × 24 hours) between an order and the one before it.'),
    within: timeWindowSchema.nullish().describe('When the return order was placed; leave out for any time.'),
  }),
  facts: [ordersFact],
  // Orders dated after now come after every placed one: the gaps before placed orders are the same with or without them.
  evaluate: ({ gapDays, within }, { orders }, { now }) => returnOrders(orders, gapDays).some((at) => inWindow(at, within, now)),
  toSql({ gapDays, within }, { customer, now }) {
    return sql`EXISTS (
      SELECT 1 FROM (
        SELECT o.placed_at, lag(o.placed_at) OVER (ORDER BY o.placed_at) AS previous
        FROM cohort_v1.orders o WHERE o.customer_id = ${customer}.id AND o.status = 'VALIDATED'
      ) AS gaps
      WHERE gaps.previous IS NOT NULL AND gaps.placed_at >= gaps.previous + make_interval(days => ${gapDays}::int) AND ${windowSql(sql`gaps.placed_at`, within, now)}
    )`;
  },
  changesAt: ({ gapDays, within }, { orders }, { now }) => nextWindowChange(within, returnOrders(orders, gapDays), now),
  describe: ({ gapDays, within }) =>
    `ordered again after ${gapDays} day${gapDays === 1 ? '' : 's'} or more without ordering${within ? ` ${describeWindow(within)}` : ''}`,
});

export default definePlugin({ name: 'won-back', conditions: [wonBack] });
