// Promotion reports: redemptions, discount given and revenue of the orders that used the
// promotion, in all and broken down by the segments the customers were in when redeeming.
import { join, sql, type Sql } from '@cohort/plugin-sdk';
import { query } from '../db/client.js';

export interface ReportLine {
  redemptions: number;
  discountGiven: number;
  revenue: number;
}

export interface PromotionReport extends ReportLine {
  promotionId: string;
  window: { from?: Date | null; to?: Date | null };
  currency: string;
  bySegment: (ReportLine & { segmentId: string })[];
}

export interface ReportDay extends ReportLine {
  date: Date;
}

/**
 * The report day by day in the shop's time zone, from the window's first day (default: 29 days
 * before `now`) to its last (default: today), days without redemptions included: a series for a chart.
 */
export async function promotionReportByDay(
  promotionId: string,
  window: { from?: Date | null; to?: Date | null },
  now: Date,
  timeZone: string,
): Promise<ReportDay[]> {
  const localDate = (at: Date) => sql`(${at.toISOString()}::timestamptz AT TIME ZONE ${timeZone})::date`;
  const last = localDate(window.to ?? now);
  const first = window.from ? localDate(window.from) : sql`(${last} - 29)`;
  const rows = await query<{ date: Date; redemptions: number; discount: number; revenue: number }>(sql`
    WITH days AS (SELECT d::date AS date FROM generate_series(greatest(${first}, ${last} - 365)::timestamp, ${last}::timestamp, interval '1 day') AS d)
    SELECT days.date, count(r.id) AS redemptions, COALESCE(sum(r."discountAmount"), 0) AS discount, COALESCE(sum(r."orderTotal"), 0) AS revenue
    FROM days LEFT JOIN "Redemption" r
      ON r."promotionId" = ${promotionId} AND r.status = 'APPLIED'
     AND ((r."redeemedAt" AT TIME ZONE 'UTC') AT TIME ZONE ${timeZone})::date = days.date
     ${window.from ? sql`AND r."redeemedAt" >= ${window.from}` : sql``} ${window.to ? sql`AND r."redeemedAt" < ${window.to}` : sql``}
    GROUP BY days.date ORDER BY days.date`);
  return rows.map((row) => ({ date: row.date, redemptions: Number(row.redemptions), discountGiven: Number(row.discount), revenue: Number(row.revenue) }));
}

export async function promotionReport(promotionId: string, currency: string, window: { from?: Date | null; to?: Date | null }): Promise<PromotionReport> {
  const conditions = [
    sql`r."promotionId" = ${promotionId}`,
    sql`r.status = 'APPLIED'`,
    window.from ? sql`r."redeemedAt" >= ${window.from}` : null,
    window.to ? sql`r."redeemedAt" < ${window.to}` : null,
  ].filter((condition): condition is Sql => condition !== null);
  const where = join(conditions, ' AND ');
  const [totals, bySegment] = await Promise.all([
    query<{ redemptions: number; discount: number | null; revenue: number | null }>(sql`
      SELECT count(*) AS redemptions, sum(r."discountAmount") AS discount, sum(r."orderTotal") AS revenue FROM "Redemption" r WHERE ${where}`),
    query<{ segmentId: string; redemptions: number; discount: number; revenue: number }>(sql`
      SELECT s."segmentId", count(*) AS redemptions, sum(r."discountAmount") AS discount, sum(r."orderTotal") AS revenue
      FROM "Redemption" r CROSS JOIN LATERAL unnest(r."segmentIds") AS s("segmentId") WHERE ${where}
      GROUP BY s."segmentId" ORDER BY count(*) DESC, s."segmentId"`),
  ]);
  const total = totals[0];
  return {
    promotionId,
    window,
    currency,
    redemptions: Number(total?.redemptions ?? 0),
    discountGiven: Number(total?.discount ?? 0),
    revenue: Number(total?.revenue ?? 0),
    bySegment: bySegment.map((row) => ({
      segmentId: row.segmentId,
      redemptions: Number(row.redemptions),
      discountGiven: Number(row.discount),
      revenue: Number(row.revenue),
    })),
  };
}
