// Lifecycle analytics over the whole customer base, in SQL, for admin charts: the RFM grid
// (customers and revenue per cell and per group, with shares), the retention spectrum, and
// the flows between retention stages month over month. Scores and stages come from the SDK's
// lifecycle part, the same SQL the rfm and retention conditions use for segments, so a chart and
// a segment built on the same group always count the same customers.
import { PROSPECTS, RETENTION_STAGES, rfmScoredSql, sql, stagedAtInstantsSql, stagedCustomersSql, type RetentionStage } from '@cohort/plugin-sdk';
import { query } from '../db/client.js';

export interface Share {
  customers: number;
  /** Minor units. */
  revenue: number;
  customerShare: number;
  revenueShare: number;
}

export interface RfmCellStat extends Share {
  recency: number;
  frequency: number;
  monetary: number;
  group: string;
}

export interface RfmAnalytics {
  currency: string;
  scale: number;
  computedAt: Date;
  /** Customers scored: those with a validated order in the currency (in the lookback). */
  scoredCustomers: number;
  /** Customers without one: the PROSPECTS group. */
  prospects: number;
  revenue: number;
  cells: RfmCellStat[];
  groups: (Share & { group: string })[];
}

const share = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

/** The RFM grid of a currency as it stands now; null when the currency has no thresholds yet. */
export async function rfmAnalytics(currency: string, now: Date): Promise<RfmAnalytics | null> {
  const [thresholds] = await query<{ scale: number; cells: Record<string, string>; computed_at: Date }>(
    sql`SELECT scale, cells, computed_at FROM cohort_v1.rfm_thresholds WHERE currency = ${currency}`,
  );
  if (!thresholds) return null;
  const [rows, [everyone]] = await Promise.all([
    query<{ recency: number; frequency: number; monetary: number; customers: string; revenue: string }>(sql`
      SELECT r.recency, r.frequency, r.monetary, count(*)::text AS customers, sum(r.spent)::text AS revenue
      FROM (${rfmScoredSql(currency, now)}) AS r GROUP BY r.recency, r.frequency, r.monetary`),
    query<{ customers: string }>(sql`SELECT count(*)::text AS customers FROM cohort_v1.customers`),
  ]);
  const counted = new Map(
    rows.map((row) => [`${row.recency}${row.frequency}${row.monetary}`, { customers: Number(row.customers), revenue: Number(row.revenue) }]),
  );
  const scoredCustomers = [...counted.values()].reduce((sum, cell) => sum + cell.customers, 0);
  const revenue = [...counted.values()].reduce((sum, cell) => sum + cell.revenue, 0);
  // Every cell of the grid, empty ones included, so that a chart has its whole grid.
  const cells: RfmCellStat[] = Object.entries(thresholds.cells)
    .map(([key, group]) => {
      const { customers, revenue: cellRevenue } = counted.get(key) ?? { customers: 0, revenue: 0 };
      return {
        recency: Number(key[0]),
        frequency: Number(key[1]),
        monetary: Number(key[2]),
        group,
        customers,
        revenue: cellRevenue,
        customerShare: share(customers, scoredCustomers),
        revenueShare: share(cellRevenue, revenue),
      };
    })
    .sort((a, b) => b.recency - a.recency || b.frequency - a.frequency || b.monetary - a.monetary);
  const byGroup = new Map<string, { customers: number; revenue: number }>();
  for (const cell of cells) {
    const entry = byGroup.get(cell.group) ?? { customers: 0, revenue: 0 };
    entry.customers += cell.customers;
    entry.revenue += cell.revenue;
    byGroup.set(cell.group, entry);
  }
  const groups = [...byGroup].map(([group, entry]) => ({
    group,
    ...entry,
    customerShare: share(entry.customers, scoredCustomers),
    revenueShare: share(entry.revenue, revenue),
  }));
  return {
    currency,
    scale: thresholds.scale,
    computedAt: thresholds.computed_at,
    scoredCustomers,
    prospects: Number(everyone?.customers ?? 0) - scoredCustomers,
    revenue,
    cells,
    groups: groups.sort((a, b) => b.customers - a.customers || a.group.localeCompare(b.group)),
  };
}

export interface StageCount {
  stage: RetentionStage;
  customers: number;
  share: number;
}

/** How many customers are at each stage now (every stage listed), and their share of all customers. */
export async function retentionSpectrum(now: Date): Promise<{ customers: number; stages: StageCount[] }> {
  const [rows, [everyone]] = await Promise.all([
    query<{ stage: RetentionStage; customers: string }>(
      sql`SELECT s.stage, count(*)::text AS customers FROM (${stagedCustomersSql(now)}) AS s GROUP BY s.stage`,
    ),
    query<{ customers: string }>(sql`SELECT count(*)::text AS customers FROM cohort_v1.customers`),
  ]);
  const customers = Number(everyone?.customers ?? 0);
  const counts = new Map(rows.map((row) => [row.stage, Number(row.customers)]));
  counts.set('PROSPECT', customers - rows.reduce((sum, row) => sum + Number(row.customers), 0));
  return {
    customers,
    stages: RETENTION_STAGES.map((stage) => ({ stage, customers: counts.get(stage) ?? 0, share: share(counts.get(stage) ?? 0, customers) })),
  };
}

export interface FlowPeriod {
  from: Date;
  to: Date;
  flows: { from: RetentionStage; to: RetentionStage; customers: number }[];
}

/**
 * For each of the last `months` calendar months in the shop's time zone (the current one up to
 * now), how many customers were at each stage at its start and at its end: staying put counts
 * too (ACTIVE → ACTIVE). A customer registered during a month enters it as a PROSPECT (or
 * at the stage of the orders they had placed by its start). Stages at past instants count the
 * orders placed by then, against the baseline and settings in force now.
 */
export async function retentionFlows(months: number, now: Date, timeZone: string): Promise<FlowPeriod[]> {
  const starts = await query<{ at: Date }>(sql`
    SELECT (m AT TIME ZONE ${timeZone}) AT TIME ZONE 'UTC' AS at
    FROM generate_series(
      date_trunc('month', (${now}::timestamp AT TIME ZONE 'UTC') AT TIME ZONE ${timeZone}) - make_interval(months => ${months - 1}::int),
      date_trunc('month', (${now}::timestamp AT TIME ZONE 'UTC') AT TIME ZONE ${timeZone}),
      interval '1 month') AS m
    ORDER BY 1`);
  const instants = [...starts.map((row) => row.at), now];
  const rows = await query<{ period: number; from_stage: RetentionStage; to_stage: RetentionStage; customers: string }>(sql`
    WITH staged AS (${stagedAtInstantsSql(instants)}),
    periods AS (
      SELECT i.instant AS period, lead(i.at) OVER (ORDER BY i.instant) AS end_at
      FROM unnest(${instants.map((at) => at.toISOString())}::timestamp[]) WITH ORDINALITY AS i (at, instant)
    ),
    -- Every customer registered (or ordering) by the end of a period, at its start and at its end (a prospect without a stage).
    ends AS (
      SELECT p.period, COALESCE(f.stage, 'PROSPECT') AS from_stage, COALESCE(t.stage, 'PROSPECT') AS to_stage
      FROM periods p
      CROSS JOIN cohort_v1.customers c
      LEFT JOIN staged f ON f.customer_id = c.id AND f.instant = p.period
      LEFT JOIN staged t ON t.customer_id = c.id AND t.instant = p.period + 1
      WHERE p.end_at IS NOT NULL AND (c.registered_at <= p.end_at OR t.customer_id IS NOT NULL)
    )
    SELECT period, from_stage, to_stage, count(*)::text AS customers FROM ends GROUP BY period, from_stage, to_stage`);
  return starts.map((start, index) => ({
    from: start.at,
    to: instants[index + 1] as Date,
    flows: rows
      .filter((row) => Number(row.period) === index + 1)
      .map((row) => ({ from: row.from_stage, to: row.to_stage, customers: Number(row.customers) }))
      .sort((a, b) => RETENTION_STAGES.indexOf(a.from) - RETENTION_STAGES.indexOf(b.from) || RETENTION_STAGES.indexOf(a.to) - RETENTION_STAGES.indexOf(b.to)),
  }));
}

/** A promotion's redemptions (not rolled back) by the RFM group its customers are in now, in the promotion's currency; null group: no customer, or no group yet. */
export async function redemptionsByRfmGroup(promotionId: string, currency: string, window: { from?: Date | null; to?: Date | null }, now: Date) {
  const rows = await query<{ group_name: string | null; redemptions: string; discount: string; revenue: string }>(sql`
    SELECT CASE WHEN r."customerId" IS NULL THEN NULL WHEN g.customer_id IS NOT NULL THEN g.group_name
                WHEN EXISTS (SELECT 1 FROM cohort_v1.rfm_thresholds t WHERE t.currency = ${currency}) THEN ${PROSPECTS} END AS group_name,
           count(*)::text AS redemptions, sum(r."discountAmount")::text AS discount, sum(r."orderTotal")::text AS revenue
    FROM "Redemption" r
    LEFT JOIN (${rfmScoredSql(currency, now)}) AS g ON g.customer_id = r."customerId"
    WHERE r."promotionId" = ${promotionId} AND r.status = 'APPLIED'
      AND (${window.from ?? null}::timestamp IS NULL OR r."redeemedAt" >= ${window.from ?? null}::timestamp)
      AND (${window.to ?? null}::timestamp IS NULL OR r."redeemedAt" < ${window.to ?? null}::timestamp)
    GROUP BY 1 ORDER BY count(*) DESC, 1`);
  return rows.map((row) => ({
    group: row.group_name,
    redemptions: Number(row.redemptions),
    discountGiven: Number(row.discount),
    revenue: Number(row.revenue),
  }));
}
