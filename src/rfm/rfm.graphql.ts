// RFM in GraphQL, for admins: the shop's grid and lookback, each currency's thresholds as last
// computed, a mutation that changes the settings (and recomputes at once), and one that
// recomputes on demand. Customers' own scores are the rfm plugin's `Customer.rfm`.
import { z } from 'zod';
import { prisma } from '../db/client.js';
import type { Prisma } from '../generated/prisma/client.js';
import { badUserInput, issuePath } from '../schema/bad-input.js';
import type { SchemaParts } from '../schema/builder.js';
import { MoneyRef } from '../schema/money.js';
import { RFM_PRESETS, rfmGridSchema, storedGrid, type RfmGrid, type RfmGridPreset } from './grid.js';
import { REFRESH_TRANSACTION, refreshRfmThresholds } from './refresh.js';

interface RfmSettings {
  lookbackDays: number | null;
  grid: RfmGrid;
}

type StoredThresholds = Prisma.RfmThresholdsGetPayload<object>;

const readSettings = async (): Promise<RfmSettings> => {
  const settings = await prisma.shopSettings.findUnique({ where: { id: 1 }, select: { rfmGrid: true, rfmLookbackDays: true } });
  return { lookbackDays: settings?.rfmLookbackDays ?? null, grid: storedGrid(settings?.rfmGrid).grid };
};

const samePreset = (grid: RfmGrid): RfmGridPreset | null =>
  (Object.entries(RFM_PRESETS).find(([, preset]) => JSON.stringify(preset) === JSON.stringify(grid))?.[0] as RfmGridPreset | undefined) ?? null;

export function registerRfmTypes({ builder }: SchemaParts) {
  const RfmAxes = builder.enumType('RfmAxes', {
    values: {
      R_F_M: { description: 'A cell names R, F and M scores ("534").' },
      R_FM: { description: 'A cell names R and FM = (F + M) / 2 rounded half up ("53"), as Shopify reads scores.' },
    },
  });
  const RfmGridPresetEnum = builder.enumType('RfmGridPreset', {
    values: {
      SHOPIFY: {
        description:
          "The default: Shopify's group names over the ten-group R × FM grid of the open-source RFM notebooks, scores 1 to 5 (docs/lifecycle-segments.md).",
      },
      KLAVIYO: { description: "Klaviyo's six groups and its exact mapping of the 27 combinations of scores 1 to 3." },
    },
  });

  const RfmGridGroupRef = builder.objectRef<RfmGrid['groups'][number]>('RfmGridGroup').implement({
    fields: (t) => ({
      name: t.exposeString('name'),
      description: t.string({ nullable: true, resolve: (group) => group.description ?? null }),
      cells: t.exposeStringList('cells', {
        description: 'The combinations of scores in the group: per axis a digit or a range, "5[4-5]" is R 5 with FM 4 or 5.',
      }),
    }),
  });

  const RfmGridRef = builder.objectRef<RfmGrid>('RfmGrid').implement({
    description: 'Which group each combination of RFM scores falls in; every combination is in exactly one. Customers without orders are PROSPECTS.',
    fields: (t) => ({
      scale: t.exposeInt('scale', { description: 'Scores run from 1 to this: 5 (quintiles) or 3 (tertiles).' }),
      axes: t.field({ type: RfmAxes, resolve: (grid) => grid.axes }),
      groups: t.field({ type: [RfmGridGroupRef], resolve: (grid) => grid.groups }),
      preset: t.field({ type: RfmGridPresetEnum, nullable: true, description: 'The preset this grid is, if it is one.', resolve: (grid) => samePreset(grid) }),
    }),
  });

  const RfmThresholdsRef = builder.objectRef<StoredThresholds>('RfmThresholds').implement({
    description: "One currency's RFM scoring, computed over the customers with a validated order in it (in the lookback).",
    fields: (t) => ({
      currency: t.string({ resolve: (row) => row.currency.trim() }),
      scale: t.exposeInt('scale'),
      recencyCuts: t.exposeIntList('recencyCuts', {
        description: "Days since the last order: a customer's recency score is 1 + the number of these their days are at most.",
      }),
      frequencyCuts: t.exposeIntList('frequencyCuts', { description: 'Validated orders: the frequency score is 1 + the number of these their orders exceed.' }),
      monetaryCuts: t.field({
        type: [MoneyRef],
        description: 'Spent on validated orders: the monetary score is 1 + the number of these their spending exceeds.',
        resolve: (row) => row.monetaryCuts.map((amount) => ({ amount: Number(amount), currency: row.currency.trim() })),
      }),
      customers: t.exposeInt('customers', { description: 'Ordering customers the cuts were computed over.' }),
      lookbackDays: t.exposeInt('lookbackDays', { nullable: true, description: 'Orders of this many days before computedAt were counted (null: all time).' }),
      computedAt: t.expose('computedAt', { type: 'DateTime' }),
    }),
  });

  const RfmSettingsRef = builder.objectRef<RfmSettings>('RfmSettings').implement({
    description: 'How customers are scored and grouped by recency, frequency and monetary value.',
    fields: (t) => ({
      lookbackDays: t.exposeInt('lookbackDays', { nullable: true, description: 'Scores count the orders of this many days before now (null: all time).' }),
      grid: t.field({ type: RfmGridRef, resolve: (settings) => settings.grid }),
      thresholds: t.field({
        type: [RfmThresholdsRef],
        description: 'Each currency with ordering customers, as last computed (on a schedule, and by refreshRfmThresholds).',
        resolve: () => prisma.rfmThresholds.findMany({ orderBy: { currency: 'asc' } }),
      }),
    }),
  });

  builder.queryField('rfm', (t) =>
    t.field({
      type: RfmSettingsRef,
      authScopes: { admin: true },
      description: 'RFM scoring: grid, lookback and thresholds. Admin only.',
      resolve: readSettings,
    }),
  );

  const RfmGridGroupInput = builder.inputType('RfmGridGroupInput', {
    fields: (t) => ({
      name: t.string({ description: 'Capitals, digits and underscores, e.g. AT_RISK; PROSPECTS is kept for customers without orders.' }),
      description: t.string({ required: false }),
      cells: t.stringList({ description: 'Combinations of scores: per axis a digit or a range, e.g. "5[4-5]" (R_FM) or "3[2-3]1" (R_F_M).' }),
    }),
  });
  const RfmGridInput = builder.inputType('RfmGridInput', {
    fields: (t) => ({
      scale: t.int({ description: '5 (quintiles) or 3 (tertiles).' }),
      axes: t.field({ type: RfmAxes }),
      groups: t.field({ type: [RfmGridGroupInput], description: 'Every combination of scores in exactly one group.' }),
    }),
  });
  const UpdateRfmSettingsInput = builder.inputType('UpdateRfmSettingsInput', {
    fields: (t) => ({
      lookbackDays: t.int({ required: false, description: 'Count the orders of this many days before now; null for all time; leave out to keep.' }),
      preset: t.field({ type: RfmGridPresetEnum, required: false, description: 'Use a preset grid (or give `grid`).' }),
      grid: t.field({ type: RfmGridInput, required: false, description: 'Use this grid (or give `preset`).' }),
    }),
  });

  const RfmSettingsPayload = builder.simpleObject('RfmSettingsPayload', { fields: (t) => ({ rfm: t.field({ type: RfmSettingsRef }) }) });

  const lookbackSchema = z.number().int().min(1, 'must be at least 1 day').max(36_500, 'must be at most 36,500 days (100 years)').nullable();

  builder.mutationField('updateRfmSettings', (t) =>
    t.field({
      type: RfmSettingsPayload,
      authScopes: { admin: true },
      errors: { types: [] },
      description: "Changes the RFM grid or lookback, and recomputes every currency's thresholds with them in the same transaction.",
      args: { input: t.arg({ type: UpdateRfmSettingsInput }) },
      resolve: async (_root, { input }, context) => {
        const data: { rfmLookbackDays?: number | null; rfmGrid?: Prisma.InputJsonValue } = {};
        const issues: { path: string; message: string }[] = [];
        if (input.lookbackDays !== undefined) {
          const parsed = lookbackSchema.safeParse(input.lookbackDays);
          if (parsed.success) data.rfmLookbackDays = parsed.data;
          else issues.push(...parsed.error.issues.map((issue) => ({ path: 'input.lookbackDays', message: issue.message })));
        }
        if (input.preset != null && input.grid != null) issues.push({ path: 'input.grid', message: 'give preset or grid, not both' });
        else if (input.preset != null) data.rfmGrid = RFM_PRESETS[input.preset as RfmGridPreset] as unknown as Prisma.InputJsonValue;
        else if (input.grid != null) {
          const parsed = rfmGridSchema.safeParse(input.grid);
          if (parsed.success) data.rfmGrid = parsed.data as unknown as Prisma.InputJsonValue;
          else issues.push(...parsed.error.issues.map((issue) => ({ path: issuePath(['input', 'grid', ...issue.path]), message: issue.message })));
        }
        if (issues.length > 0) throw badUserInput(issues);
        await prisma.$transaction(async (tx) => {
          await tx.shopSettings.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
          await refreshRfmThresholds(tx, context.clock.now());
        }, REFRESH_TRANSACTION);
        return { rfm: await readSettings() };
      },
    }),
  );

  builder.mutationField('refreshRfmThresholds', (t) =>
    t.field({
      type: RfmSettingsPayload,
      authScopes: { admin: true },
      errors: { types: [] },
      description: "Recomputes every currency's RFM thresholds now (they are also refreshed on a schedule, COHORT_RFM_REFRESH_MINUTES).",
      resolve: async (_root, _args, context) => {
        await prisma.$transaction((tx) => refreshRfmThresholds(tx, context.clock.now()), REFRESH_TRANSACTION);
        return { rfm: await readSettings() };
      },
    }),
  );
}
