// Promotion reports: redemptions, discount given and revenue of the orders that used the
// promotion, in all and broken down by the segments the customers were in when redeeming.
import { prisma } from '../db/client.js';
import { Prisma } from '../generated/prisma/client.js';

export interface ReportLine {
  redemptions: number;
  discountGiven: number;
  revenue: number;
}

export interface PromotionReport extends ReportLine {
  currency: string;
  bySegment: (ReportLine & { segmentId: string })[];
}

export async function promotionReport(promotionId: string, currency: string, window: { from?: Date | null; to?: Date | null }): Promise<PromotionReport> {
  const conditions = [
    Prisma.sql`r."promotionId" = ${promotionId}`,
    Prisma.sql`r.status = 'APPLIED'`,
    window.from ? Prisma.sql`r."redeemedAt" >= ${window.from}` : null,
    window.to ? Prisma.sql`r."redeemedAt" < ${window.to}` : null,
  ].filter((condition): condition is Prisma.Sql => condition !== null);
  const where = Prisma.join(conditions, ' AND ');
  const [totals, bySegment] = await Promise.all([
    prisma.$queryRaw<{ redemptions: bigint; discount: bigint | null; revenue: bigint | null }[]>`
      SELECT count(*) AS redemptions, sum(r."discountAmount") AS discount, sum(r."orderTotal") AS revenue FROM "Redemption" r WHERE ${where}`,
    prisma.$queryRaw<{ segmentId: string; redemptions: bigint; discount: bigint; revenue: bigint }[]>`
      SELECT s."segmentId", count(*) AS redemptions, sum(r."discountAmount") AS discount, sum(r."orderTotal") AS revenue
      FROM "Redemption" r CROSS JOIN LATERAL unnest(r."segmentIds") AS s("segmentId") WHERE ${where}
      GROUP BY s."segmentId" ORDER BY count(*) DESC, s."segmentId"`,
  ]);
  const total = totals[0];
  return {
    currency,
    redemptions: Number(total?.redemptions ?? 0),
    discountGiven: Number(total?.discount ?? 0),
    revenue: Number(total?.revenue ?? 0),
    bySegment: bySegment.map((row) => ({ segmentId: row.segmentId, redemptions: Number(row.redemptions), discountGiven: Number(row.discount), revenue: Number(row.revenue) })),
  };
}
