// Retention: where a customer stands on the spectrum Prospect / Active / Drifting / Churn-risk /
// Lost, from the time since their last validated order against the gap they are expected to
// keep between orders (docs/lifecycle-segments.md):
//   the expected gap: the customer's own median interval between validated orders once they
//     have 3 or more (at least a day), else the shop's (cohort_v1.retention_baseline: its median
//     interval, or its default of 90 days);
//   the boundaries: the last order + the gap × each multiplier (1×, 2×, 3× by default), in whole
//     milliseconds; Active before the first, Drifting before the second, Churn-risk before the
//     third, Lost from it. A customer moves at the boundary itself, so the next boundary is the
//     exact moment they will move if they do not order.
// Without a validated order placed by now, a customer is a Prospect. Memory and SQL compute the same whole
// milliseconds (the order times are stored to the millisecond).
import { DAY_MS, defineCondition, empty, defineCustomerField, defineSqlFact, definePlugin, graphqlType, jsonDate, jsonTimestamp, ordersFact, outputField, profileFact, sql, z, type OrderFact, type Sql } from '@cohort/plugin-sdk';
import './global-types.js';

export const RETENTION_STAGES = ['PROSPECT', 'ACTIVE', 'DRIFTING', 'CHURN_RISK', 'LOST'] as const;
export type RetentionStage = (typeof RETENTION_STAGES)[number];
/** The stages of a customer with orders, one per span between boundaries. */
const ORDERING_STAGES = ['ACTIVE', 'DRIFTING', 'CHURN_RISK', 'LOST'] as const;
/** A customer's own median interval counts from this many validated orders. */
export const OWN_GAP_FROM_ORDERS = 3;

export const retentionStageSchema = graphqlType('RetentionStage', z.enum(RETENTION_STAGES), {
  description: 'PROSPECT: no validated order. ACTIVE, DRIFTING, CHURN_RISK, LOST: the time since the last order is under 1×, 2×, 3× the expected gap between orders, or past it (the multipliers are shop settings).',
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
    return { expectedGapMs: Number(expectedGapMs), usesShopMedian, multipliersPct, minGapMs: Number(minGapMs), computedAt: computedAt === null ? null : jsonDate(computedAt) };
  },
});

export type GapSource = 'OWN' | 'SHOP_MEDIAN' | 'SHOP_DEFAULT';

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
  gapSource: GapSource | null;
}

/** A customer's stage at `now`, from their orders and the shop's baseline. */
export function retentionOf(orders: readonly OrderFact[], baseline: RetentionBaseline, now: Date, registeredAt: Date | null = null): Retention {
  // Orders dated after now (imported ahead of time) have not happened yet.
  const placed = orders.filter((order) => order.status === 'VALIDATED' && order.placedAt.getTime() <= now.getTime()).map((order) => order.placedAt.getTime()).sort((a, b) => a - b);
  const last = placed.at(-1);
  if (last === undefined) return { stage: 'PROSPECT', since: registeredAt, nextStageAt: null, lastOrderAt: null, validatedOrders: 0, expectedGapMs: null, gapSource: null };
  let gap = baseline.expectedGapMs;
  let gapSource: GapSource = baseline.usesShopMedian ? 'SHOP_MEDIAN' : 'SHOP_DEFAULT';
  if (placed.length >= OWN_GAP_FROM_ORDERS) {
    const intervals = placed.slice(1).map((at, index) => at - (placed[index] as number)).sort((a, b) => a - b);
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

/** One customer's stage: the measure the storefront reads. */
const stageMeasureSql = (customer: Sql, now: Date) => sql`(
  SELECT CASE WHEN a.orders = 0 THEN 'PROSPECT' ELSE ${stageSql(instant(now))} END
  FROM (SELECT ${aggregatesSql} FROM (${gapsSql(now, customer)}) AS g) AS a
  CROSS JOIN cohort_v1.retention_baseline b)`;

// ─── retentionStage ──────────────────────────────────────────────────────────

export const retentionStage = defineCondition({
  type: 'retentionStage',
  label: 'Retention stage (Active, Drifting, Churn-risk, Lost)',
  params: z.object({
    stages: z.array(retentionStageSchema).min(1, 'give at least one stage').describe("The customer's stage is one of these."),
  }),
  facts: [ordersFact, retentionBaselineFact],
  evaluate({ stages }, { orders, retentionBaseline }, { now }) {
    return retentionBaseline !== null && stages.includes(retentionOf(orders, retentionBaseline, now).stage);
  },
  toSql({ stages }, { customer, now }) {
    const ordering = stages.filter((stage) => stage !== 'PROSPECT');
    const staged = ordering.length > 0 ? sql`${customer}.id IN (SELECT s.customer_id FROM (${stagedCustomersSql(now)}) AS s WHERE s.stage = ANY(${ordering}::text[]))` : sql`false`;
    return stages.includes('PROSPECT')
      ? sql`(${staged} OR NOT EXISTS (SELECT 1 FROM cohort_v1.orders p WHERE p.customer_id = ${customer}.id AND p.status = 'VALIDATED' AND p.placed_at <= ${now}::timestamp))`
      : staged;
  },
  // The next boundary (the exact moment the customer moves on), or an order dated in the future, when it happens.
  changesAt(_params, { orders, retentionBaseline }, { now }) {
    const moments = orders.filter((order) => order.status === 'VALIDATED' && order.placedAt > now).map((order) => order.placedAt.getTime());
    const boundary = retentionBaseline === null ? null : retentionOf(orders, retentionBaseline, now).nextStageAt;
    if (boundary) moments.push(boundary.getTime());
    return moments.length === 0 ? null : new Date(Math.min(...moments));
  },
  measure: {
    group: () => 'stage',
    sql: (_params, { customer, now }) => stageMeasureSql(customer, now),
    holds: ({ stages }, value) => typeof value === 'string' && (stages as string[]).includes(value),
  },
  describe: ({ stages }) => {
    const names = stages.map((stage) => stage.toLowerCase().replace('_', '-'));
    return `is ${names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`} on the retention spectrum`;
  },
});

// ─── Customer.retention ──────────────────────────────────────────────────────

export default definePlugin({
  name: 'retention',
  conditions: [retentionStage],
  customerFields: {
    retention: defineCustomerField({
      description: "Where the customer stands on the retention spectrum now, since when, and the exact moment they will move on if they do not order.",
      args: z.object({}),
      nullable: true,
      type: {
        object: 'CustomerRetention',
        description: "The stage comes from the time since the last validated order against the expected gap between orders: the customer's own median interval once they have 3 validated orders, else the shop's.",
        fields: {
          stage: outputField<Retention>({ type: { enum: 'RetentionStage', values: RETENTION_STAGES }, resolve: (retention) => retention.stage }),
          since: outputField<Retention>({ type: 'DateTime', nullable: true, description: 'When they entered the stage (a prospect: when they registered).', resolve: (retention) => retention.since }),
          nextStageAt: outputField<Retention>({ type: 'DateTime', nullable: true, description: 'When they will move to the next stage if they place no order (null: prospect or lost).', resolve: (retention) => retention.nextStageAt }),
          lastOrderAt: outputField<Retention>({ type: 'DateTime', nullable: true, resolve: (retention) => retention.lastOrderAt }),
          validatedOrders: outputField<Retention>({ type: 'Int', resolve: (retention) => retention.validatedOrders }),
          expectedGapDays: outputField<Retention>({ type: 'Float', nullable: true, description: 'The expected gap between orders the boundaries are multiples of, in days.', resolve: (retention) => (retention.expectedGapMs === null ? null : retention.expectedGapMs / DAY_MS) }),
          gapSource: outputField<Retention>({
            type: { enum: 'RetentionGapSource', values: ['OWN', 'SHOP_MEDIAN', 'SHOP_DEFAULT'], description: "OWN: the customer's median interval (3 or more validated orders). SHOP_MEDIAN: the shop's. SHOP_DEFAULT: the shop's default gap." },
            nullable: true,
            resolve: (retention) => retention.gapSource,
          }),
        },
      },
      facts: [ordersFact, retentionBaselineFact, profileFact],
      resolve: (_args, { orders, retentionBaseline, profile }, { now }) =>
        retentionBaseline === null ? null : retentionOf(orders, retentionBaseline, now, profile?.registeredAt ?? profile?.createdAt ?? null),
    }),
  },
});
