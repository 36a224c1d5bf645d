// The Experiment type (a promotion's holdout), its results and the admin's mutations: create,
// start, stop. Read by id with node(id:), or from its promotion (Promotion.experiment). Admin only.
import { z } from 'zod';
import { ObjectRef } from '@pothos/core';
import type { Experiment } from '../generated/prisma/client.js';
import { prisma } from '../db/client.js';
import { implement, type BuilderTypes, type SchemaParts } from '../schema/builder.js';
import { MoneyRef, MoneyTotalRef } from '../schema/money.js';
import { ConflictError, NotFoundError } from '../shared/errors.js';
import { PromotionNode } from '../promotions/promotion.graphql.js';
import type { Comparison, Effect } from './statistics.js';
import type { HoldoutMetrics } from './analysis.js';
import { BUCKETS } from './assignment.js';
import { createExperiment, designOf, HOLDOUT_ARM, isRunning, moveExperiment } from './experiments.js';
import { DEFAULT_WINDOW_DAYS, experimentResults, type ArmResult, type ExperimentResults } from './results.js';

export const ExperimentNode = new ObjectRef<BuilderTypes, Experiment>('Experiment');

type MetricName = keyof HoldoutMetrics;
const METRICS = {
  netRevenue: { value: 'NET_REVENUE', description: 'Revenue net of every discount per exposed customer (minor units): what the promotion is judged on.' },
  revenue: { value: 'REVENUE', description: 'Order subtotals per exposed customer, before discounts (minor units).' },
  discount: { value: 'DISCOUNT', description: 'Discounts given per exposed customer, by every promotion (minor units).' },
  conversion: { value: 'CONVERSION', description: 'Share of exposed customers who ordered within the window.' },
  ordersPerCustomer: { value: 'ORDERS_PER_CUSTOMER', description: 'Orders per exposed customer.' },
  averageOrderValue: { value: 'AVERAGE_ORDER_VALUE', description: 'Revenue per order (minor units), compared with the delta method.' },
} as const satisfies Record<MetricName, { value: string; description: string }>;

type MetricShape = { name: MetricName; comparison: Comparison };

export function registerExperimentTypes({ builder }: SchemaParts) {
  const money = (amount: number, currency: string) => ({ amount: Math.round(amount), currency });
  const perCustomer = (sum: number, arm: ArmResult) => (arm.totals.exposed === 0 ? 0 : sum / arm.totals.exposed);

  const ExperimentState = builder.enumType('ExperimentState', {
    values: {
      DRAFT: { description: 'Created, not started: nobody is held out.' },
      RUNNING: { description: 'Customers the promotion would apply to are placed in an arm at first sight; the held-out ones do not get it.' },
      STOPPED: { description: 'Everyone gets the promotion again; the results stay those of the running period.' },
    },
  });

  const EffectRef = builder.objectRef<Effect>('ExperimentEffect').implement({
    description: 'A difference between the treated and the held-out arm, with its interval (always-valid: it may be looked at every day).',
    fields: (t) => ({
      estimate: t.exposeFloat('estimate'),
      low: t.float({ resolve: (effect) => effect.interval[0] }),
      high: t.float({ resolve: (effect) => effect.interval[1] }),
      pValue: t.exposeFloat('pValue'),
      minimumDetectableEffect: t.exposeFloat('minimumDetectableEffect', { description: 'The smallest true effect this sample would find 80 % of the time.' }),
    }),
  });

  const MetricName = builder.enumType('ExperimentMetricName', {
    values: Object.fromEntries(Object.values(METRICS).map((metric) => [metric.value, { description: metric.description }])),
  });

  const MetricRef = builder.objectRef<MetricShape>('ExperimentMetric').implement({
    description: 'One metric compared between the arms, per exposed customer from their first exposure to the end of the window.',
    fields: (t) => ({
      name: t.field({ type: MetricName, resolve: (metric) => METRICS[metric.name].value }),
      heldOutMean: t.float({ resolve: (metric) => metric.comparison.control.mean }),
      treatedMean: t.float({ resolve: (metric) => metric.comparison.treatment.mean }),
      absolute: t.field({
        type: EffectRef,
        description: 'Treated minus held out (CUPED-adjusted where revenue before exposure helps).',
        resolve: (metric) => metric.comparison.absolute,
      }),
      relative: t.field({
        type: EffectRef,
        nullable: true,
        description: 'The lift: (treated − held out) / held out, 0.1 meaning +10 %; null when the held-out mean is 0.',
        resolve: (metric) => metric.comparison.relative,
      }),
    }),
  });

  const ArmRef = builder.objectRef<{ arm: ArmResult; currency: string }>('ExperimentArm').implement({
    description: "An arm's exposed customers and what they did within the window after their first exposure.",
    fields: (t) => ({
      key: t.string({ resolve: ({ arm }) => arm.key }),
      heldOut: t.boolean({ description: 'Its customers do not get the promotion.', resolve: ({ arm }) => arm.heldOut }),
      exposed: t.int({
        description: 'Customers placed in the arm at the first evaluation where the promotion would apply.',
        resolve: ({ arm }) => arm.totals.exposed,
      }),
      converted: t.int({ description: 'Exposed customers who ordered within the window.', resolve: ({ arm }) => arm.totals.conversions }),
      conversionRate: t.float({ resolve: ({ arm }) => perCustomer(arm.totals.conversions, arm) }),
      orders: t.int({ resolve: ({ arm }) => arm.totals.orders.sum }),
      ordersPerCustomer: t.float({ resolve: ({ arm }) => perCustomer(arm.totals.orders.sum, arm) }),
      revenue: t.field({
        type: MoneyTotalRef,
        description: 'Order subtotals, before discounts.',
        resolve: ({ arm, currency }) => money(arm.totals.revenue.sum, currency),
      }),
      revenuePerCustomer: t.field({
        type: MoneyRef,
        description: 'Rounded to the minor unit.',
        resolve: ({ arm, currency }) => money(perCustomer(arm.totals.revenue.sum, arm), currency),
      }),
      netRevenuePerCustomer: t.field({
        type: MoneyRef,
        description: 'Revenue net of every discount per exposed customer, rounded to the minor unit.',
        resolve: ({ arm, currency }) => money(perCustomer(arm.totals.revenue.sum - arm.totals.discount.sum, arm), currency),
      }),
      averageOrderValue: t.field({
        type: MoneyRef,
        nullable: true,
        description: 'Revenue per order; null without orders.',
        resolve: ({ arm, currency }) => (arm.totals.orders.sum === 0 ? null : money(arm.totals.revenue.sum / arm.totals.orders.sum, currency)),
      }),
      discount: t.field({
        type: MoneyTotalRef,
        description: "Discounts on the arm's orders, by every promotion.",
        resolve: ({ arm, currency }) => money(arm.totals.discount.sum, currency),
      }),
      exposureDiscount: t.field({
        type: MoneyTotalRef,
        description: 'What the promotion gave (treated) or would have given (held out) the carts at first exposure: the cost it puts at stake.',
        resolve: ({ arm, currency }) => money(arm.exposureDiscount, currency),
      }),
      redeemed: t.int({ description: 'Exposed customers who redeemed the promotion after their exposure.', resolve: ({ arm }) => arm.redeemers }),
      redemptionRate: t.float({ resolve: ({ arm }) => perCustomer(arm.redeemers, arm) }),
    }),
  });

  const MoneyIntervalRef = builder.objectRef<{ estimate: number; interval: [number, number]; currency: string }>('MoneyInterval').implement({
    description: 'An amount of money estimated with its interval, in minor units (the interval rounded outwards).',
    fields: (t) => ({
      estimate: t.field({ type: MoneyTotalRef, resolve: (value) => money(value.estimate, value.currency) }),
      low: t.field({ type: MoneyTotalRef, resolve: (value) => money(value.interval[0], value.currency) }),
      high: t.field({ type: MoneyTotalRef, resolve: (value) => money(value.interval[1], value.currency) }),
    }),
  });

  const SampleRatioRef = builder.objectRef<ExperimentResults['analysis']['sampleRatio']>('SampleRatioCheck').implement({
    description: "Pearson's chi-square of the arms' exposed counts against the planned split: a mismatch means the split or the recording is broken.",
    fields: (t) => ({
      mismatch: t.exposeBoolean('mismatch', { description: 'p below 0.001: no effect is reported until the cause is found.' }),
      pValue: t.exposeFloat('pValue'),
      chiSquare: t.exposeFloat('chiSquare'),
      expected: t.floatList({ description: 'The exposed counts expected per arm (held out first).', resolve: (check) => check.expected }),
    }),
  });

  const VerdictKind = builder.enumType('ExperimentVerdictKind', {
    values: ['SAMPLE_RATIO_MISMATCH', 'NOT_ENOUGH_DATA', 'POSITIVE_EFFECT', 'NEGATIVE_EFFECT', 'NO_DETECTABLE_EFFECT', 'NO_VARIATION'] as const,
  });

  const ResultsRef = builder.objectRef<ExperimentResults>('ExperimentResults').implement({
    description: "An experiment's results at a moment: orders within the window after each customer's first exposure.",
    fields: (t) => ({
      asOf: t.field({ type: 'DateTime', resolve: (results) => results.asOf }),
      windowDays: t.exposeInt('windowDays'),
      arms: t.field({ type: [ArmRef], resolve: (results) => results.arms.map((arm) => ({ arm, currency: results.currency })) }),
      sampleRatio: t.field({ type: SampleRatioRef, resolve: (results) => results.analysis.sampleRatio }),
      minimumSampleMet: t.boolean({
        description: 'Every arm has 150 exposed customers and 10 who ordered: effects are shown from then on.',
        resolve: (results) => results.analysis.sample.met,
      }),
      metrics: t.field({
        type: [MetricRef],
        description: 'Each metric compared (empty until there is variation to compare).',
        resolve: (results) =>
          (Object.keys(METRICS) as MetricName[]).flatMap((name) => {
            const comparison = results.analysis.metrics[name];
            return comparison ? [{ name, comparison }] : [];
          }),
      }),
      incrementalNetRevenue: t.field({
        type: MoneyIntervalRef,
        nullable: true,
        description: 'Revenue net of discount the promotion added over all the treated customers so far (the per-customer effect times their number).',
        resolve: (results) => (results.analysis.incrementalNetRevenue ? { ...results.analysis.incrementalNetRevenue, currency: results.currency } : null),
      }),
      verdictKind: t.field({
        type: VerdictKind,
        resolve: (results) => results.verdict.kind.toUpperCase().replaceAll('-', '_') as 'NOT_ENOUGH_DATA',
      }),
      verdict: t.string({ description: 'What to conclude today, in a sentence.', resolve: (results) => results.verdict.sentence }),
    }),
  });

  implement(
    builder,
    ExperimentNode,
    builder.prismaNode('Experiment', {
      nullable: true,
      id: { field: 'id' },
      authScopes: { admin: true },
      description: "A promotion's holdout: a share of the customers it would apply to do not get it, so that what it adds can be measured.",
      fields: (t) => ({
        promotion: t.relation('promotion'),
        state: t.field({
          type: ExperimentState,
          resolve: (experiment) => (isRunning(experiment) ? 'RUNNING' : experiment.startedAt === null ? 'DRAFT' : 'STOPPED'),
        }),
        holdoutBasisPoints: t.int({
          description: "Basis points of the experiment's customers held out (5000: half).",
          resolve: (experiment) => designOf(experiment).arms.find((arm) => arm.key === HOLDOUT_ARM)?.weight ?? 0,
        }),
        coverageBasisPoints: t.exposeInt('coverage', { description: 'Basis points of the customers the promotion would apply to who enter the experiment.' }),
        expectedSampleSize: t.exposeInt('expectedSampleSize'),
        startedAt: t.expose('startedAt', { type: 'DateTime', nullable: true }),
        stoppedAt: t.expose('stoppedAt', { type: 'DateTime', nullable: true }),
        createdAt: t.expose('createdAt', { type: 'DateTime' }),
        results: t.field({
          type: ResultsRef,
          nullable: true,
          complexity: 50,
          description: 'The results now (or at its stop); null before it starts.',
          args: {
            windowDays: t.arg.int({
              required: false,
              description: `Days after each customer's first exposure during which their orders count; defaults to ${DEFAULT_WINDOW_DAYS}.`,
              validate: z.number().int().min(1, 'must be at least 1').max(365, 'at most 365').nullish(),
            }),
          },
          resolve: async (experiment, args, context) => {
            if (experiment.startedAt === null) return null;
            const promotion = await prisma.promotion.findUniqueOrThrow({ where: { id: experiment.promotionId }, select: { currency: true } });
            return experimentResults(experiment, promotion.currency, context.clock.now(), args.windowDays ?? DEFAULT_WINDOW_DAYS);
          },
        }),
      }),
    }),
  );

  builder.prismaObjectField('Promotion', 'experiment', (t) =>
    t.relation('experiment', { nullable: true, authScopes: { admin: true }, description: "The promotion's experiment (holdout), if it has one." }),
  );

  const ExperimentPayload = builder.simpleObject('ExperimentPayload', { fields: (t) => ({ experiment: t.field({ type: ExperimentNode }) }) });
  const basisPoints = (least: number, most: number) =>
    z.number().int('must be a whole number of basis points').min(least, `must be at least ${least}`).max(most, `must be at most ${most}`);

  const CreateExperimentInput = builder.inputType('CreateExperimentInput', {
    description: 'A holdout for a promotion: two arms, the held-out one and the treated one.',
    fields: (t) => ({
      promotion: t.globalID({ for: PromotionNode }),
      holdoutBasisPoints: t.int({
        description: "Basis points of the experiment's customers held out: 1000 holds out 10 %.",
        validate: basisPoints(1, BUCKETS - 1),
      }),
      coverageBasisPoints: t.int({
        required: false,
        description: 'Basis points of the customers the promotion would apply to who enter the experiment; defaults to 10000 (all).',
        validate: basisPoints(1, BUCKETS).nullish(),
      }),
      expectedSampleSize: t.int({
        description: 'Customers (both arms) at which a decision is expected: the always-valid intervals are narrowest there.',
        validate: z.number().int('must be a whole number').min(100, 'must be at least 100').max(100_000_000, 'at most 100,000,000'),
      }),
    }),
  });

  builder.mutationField('createExperiment', (t) =>
    t.field({
      type: ExperimentPayload,
      authScopes: { admin: true },
      errors: { types: [NotFoundError, ConflictError] },
      args: { input: t.arg({ type: CreateExperimentInput }) },
      resolve: async (_root, { input }) => ({
        experiment: await createExperiment(
          {
            promotionId: input.promotion.id,
            holdoutBasisPoints: input.holdoutBasisPoints,
            coverageBasisPoints: input.coverageBasisPoints ?? BUCKETS,
            expectedSampleSize: input.expectedSampleSize,
          },
          ['input', 'promotion'],
        ),
      }),
    }),
  );

  const ExperimentRefInput = builder.inputType('ExperimentRefInput', { fields: (t) => ({ id: t.globalID({ for: ExperimentNode }) }) });
  for (const [name, to, description] of [
    ['startExperiment', 'start', 'Starts holding out: from now on, customers the promotion would apply to are placed in an arm at first sight. Once.'],
    ['stopExperiment', 'stop', 'Stops holding out: everyone gets the promotion again, and the results stay those of the running period. Once.'],
  ] as const) {
    builder.mutationField(name, (t) =>
      t.field({
        type: ExperimentPayload,
        description,
        authScopes: { admin: true },
        errors: { types: [NotFoundError, ConflictError] },
        args: { input: t.arg({ type: ExperimentRefInput }) },
        resolve: async (_root, { input }, context) => ({ experiment: await moveExperiment(input.id.id, to, context.clock.now(), ['input', 'id']) }),
      }),
    );
  }
}
