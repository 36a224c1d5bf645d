// Retention in GraphQL, for admins: the shop's settings and baseline as the SDK's staging
// reads them (cohort_v1.retention_baseline, where the defaults live), a mutation that changes
// the settings, and one that recomputes the shop's median interval now (it is also refreshed
// with the RFM thresholds, on their schedule). Customers' own stages are the plugin's
// `Customer.retention`; the spectrum's counts are in `lifecycleAnalytics`.
import { sql } from '@cohort/plugin-sdk';
import { z } from 'zod';
import { prisma, query } from '../db/client.js';
import { badUserInput, issuePath } from '../schema/bad-input.js';
import type { SchemaParts } from '../schema/builder.js';
import { DAY_MS } from '../shared/clock.js';
import { refreshRetentionBaseline } from './baseline.js';

interface RetentionSettings {
  defaultGapDays: number;
  useShopMedian: boolean;
  multipliersPct: number[];
  expectedGapMs: number;
  shopMedianGapMs: number | null;
  intervals: number;
  computedAt: Date | null;
}

export const readRetentionSettings = async (): Promise<RetentionSettings> => {
  const [row] = await query<{
    default_gap_days: number;
    use_shop_median: boolean;
    multipliers_pct: number[];
    expected_gap_ms: string;
    shop_median_gap_ms: string | null;
    intervals: number;
    computed_at: Date | null;
  }>(
    sql`SELECT default_gap_days, use_shop_median, multipliers_pct, expected_gap_ms::text, shop_median_gap_ms::text, intervals, computed_at FROM cohort_v1.retention_baseline`,
  );
  if (!row) throw new Error('cohort_v1.retention_baseline has no row');
  return {
    defaultGapDays: row.default_gap_days,
    useShopMedian: row.use_shop_median,
    multipliersPct: row.multipliers_pct,
    expectedGapMs: Number(row.expected_gap_ms),
    shopMedianGapMs: row.shop_median_gap_ms === null ? null : Number(row.shop_median_gap_ms),
    intervals: row.intervals,
    computedAt: row.computed_at,
  };
};

/** Multiples of the gap as given (1, 1.5, 3), stored as whole percents: checked after rounding, so what is stored is what was checked. */
const multipliersSchema = z
  .array(
    z
      .number()
      .max(20, 'must be at most 20')
      .refine((value) => Math.abs(value * 100 - Math.round(value * 100)) < 1e-9, 'must be a whole percent (at most two decimals)')
      .transform((value) => Math.round(value * 100))
      .refine((pct) => pct >= 1, 'must be at least 0.01'),
  )
  .length(3, 'give three multipliers: the ends of Active, Drifting and Churn-risk')
  // Only over whole percents: an element refused above is not compared again.
  .refine(
    (values) => values.some((pct) => !Number.isInteger(pct) || pct < 1) || values.every((pct, index) => index === 0 || pct > (values[index - 1] as number)),
    'must be ascending',
  );

export function registerRetentionTypes({ builder }: SchemaParts) {
  const RetentionSettingsRef = builder.objectRef<RetentionSettings>('RetentionSettings').implement({
    description: 'How customers are placed on the retention spectrum (docs/lifecycle-segments.md).',
    fields: (t) => ({
      defaultGapDays: t.exposeInt('defaultGapDays', {
        description: 'The expected gap between orders before the shop has a median interval, or always when useShopMedian is false.',
      }),
      useShopMedian: t.exposeBoolean('useShopMedian', {
        description: "Whether the shop's median interval between orders is the expected gap of customers with fewer than 3 validated orders.",
      }),
      multipliers: t.floatList({
        description: 'The ends of Active, Drifting and Churn-risk, in multiples of the expected gap.',
        resolve: (settings) => settings.multipliersPct.map((pct) => pct / 100),
      }),
      expectedGapDays: t.float({
        description: 'The expected gap in force for customers with fewer than 3 validated orders, in days.',
        resolve: (settings) => settings.expectedGapMs / DAY_MS,
      }),
      shopMedianGapDays: t.float({
        nullable: true,
        description: "The shop's median interval between consecutive validated orders of a customer, as last computed (null: no customer has two).",
        resolve: (settings) => (settings.shopMedianGapMs === null ? null : settings.shopMedianGapMs / DAY_MS),
      }),
      intervals: t.exposeInt('intervals', { description: 'The intervals the median was taken over.' }),
      computedAt: t.field({
        type: 'DateTime',
        nullable: true,
        description: 'When the median was computed (with the RFM thresholds, on their schedule, or by refreshRetentionBaseline).',
        resolve: (settings) => settings.computedAt,
      }),
    }),
  });

  builder.queryField('retention', (t) =>
    t.field({
      type: RetentionSettingsRef,
      authScopes: { admin: true },
      description: 'Retention spectrum settings and the shop baseline. Admin only.',
      resolve: readRetentionSettings,
    }),
  );

  const UpdateRetentionSettingsInput = builder.inputType('UpdateRetentionSettingsInput', {
    fields: (t) => ({
      defaultGapDays: t.int({
        required: false,
        description: 'Days; leave out to keep.',
        validate: z.number().int().min(1, 'must be at least 1 day').max(3_650, 'must be at most 3,650 days'),
      }),
      useShopMedian: t.boolean({ required: false, description: 'Leave out to keep.' }),
      multipliers: t.floatList({
        required: false,
        description: 'Three ascending multiples of the expected gap, whole percents (1, 2, 3 by default); leave out to keep.',
      }),
    }),
  });

  const RetentionSettingsPayload = builder.simpleObject('RetentionSettingsPayload', {
    fields: (t) => ({ retention: t.field({ type: RetentionSettingsRef }) }),
  });

  builder.mutationField('updateRetentionSettings', (t) =>
    t.field({
      type: RetentionSettingsPayload,
      authScopes: { admin: true },
      errors: { types: [] },
      description: 'Changes how customers are placed on the retention spectrum; stages follow at once.',
      args: { input: t.arg({ type: UpdateRetentionSettingsInput }) },
      resolve: async (_root, { input }) => {
        const data: { retentionDefaultGapDays?: number; retentionUseShopMedian?: boolean; retentionMultipliers?: number[] } = {};
        if (input.defaultGapDays != null) data.retentionDefaultGapDays = input.defaultGapDays;
        if (input.useShopMedian != null) data.retentionUseShopMedian = input.useShopMedian;
        if (input.multipliers != null) {
          const parsed = multipliersSchema.safeParse(input.multipliers);
          if (!parsed.success)
            throw badUserInput(parsed.error.issues.map((issue) => ({ path: issuePath(['input', 'multipliers', ...issue.path]), message: issue.message })));
          data.retentionMultipliers = parsed.data;
        }
        await prisma.shopSettings.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
        return { retention: await readRetentionSettings() };
      },
    }),
  );

  builder.mutationField('refreshRetentionBaseline', (t) =>
    t.field({
      type: RetentionSettingsPayload,
      authScopes: { admin: true },
      errors: { types: [] },
      description: "Recomputes the shop's median interval between orders now.",
      resolve: async (_root, _args, context) => {
        await prisma.$transaction((tx) => refreshRetentionBaseline(tx, context.clock.now()));
        return { retention: await readRetentionSettings() };
      },
    }),
  );
}
