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
    bySegment: bySegment.map((row) => ({ segmentId: row.segmentId, redemptions: Number(row.redemptions), discountGiven: Number(row.discount), revenue: Number(row.revenue) })),
  };
}
