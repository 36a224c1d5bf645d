// Voucher use: how much a customer's buying leans on codes, and how often their redemptions
// are rolled back (Vouchery's coupon-abuse score, as signals a shop can bound):
//   codeOrders: validated orders on which a voucher code was redeemed (and not rolled back);
//   codeShare: those as a whole percentage of the validated orders, compared without dividing
//     (100 × code orders against the bound × orders); a customer without validated orders has
//     no share and never matches;
//   rollbacks: redemptions of theirs rolled back (returns, cancelled checkouts).
// A redemption belongs to an order when its order reference is the order's external id. The
// window bounds when the orders were placed, and when the rollbacks happened. What is dated
// after now has not happened yet: a redemption stands from when it was redeemed until it is
// rolled back.
import {
  countRangeSchema,
  defineCondition,
  defineSqlFact,
  definePlugin,
  describeCount,
  describeWindow,
  happenedBy,
  happenedBySql,
  inRange,
  inWindow,
  jsonDate,
  nextWindowChange,
  jsonTimestamp,
  join,
  ordersFact,
  rangeSql,
  customerAggregateSql,
  sql,
  timeWindowSchema,
  windowSql,
  z,
  type CountRange,
  type Sql,
  type TimeWindow,
} from '@cohort/plugin-sdk';
import './global-types.js';

export interface RedemptionFact {
  /** The customer's order it was redeemed on (by external id), if Cohort has it. */
  orderId: string | null;
  withCode: boolean;
  status: 'APPLIED' | 'ROLLED_BACK';
  redeemedAt: Date;
  rolledBackAt: Date | null;
}

type RedemptionRow = [orderId: string | null, withCode: boolean, status: RedemptionFact['status'], redeemedAt: number, rolledBackAt: number | null];

/** The customer's redemptions. */
export const redemptionsFact = defineSqlFact({
  name: 'redemptions',
  empty: [] as RedemptionFact[],
  json: (customer) => sql`(
    SELECT COALESCE(json_agg(json_build_array(
             (SELECT o.id FROM cohort_v1.orders o WHERE o.external_id = r.order_ref AND o.customer_id = r.customer_id),
             r.with_code, r.status, ${jsonTimestamp(sql`r.redeemed_at`)}, ${jsonTimestamp(sql`r.rolled_back_at`)}
           ) ORDER BY r.redeemed_at, r.id), '[]')
    FROM cohort_v1.redemptions r WHERE r.customer_id = ${customer})`,
  parse: (json) =>
    (json as RedemptionRow[]).map(([orderId, withCode, status, redeemedAt, rolledBackAt]) => ({
      orderId,
      withCode,
      status,
      redeemedAt: jsonDate(redeemedAt),
      rolledBackAt: rolledBackAt === null ? null : jsonDate(rolledBackAt),
    })),
});

interface VoucherUseParams {
  codeOrders?: CountRange | null;
  codeShare?: CountRange | null;
  rollbacks?: CountRange | null;
  within?: TimeWindow | null;
}

/** Does a redemption stand at `now`: redeemed by then, and not rolled back by then (a rollback dated after now has not happened yet)? */
const stands = (redemption: RedemptionFact, now: Date) =>
  happenedBy(redemption.redeemedAt, now) &&
  (redemption.status === 'APPLIED' || (redemption.rolledBackAt !== null && !happenedBy(redemption.rolledBackAt, now)));

/** A validated order (`o`) on which a code was redeemed and stands at `now`. */
const withCodeSql = (
  now: Date,
) => sql`EXISTS (SELECT 1 FROM cohort_v1.redemptions r WHERE r.customer_id = o.customer_id AND r.order_ref = o.external_id AND r.with_code
  AND ${happenedBySql(sql`r.redeemed_at`, now)} AND (r.status = 'APPLIED' OR (r.rolled_back_at IS NOT NULL AND NOT ${happenedBySql(sql`r.rolled_back_at`, now)})))`;

export const voucherUse = defineCondition({
  type: 'voucherUse',
  changedOutsideTracking: 'redemptions, recorded at checkout',
  label: 'Voucher use (orders with a code, rollbacks)',
  params: z
    .object({
      codeOrders: countRangeSchema.nullish().describe('Bounds on the validated orders on which a voucher code was redeemed (not rolled back).'),
      codeShare: countRangeSchema
        .nullish()
        .describe(
          'Bounds on those orders as a whole percentage of the validated orders, e.g. { moreThan: 80 }. A customer without validated orders never matches.',
        ),
      rollbacks: countRangeSchema.nullish().describe('Bounds on the redemptions of theirs that were rolled back.'),
      within: timeWindowSchema.nullish().describe('When the orders were placed and the rollbacks happened; leave out for lifetime.'),
    })
    .refine((value) => value.codeOrders != null || value.codeShare != null || value.rollbacks != null, {
      message: 'give at least one of codeOrders, codeShare, rollbacks',
    }),
  facts: [ordersFact, redemptionsFact],
  evaluate({ codeOrders, codeShare, rollbacks, within }: VoucherUseParams, { orders, redemptions }, { now }) {
    const withCode = new Set(redemptions.filter((redemption) => redemption.withCode && stands(redemption, now)).map((redemption) => redemption.orderId));
    const counted = orders.filter((order) => order.status === 'VALIDATED' && inWindow(order.placedAt, within, now));
    const coded = counted.filter((order) => withCode.has(order.id)).length;
    if (codeOrders && !inRange(coded, codeOrders)) return false;
    if (codeShare && !(counted.length > 0 && inRange(100 * coded, codeShare, counted.length))) return false;
    if (rollbacks) {
      const rolledBack = redemptions.filter(
        (redemption) => redemption.status === 'ROLLED_BACK' && redemption.rolledBackAt !== null && inWindow(redemption.rolledBackAt, within, now),
      ).length;
      if (!inRange(rolledBack, rollbacks)) return false;
    }
    return true;
  },
  toSql({ codeOrders, codeShare, rollbacks, within }: VoucherUseParams, { customer, now }) {
    const validated = sql`cohort_v1.orders o WHERE o.status = 'VALIDATED' AND ${windowSql(sql`o.placed_at`, within, now)}`;
    const parts: Sql[] = [];
    if (codeOrders)
      parts.push(
        customerAggregateSql({
          customer,
          rows: sql`${validated} AND ${withCodeSql(now)}`,
          customerColumn: sql`o.customer_id`,
          aggregate: sql`count(*)`,
          range: codeOrders,
          emptyMeans: 'zero',
        }),
      );
    if (codeShare)
      parts.push(
        sql`${customer}.id IN (SELECT o.customer_id FROM ${validated} GROUP BY o.customer_id HAVING ${rangeSql(sql`100 * count(*) FILTER (WHERE ${withCodeSql(now)})`, codeShare, sql`count(*)`)})`,
      );
    if (rollbacks) {
      const rows = sql`cohort_v1.redemptions b WHERE b.status = 'ROLLED_BACK' AND b.rolled_back_at IS NOT NULL AND ${windowSql(sql`b.rolled_back_at`, within, now)}`;
      parts.push(customerAggregateSql({ customer, rows, customerColumn: sql`b.customer_id`, aggregate: sql`count(*)`, range: rollbacks, emptyMeans: 'zero' }));
    }
    return sql`(${join(parts, ' AND ')})`;
  },
  // Validated orders and rollbacks enter the window when they happen, and leave a rolling one;
  // a code redemption starts (or stops) standing when it is redeemed (or rolled back), whenever that is.
  changesAt({ within }: VoucherUseParams, { orders, redemptions }, { now }) {
    const rollbacks = redemptions.flatMap((redemption) =>
      redemption.status === 'ROLLED_BACK' && redemption.rolledBackAt !== null ? [redemption.rolledBackAt] : [],
    );
    const windowed = nextWindowChange(within, [...orders.filter((order) => order.status === 'VALIDATED').map((order) => order.placedAt), ...rollbacks], now);
    const codes = nextWindowChange(
      null,
      redemptions
        .filter((redemption) => redemption.withCode)
        .flatMap((redemption) => [redemption.redeemedAt, ...(redemption.rolledBackAt ? [redemption.rolledBackAt] : [])]),
      now,
    );
    return windowed && codes ? (windowed < codes ? windowed : codes) : (windowed ?? codes);
  },
  describe: ({ codeOrders, codeShare, rollbacks, within }: VoucherUseParams) =>
    [
      codeOrders ? `used a voucher code on ${describeCount(codeOrders, 'order')}` : null,
      codeShare ? `used a voucher code on ${describeCount(codeShare, 'percent').replace(/ percents?$/, '%')} of their orders` : null,
      rollbacks ? `had ${describeCount(rollbacks, 'redemption')} rolled back` : null,
    ]
      .filter(Boolean)
      .join(' and ') + ` ${describeWindow(within)}`,
});

export default definePlugin({ name: 'voucher-use', conditions: [voucherUse] });
