// A promotion's report (admin only): redemptions, discount given and revenue, in all and by
// the segments the customers were in when redeeming.
import { prisma } from '../db/client.js';
import type { SchemaParts } from '../schema/builder.js';
import { MoneyTotalRef } from '../schema/money.js';
import { PromotionNode } from './promotion.graphql.js';
import { redemptionsByRfmGroup } from '../analytics/lifecycle.js';
import { getShopContext } from '../settings/shop-context.js';
import { promotionReport, promotionReportByDay, type PromotionReport, type ReportDay, type ReportLine } from './report.js';

export function registerPromotionReportTypes({ builder }: SchemaParts) {
  const SegmentReport = builder.objectRef<ReportLine & { segmentId: string; currency: string }>('PromotionSegmentReport').implement({
    description: 'Redemptions by customers who were in this segment when redeeming (a customer in several segments counts in each).',
    fields: (t) => ({
      segment: t.prismaField({
        type: 'Segment',
        nullable: true,
        resolve: (query, line) => prisma.segment.findUnique({ ...query, where: { id: line.segmentId } }),
      }),
      redemptions: t.exposeInt('redemptions'),
      discountGiven: t.field({ type: MoneyTotalRef, resolve: (line) => ({ amount: line.discountGiven, currency: line.currency }) }),
      revenue: t.field({
        type: MoneyTotalRef,
        description: 'Totals of the orders that used the promotion.',
        resolve: (line) => ({ amount: line.revenue, currency: line.currency }),
      }),
    }),
  });

  const RfmGroupReport = builder.objectRef<ReportLine & { group: string | null; currency: string }>('PromotionRfmGroupReport').implement({
    description: 'Redemptions by customers in an RFM group now.',
    fields: (t) => ({
      group: t.string({
        nullable: true,
        description: 'The RFM group the customers are in now; null for redemptions without a customer, or before the thresholds are computed.',
        resolve: (line) => line.group,
      }),
      redemptions: t.exposeInt('redemptions'),
      discountGiven: t.field({ type: MoneyTotalRef, resolve: (line) => ({ amount: line.discountGiven, currency: line.currency }) }),
      revenue: t.field({
        type: MoneyTotalRef,
        description: 'Totals of the orders that used the promotion.',
        resolve: (line) => ({ amount: line.revenue, currency: line.currency }),
      }),
    }),
  });

  const DayReport = builder.objectRef<ReportDay & { currency: string }>('PromotionReportDay').implement({
    description: "One day of a promotion's report, in the shop's time zone.",
    fields: (t) => ({
      date: t.field({ type: 'Date', resolve: (day) => day.date }),
      redemptions: t.exposeInt('redemptions'),
      discountGiven: t.field({ type: MoneyTotalRef, resolve: (day) => ({ amount: day.discountGiven, currency: day.currency }) }),
      revenue: t.field({
        type: MoneyTotalRef,
        description: 'Totals of the orders that used the promotion.',
        resolve: (day) => ({ amount: day.revenue, currency: day.currency }),
      }),
    }),
  });

  const PromotionReportRef = builder.objectRef<PromotionReport>('PromotionReport').implement({
    fields: (t) => ({
      byDay: t.field({
        type: [DayReport],
        description:
          "Day by day in the shop's time zone over the report's window (without `from`: the last 30 days; at most 366), the oldest first, days without redemptions included: a series for a chart.",
        complexity: 50,
        resolve: async (report, _args, context) =>
          (await promotionReportByDay(report.promotionId, report.window, context.clock.now(), (await getShopContext(context.clock.now())).timeZone)).map(
            (day) => ({
              ...day,
              currency: report.currency,
            }),
          ),
      }),
      redemptions: t.exposeInt('redemptions'),
      discountGiven: t.field({ type: MoneyTotalRef, resolve: (report) => ({ amount: report.discountGiven, currency: report.currency }) }),
      revenue: t.field({
        type: MoneyTotalRef,
        description: 'Totals of the orders that used the promotion.',
        resolve: (report) => ({ amount: report.revenue, currency: report.currency }),
      }),
      bySegment: t.field({ type: [SegmentReport], resolve: (report) => report.bySegment.map((line) => ({ ...line, currency: report.currency })) }),
      byRfmGroup: t.field({
        type: [RfmGroupReport],
        description: 'By the RFM group the customers are in now, in the promotion currency (analytics/lifecycle.ts), the most redemptions first.',
        resolve: async (report, _args, context) =>
          (await redemptionsByRfmGroup(report.promotionId, report.currency, report.window, context.clock.now())).map((line) => ({
            ...line,
            currency: report.currency,
          })),
      }),
    }),
  });

  builder.objectField(PromotionNode, 'report', (t) =>
    t.field({
      type: PromotionReportRef,
      description: 'Redemptions (not rolled back), discount given and revenue, optionally between two instants. Admin only.',
      authScopes: { admin: true },
      args: { from: t.arg({ type: 'DateTime', required: false }), to: t.arg({ type: 'DateTime', required: false }) },
      resolve: (promotion, { from, to }) => promotionReport(promotion.id, promotion.currency, { from, to }),
    }),
  );
}
