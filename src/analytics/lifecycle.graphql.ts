// Lifecycle analytics in GraphQL, for admin charts: `lifecycleAnalytics(currency:)` gives the
// RFM grid and groups, the retention spectrum and month-over-month flows between stages; a
// promotion's report gains its redemptions by RFM group (promotions/promotion-report.ts). Totals of revenue are MoneyTotal:
// over a whole shop they pass what a 32-bit Int holds.
import { retentionStageSchema } from '@cohort/plugin-sdk';
import { z } from 'zod';
import type { SchemaParts } from '../schema/builder.js';
import { MoneyTotalRef } from '../schema/money.js';
import { currencySchema } from '../shared/money.js';
import { getShopContext } from '../settings/shop-context.js';
import { prisma } from '../db/client.js';
import {
  retentionFlows,
  retentionSpectrum,
  rfmAnalytics,
  type FlowPeriod,
  type RfmAnalytics,
  type RfmCellStat,
  type Share,
  type StageCount,
} from './lifecycle.js';

interface Analytics {
  currency: string;
  now: Date;
}

export function registerLifecycleAnalyticsTypes({ builder, pluginTypes }: SchemaParts) {
  const RetentionStage = pluginTypes.enumOf(retentionStageSchema);
  const money = (amount: number, currency: string) => ({ amount, currency });

  const RfmCellRef = builder.objectRef<RfmCellStat & { currency: string }>('RfmCellStat').implement({
    description: 'One combination of scores: its group, and the customers in it now with what they spent.',
    fields: (t) => ({
      recency: t.exposeInt('recency'),
      frequency: t.exposeInt('frequency'),
      monetary: t.exposeInt('monetary'),
      group: t.exposeString('group'),
      customers: t.exposeInt('customers'),
      revenue: t.field({
        type: MoneyTotalRef,
        description: 'What they spent on the orders scored (validated, in the currency, in the lookback).',
        resolve: (cell) => money(cell.revenue, cell.currency),
      }),
      customerShare: t.exposeFloat('customerShare', { description: 'Of the customers scored, from 0 to 1.' }),
      revenueShare: t.exposeFloat('revenueShare', { description: 'Of the revenue of the customers scored, from 0 to 1.' }),
    }),
  });

  const RfmGroupStatRef = builder.objectRef<Share & { group: string; currency: string }>('RfmGroupStat').implement({
    fields: (t) => ({
      group: t.exposeString('group'),
      customers: t.exposeInt('customers'),
      revenue: t.field({ type: MoneyTotalRef, resolve: (group) => money(group.revenue, group.currency) }),
      customerShare: t.exposeFloat('customerShare', { description: 'Of the customers scored, from 0 to 1.' }),
      revenueShare: t.exposeFloat('revenueShare', { description: 'Of the revenue of the customers scored, from 0 to 1.' }),
    }),
  });

  const RfmAnalyticsRef = builder.objectRef<RfmAnalytics>('RfmAnalytics').implement({
    description: 'The RFM grid of one currency as it stands now, against the thresholds last computed.',
    fields: (t) => ({
      scale: t.exposeInt('scale'),
      computedAt: t.expose('computedAt', { type: 'DateTime', description: 'When the thresholds were computed.' }),
      scoredCustomers: t.exposeInt('scoredCustomers', { description: 'Customers with a validated order in the currency (in the lookback).' }),
      prospects: t.exposeInt('prospects', { description: 'The other customers: the PROSPECTS group.' }),
      revenue: t.field({
        type: MoneyTotalRef,
        description: 'What the customers scored spent on the orders counted.',
        resolve: (rfm) => money(rfm.revenue, rfm.currency),
      }),
      cells: t.field({
        type: [RfmCellRef],
        description: 'Every combination of scores, empty ones included, the highest first.',
        resolve: (rfm) => rfm.cells.map((cell) => ({ ...cell, currency: rfm.currency })),
      }),
      groups: t.field({
        type: [RfmGroupStatRef],
        description: "The grid's groups, the largest first.",
        resolve: (rfm) => rfm.groups.map((group) => ({ ...group, currency: rfm.currency })),
      }),
    }),
  });

  const StageCountRef = builder.objectRef<StageCount>('RetentionStageCount').implement({
    fields: (t) => ({
      stage: t.field({ type: RetentionStage, resolve: (count) => count.stage }),
      customers: t.exposeInt('customers'),
      share: t.exposeFloat('share', { description: 'Of all customers, from 0 to 1.' }),
    }),
  });

  const SpectrumRef = builder.objectRef<{ customers: number; stages: StageCount[] }>('RetentionSpectrum').implement({
    fields: (t) => ({
      customers: t.exposeInt('customers', { description: 'All customers.' }),
      stages: t.field({
        type: [StageCountRef],
        description: 'Every stage, from PROSPECT to LOST, empty ones included.',
        resolve: (spectrum) => spectrum.stages,
      }),
    }),
  });

  const FlowRef = builder.objectRef<FlowPeriod['flows'][number]>('RetentionFlow').implement({
    fields: (t) => ({
      from: t.field({ type: RetentionStage, resolve: (flow) => flow.from }),
      to: t.field({ type: RetentionStage, resolve: (flow) => flow.to }),
      customers: t.exposeInt('customers'),
    }),
  });

  const FlowPeriodRef = builder.objectRef<FlowPeriod>('RetentionFlowPeriod').implement({
    description: 'How many customers were at each stage at the start of a month and at its end (now, for the current month).',
    fields: (t) => ({
      from: t.expose('from', { type: 'DateTime' }),
      to: t.expose('to', { type: 'DateTime' }),
      flows: t.field({
        type: [FlowRef],
        description: 'Pairs of stages with customers, staying put included (ACTIVE to ACTIVE).',
        resolve: (period) => period.flows,
      }),
    }),
  });

  const AnalyticsRef = builder.objectRef<Analytics>('LifecycleAnalytics').implement({
    description: 'Where the customer base stands on its lifecycle, shaped for charts (docs/lifecycle-segments.md).',
    fields: (t) => ({
      currency: t.exposeString('currency'),
      rfm: t.field({
        type: RfmAnalyticsRef,
        nullable: true,
        description: 'Null until the thresholds of the currency are first computed.',
        resolve: (analytics) => rfmAnalytics(analytics.currency, analytics.now),
      }),
      retention: t.field({ type: SpectrumRef, resolve: (analytics) => retentionSpectrum(analytics.now) }),
      retentionFlows: t.field({
        type: [FlowPeriodRef],
        description:
          "Month over month, the oldest first, in the shop's time zone; the current month ends now. Past stages count the orders placed by then, against today's settings and shop baseline.",
        args: {
          months: t.arg.int({
            required: false,
            defaultValue: 6,
            validate: z.number().int().min(1, 'must be at least 1').max(24, 'must be at most 24'),
            description: 'From 1 to 24.',
          }),
        },
        resolve: async (analytics, { months }) => retentionFlows(months ?? 6, analytics.now, (await getShopContext(analytics.now)).timeZone),
      }),
    }),
  });

  builder.queryField('lifecycleAnalytics', (t) =>
    t.field({
      type: AnalyticsRef,
      authScopes: { admin: true },
      description: 'RFM grid, retention spectrum and flows between stages. Admin only.',
      args: {
        currency: t.arg.string({ required: false, validate: currencySchema, description: "For the RFM grid; the shop's default currency when left out." }),
      },
      resolve: async (_root, { currency }, context) => ({
        currency: currency ?? (await prisma.shopSettings.findUnique({ where: { id: 1 }, select: { defaultCurrency: true } }))?.defaultCurrency ?? 'USD',
        now: context.clock.now(),
      }),
    }),
  );
}
