// Retention: where a customer stands on the spectrum Prospect / Active / Drifting / Churn-risk /
// Lost: the definitions the retention plugin's condition and Cohort's lifecycle analytics share,
// so that a segment and a chart on the same stage count the same customers. The stage comes
// from the time since the last validated order against the gap the customer is expected to keep
// between orders (Cohort's docs/lifecycle-segments.md):
//   the expected gap: the customer's own median interval between validated orders once they
//     have 3 or more (at least a day), else the shop's (cohort_v1.retention_baseline: its median
//     interval, or its default of 90 days);
//   the boundaries: the last order + the gap × each multiplier (1×, 2×, 3× by default), in whole
//     milliseconds; Active before the first, Drifting before the second, Churn-risk before the
//     third, Lost from it. A customer moves at the boundary itself, so the next boundary is the
//     exact moment they will move if they do not order.
// Without a validated order placed by now, a customer is a Prospect. Memory and SQL compute the same whole
// milliseconds (the order times are stored to the millisecond).
import { z } from 'zod';
import { defineSqlFact, jsonDate, jsonTimestamp } from '../facts.js';
import { graphqlType } from '../graphql.js';
import type { OrderFact } from '../orders.js';
import { empty, sql, type Sql } from '../sql.js';

export const RETENTION_STAGES = ['PROSPECT', 'ACTIVE', 'DRIFTING', 'CHURN_RISK', 'LOST'] as const;
export type RetentionStage = (typeof RETENTION_STAGES)[number];
/** The stages of a customer with orders, one per span between boundaries. */
const ORDERING_STAGES = ['ACTIVE', 'DRIFTING', 'CHURN_RISK', 'LOST'] as const;
/** A customer's own median interval counts from this many validated orders. */
export const OWN_GAP_FROM_ORDERS = 3;

export const retentionStageSchema = graphqlType('RetentionStage', z.enum(RETENTION_STAGES), {
  description:
    'PROSPECT: no validated order. ACTIVE, DRIFTING, CHURN_RISK, LOST: the time since the last order is under 1×, 2×, 3× the expected gap between orders, or past it (the multipliers are shop settings).',
});

export interface RetentionBaseline {
  /** The shop's expected gap in milliseconds: its median interval, or its default. */
  expectedGapMs: number;
  /** Whether that is the shop's median interval (computed, and not pinned to the default by the shop). */
  usesShopMedian: boolean;
  /** The boundaries in percent of the expected gap, ascending (100, 200, 300 by default). */
  multipliersPct: number[];
  /** No expected gap is shorter than this. */
  minGapMs: number;
  /** When the shop's median was computed (null: never). */
  computedAt: Date | null;
}

type BaselineRow = [expectedGapMs: number | string, usesShopMedian: boolean, multipliersPct: number[], minGapMs: number | string, computedAt: number | null];

/** The shop's baseline: the same for every customer, read with their other facts. */
export const retentionBaselineFact = defineSqlFact({
  name: 'retentionBaseline',
  empty: null as RetentionBaseline | null,
  json: () => sql`(
    SELECT json_build_array(b.expected_gap_ms, b.use_shop_median AND b.shop_median_gap_ms IS NOT NULL, b.multipliers_pct, b.min_gap_ms, ${jsonTimestamp(sql`b.computed_at`)})
    FROM cohort_v1.retention_baseline b)`,
  parse: (json) => {
    if (json === null) return null;
    const [expectedGapMs, usesShopMedian, multipliersPct, minGapMs, computedAt] = json as BaselineRow;
    return {
      expectedGapMs: Number(expectedGapMs),
      usesShopMedian,
      multipliersPct,
      minGapMs: Number(minGapMs),
      computedAt: computedAt === null ? null : jsonDate(computedAt),
    };
  },
});

export type RetentionGapSource = 'OWN' | 'SHOP_MEDIAN' | 'SHOP_DEFAULT';

export interface Retention {
  stage: RetentionStage;
  /** When the customer entered the stage (a Prospect: when they registered). */
  since: Date | null;
  /** When they will move to the next stage if they do not order (null: Prospect or Lost). */
  nextStageAt: Date | null;
  lastOrderAt: Date | null;
  validatedOrders: number;
  /** The gap the boundaries are multiples of, and where it comes from (null for a Prospect). */
  expectedGapMs: number | null;
  gapSource: RetentionGapSource | null;
}

/** A customer's stage at `now`, from their orders and the shop's baseline. */
export function retentionOf(orders: readonly OrderFact[], baseline: RetentionBaseline, now: Date, registeredAt: Date | null = null): Retention {
  // Orders dated after now (imported ahead of time) have not happened yet.
  const placed = orders
    .filter((order) => order.status === 'VALIDATED' && order.placedAt.getTime() <= now.getTime())
    .map((order) => order.placedAt.getTime())
    .sort((a, b) => a - b);
  const last = placed.at(-1);
  if (last === undefined)
    return { stage: 'PROSPECT', since: registeredAt, nextStageAt: null, lastOrderAt: null, validatedOrders: 0, expectedGapMs: null, gapSource: null };
  let gap = baseline.expectedGapMs;
  let gapSource: RetentionGapSource = baseline.usesShopMedian ? 'SHOP_MEDIAN' : 'SHOP_DEFAULT';
  if (placed.length >= OWN_GAP_FROM_ORDERS) {
    const intervals = placed
      .slice(1)
      .map((at, index) => at - (placed[index] as number))
      .sort((a, b) => a - b);
    // percentile_disc(0.5): the lower middle of an even count.
    gap = Math.max(intervals[Math.ceil(intervals.length / 2) - 1] as number, baseline.minGapMs);
    gapSource = 'OWN';
  }
  const boundaries = baseline.multipliersPct.map((pct) => last + Math.floor((gap * pct) / 100));
  const passed = boundaries.filter((boundary) => now.getTime() >= boundary).length;
  const since = passed === 0 ? last : (boundaries[passed - 1] as number);
  const next = boundaries[passed];
  return {
    stage: ORDERING_STAGES[Math.min(passed, ORDERING_STAGES.length - 1)] as RetentionStage,
    since: new Date(since),
    nextStageAt: next === undefined ? null : new Date(next),
    lastOrderAt: new Date(last),
    validatedOrders: placed.length,
    expectedGapMs: gap,
    gapSource,
  };
}

/**
 * When time alone may next change a customer's stage: the next boundary (the exact moment they
 * move on), or an order dated after now, when it happens. Null when neither is to come.
 */
export function retentionChangesAt(orders: readonly OrderFact[], baseline: RetentionBaseline | null, now: Date): Date | null {
  const moments = orders.filter((order) => order.status === 'VALIDATED' && order.placedAt > now).map((order) => order.placedAt.getTime());
  const boundary = baseline === null ? null : retentionOf(orders, baseline, now).nextStageAt;
  if (boundary) moments.push(boundary.getTime());
  return moments.length === 0 ? null : new Date(Math.min(...moments));
}

// ─── The same in SQL ─────────────────────────────────────────────────────────

/** Validated orders `g` placed by `until`, with `gap_ms`, the milliseconds since the customer's previous one (null for the first). */
const gapsSql = (until: Date, customer?: Sql) => sql`
  SELECT o.customer_id, o.placed_at,
         (extract(epoch from (o.placed_at - lag(o.placed_at) OVER (PARTITION BY o.customer_id ORDER BY o.placed_at))) * 1000)::bigint AS gap_ms
  FROM cohort_v1.orders o WHERE ${customer ? sql`o.customer_id = ${customer} AND ` : empty}o.status = 'VALIDATED' AND o.placed_at <= ${until}::timestamp`;

/** Per customer `a`: validated orders, the last, and the median interval. */
const aggregatesSql = sql`count(*)::int AS orders, max(g.placed_at) AS last_at, percentile_disc(0.5) WITHIN GROUP (ORDER BY g.gap_ms) AS own_gap_ms`;

/** The stage of aggregates `a` against the baseline `b` at the instant `at` (a timestamp expression). */
const stageSql = (at: Sql) => sql`(ARRAY['ACTIVE', 'DRIFTING', 'CHURN_RISK', 'LOST'])[1 + (
    SELECT count(*) FROM unnest(b.multipliers_pct) AS m (pct)
    WHERE (extract(epoch from (${at} - a.last_at)) * 1000)::bigint
          >= (CASE WHEN a.orders >= ${OWN_GAP_FROM_ORDERS}::int THEN greatest(a.own_gap_ms, b.min_gap_ms) ELSE b.expected_gap_ms END) * m.pct / 100)]`;

const instant = (now: Date) => sql`${now}::timestamp`;

/** Every customer with a validated order and their stage (`customer_id`, `stage`): a set, for counts and member lists over the whole base. */
export const stagedCustomersSql = (now: Date) => sql`
  SELECT a.customer_id, ${stageSql(instant(now))} AS stage
  FROM (SELECT g.customer_id, ${aggregatesSql} FROM (${gapsSql(now)}) AS g GROUP BY g.customer_id) AS a
  CROSS JOIN cohort_v1.retention_baseline b`;

/**
 * Stages at several instants at once, from the orders placed by each (the shop's baseline and
 * settings as they are now): `customer_id`, `instant` (its position in `instants`, from 1),
 * `stage`, for the customers with a validated order by then. For flows between stages.
 */
export const stagedAtInstantsSql = (instants: readonly Date[]) => sql`
  SELECT a.customer_id, a.instant, ${stageSql(sql`a.at`)} AS stage
  FROM (
    SELECT g.customer_id, i.instant, i.at, ${aggregatesSql}
    FROM (${gapsSql(instants.reduce((last, at) => (at > last ? at : last)))}) AS g
    JOIN unnest(${instants.map((at) => at.toISOString())}::timestamp[]) WITH ORDINALITY AS i (at, instant) ON g.placed_at <= i.at
    GROUP BY g.customer_id, i.instant, i.at
  ) AS a
  CROSS JOIN cohort_v1.retention_baseline b`;

/** One customer's stage ('PROSPECT' without a validated order placed by now): the measure the retention condition reads on the storefront. */
export const retentionStageMeasureSql = (customer: Sql, now: Date) => sql`(
  SELECT CASE WHEN a.orders = 0 THEN 'PROSPECT' ELSE ${stageSql(instant(now))} END
  FROM (SELECT ${aggregatesSql} FROM (${gapsSql(now, customer)}) AS g) AS a
  CROSS JOIN cohort_v1.retention_baseline b)`;
