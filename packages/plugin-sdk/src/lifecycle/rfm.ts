// RFM: recency, frequency and monetary scores, and the group they put a customer in, per
// currency: the definitions the rfm plugin's conditions and Cohort's lifecycle analytics share,
// so that a segment and a chart on the same group count the same customers. Cohort computes
// each currency's cut points over the customers who ordered in it and stores them with the
// shop's grid and their computation time (cohort_v1.rfm_thresholds, Cohort's
// docs/lifecycle-segments.md); a customer's scores come from their own validated orders in the
// currency (in the lookback) against those cuts, the same way in memory and in SQL:
//   recency: whole days since the last order; 1 + the number of cuts it is at most (the most recent score highest);
//   frequency and monetary: orders, and minor units spent on them; 1 + the number of cuts they exceed.
// The group is the grid's cell for the three scores. A customer without a validated order in
// the currency (in the lookback) is a PROSPECT and has no scores; one with orders in a currency
// that has no thresholds yet has neither scores nor group. An order dated after now is not
// placed yet: it counts from its date, here as in the thresholds.
import { defineSqlFact, jsonDate, jsonTimestamp } from '../facts.js';
import type { OrderFact } from '../orders.js';
import { empty, sql, type Sql } from '../sql.js';
import { DAY_MS, happenedBySql, inWindow, nextWindowChange, type TimeWindow } from '../time.js';

/** The group of customers without a validated order in the currency (in the lookback). */
export const PROSPECTS = 'PROSPECTS';

export interface RfmThresholds {
  currency: string;
  scale: number;
  recencyCuts: number[];
  frequencyCuts: number[];
  monetaryCuts: number[];
  /** The group of each combination of scores, keyed "RFM" ("534"). */
  cells: Record<string, string>;
  lookbackDays: number | null;
  computedAt: Date;
}

type ThresholdRow = [
  currency: string,
  scale: number,
  recencyCuts: number[],
  frequencyCuts: number[],
  monetaryCuts: (number | string)[],
  cells: Record<string, string>,
  lookbackDays: number | null,
  computedAt: number,
];

/** Every currency's thresholds: the same for every customer, read with their other facts. */
export const rfmThresholdsFact = defineSqlFact({
  name: 'rfmThresholds',
  empty: [] as RfmThresholds[],
  json: () => sql`(
    SELECT COALESCE(json_agg(json_build_array(t.currency, t.scale, t.recency_cuts, t.frequency_cuts, t.monetary_cuts, t.cells, t.lookback_days, ${jsonTimestamp(sql`t.computed_at`)})), '[]')
    FROM cohort_v1.rfm_thresholds t)`,
  parse: (json) =>
    (json as ThresholdRow[]).map(([currency, scale, recencyCuts, frequencyCuts, monetaryCuts, cells, lookbackDays, computedAt]) => ({
      currency,
      scale,
      recencyCuts,
      frequencyCuts,
      monetaryCuts: monetaryCuts.map(Number),
      cells,
      lookbackDays,
      computedAt: jsonDate(computedAt),
    })),
});

export interface RfmValues {
  /** Whole days (24 h) since the last validated order. */
  days: number;
  orders: number;
  /** Minor units spent on validated orders. */
  spent: number;
}

export interface RfmScores {
  recency: number;
  frequency: number;
  monetary: number;
}

export interface Rfm {
  /** The grid's group, PROSPECTS without orders, null when the currency has no thresholds yet. */
  group: string | null;
  scores: RfmScores | null;
  values: RfmValues | null;
  /** When the thresholds used were computed. */
  computedAt: Date | null;
}

/** The thresholds' lookback as a window (null: all time, as without thresholds). */
const lookbackOf = (scoring: RfmThresholds | undefined): TimeWindow | null => (scoring?.lookbackDays == null ? null : { lastDays: scoring.lookbackDays });

/** A customer's RFM standing in a currency, from their orders and the stored thresholds. */
export function rfmOf(orders: readonly OrderFact[], thresholds: readonly RfmThresholds[], currency: string, now: Date): Rfm {
  const scoring = thresholds.find((entry) => entry.currency === currency);
  const lookback = lookbackOf(scoring);
  let count = 0;
  let spent = 0;
  let last = Number.NEGATIVE_INFINITY;
  for (const order of orders) {
    if (order.status !== 'VALIDATED' || order.currency !== currency || !inWindow(order.placedAt, lookback, now)) continue;
    count += 1;
    spent += order.total;
    last = Math.max(last, order.placedAt.getTime());
  }
  const computedAt = scoring?.computedAt ?? null;
  if (count === 0) return { group: PROSPECTS, scores: null, values: null, computedAt };
  const values = { days: Math.floor((now.getTime() - last) / DAY_MS), orders: count, spent };
  if (!scoring) return { group: null, scores: null, values, computedAt };
  const scores = {
    recency: 1 + scoring.recencyCuts.filter((cut) => values.days <= cut).length,
    frequency: 1 + scoring.frequencyCuts.filter((cut) => values.orders > cut).length,
    monetary: 1 + scoring.monetaryCuts.filter((cut) => values.spent > cut).length,
  };
  return { group: scoring.cells[`${scores.recency}${scores.frequency}${scores.monetary}`] ?? null, scores, values, computedAt };
}

/**
 * When time alone may next change a customer's standing in a currency, the thresholds as they
 * are: an order dated after now counts at its date, an order leaves the lookback, or the days
 * since the last order pass the recency cut they are at most (the score drops the day after).
 */
export function rfmChangesAt(orders: readonly OrderFact[], thresholds: readonly RfmThresholds[], currency: string, now: Date): Date | null {
  const scoring = thresholds.find((entry) => entry.currency === currency);
  const lookback = lookbackOf(scoring);
  const candidates = orders.filter((order) => order.status === 'VALIDATED' && order.currency === currency);
  let next =
    nextWindowChange(
      lookback,
      candidates.map((order) => order.placedAt),
      now,
    )?.getTime() ?? Number.POSITIVE_INFINITY;
  const last = Math.max(...candidates.filter((order) => inWindow(order.placedAt, lookback, now)).map((order) => order.placedAt.getTime()));
  if (scoring && Number.isFinite(last)) {
    const days = Math.floor((now.getTime() - last) / DAY_MS);
    const cut = Math.min(...scoring.recencyCuts.filter((candidate) => candidate >= days));
    if (Number.isFinite(cut)) next = Math.min(next, last + (cut + 1) * DAY_MS);
  }
  return Number.isFinite(next) ? new Date(next) : null;
}

// ─── The same in SQL ─────────────────────────────────────────────────────────
// width_bucket(x, cuts) is the number of cuts at most x (the cuts ascending), so over whole
// numbers: cuts exceeded = width_bucket(x - 1, cuts), cuts at least x = cardinality - that.

/** The orders that count: validated, in the currency, in the thresholds' lookback (all time without thresholds), placed by now; with `customer` (an id expression), only theirs. */
export const rfmCountedOrdersSql = (currency: string, now: Date, customer?: Sql) => sql`
  SELECT o.customer_id, o.total, o.placed_at
  FROM cohort_v1.orders o
  WHERE ${customer ? sql`o.customer_id = ${customer} AND ` : empty}o.status = 'VALIDATED' AND o.currency = ${currency}
    AND o.placed_at >= COALESCE(${now}::timestamp - (SELECT make_interval(days => l.lookback_days) FROM cohort_v1.rfm_thresholds l WHERE l.currency = ${currency}), '-infinity'::timestamp)
    AND ${happenedBySql(sql`o.placed_at`, now)}`;

/** Aggregates of `c` (counted orders): orders, spent, days since the last. */
const valuesSql = (now: Date) =>
  sql`count(*)::int AS orders, sum(c.total)::bigint AS spent, floor(extract(epoch from (${now}::timestamp - max(c.placed_at))) * 1000 / ${DAY_MS})::int AS days`;

/** Scores from values `v` against thresholds `t`. */
const scoresSql = sql`1 + cardinality(t.recency_cuts) - width_bucket(v.days - 1, t.recency_cuts) AS recency,
  1 + width_bucket(v.orders - 1, t.frequency_cuts) AS frequency, 1 + width_bucket(v.spent - 1, t.monetary_cuts) AS monetary`;

/** The grid's cell for scores `s`. */
const cellSql = sql`t.cells ->> (s.recency::text || s.frequency::text || s.monetary::text)`;

/**
 * Every scored customer at once (a set, for counts, member lists and analytics over the whole
 * base): `customer_id`, `group_name`, `recency`, `frequency`, `monetary`, `orders`, `spent`,
 * for the customers with counted orders in a currency that has thresholds.
 */
export const rfmScoredSql = (currency: string, now: Date) => sql`
  SELECT v.customer_id, ${cellSql} AS group_name, s.recency, s.frequency, s.monetary, v.orders, v.spent
  FROM (SELECT c.customer_id, ${valuesSql(now)} FROM (${rfmCountedOrdersSql(currency, now)}) AS c GROUP BY c.customer_id) AS v
  JOIN cohort_v1.rfm_thresholds t ON t.currency = ${currency}
  CROSS JOIN LATERAL (SELECT ${scoresSql}) AS s`;

/** One customer's [group, recency, frequency, monetary] (a JSON array; [PROSPECTS] without counted orders, null without thresholds): the measure the rfm conditions read on the storefront. */
export const rfmMeasureSql = (currency: string, customer: Sql, now: Date) => sql`(
  SELECT CASE WHEN v.orders = 0 THEN json_build_array(${PROSPECTS}::text) WHEN t.currency IS NULL THEN NULL ELSE json_build_array(${cellSql}, s.recency, s.frequency, s.monetary) END
  FROM (SELECT ${valuesSql(now)} FROM (${rfmCountedOrdersSql(currency, now, customer)}) AS c) AS v
  LEFT JOIN cohort_v1.rfm_thresholds t ON t.currency = ${currency}
  CROSS JOIN LATERAL (SELECT ${scoresSql}) AS s)`;

/** The group and scores in a value of `rfmMeasureSql`, as it comes back. */
export function rfmFromMeasure(value: unknown): Pick<Rfm, 'group' | 'scores'> {
  const [group, recency, frequency, monetary] = Array.isArray(value) ? (value as (string | number | null)[]) : [];
  return {
    group: typeof group === 'string' ? group : null,
    scores: recency == null ? null : { recency: Number(recency), frequency: Number(frequency), monetary: Number(monetary) },
  };
}
