// A promotion holdout's results from its two arms' totals (one aggregate over exposures and the
// orders after them): the data-quality checks first (sample ratio, minimum sample), then each
// metric compared between the treated arm and the held-out one. Pure: the totals come in, the
// numbers go out; verdict.ts puts them in words.
import {
  compareMeans,
  compareRatios,
  DEFAULT_MINIMUM_SAMPLE,
  differenceMoments,
  minimumSampleProgress,
  moneyEffect,
  sampleRatioMismatch,
  type AnalysisOptions,
  type ArmMoments,
  type Comparison,
  type MinimumSample,
  type SampleProgress,
  type SampleRatioCheck,
  type Sums,
} from './statistics.js';

/**
 * One arm's exposed customers and, per customer, what they did after their first exposure
 * (within the analysis window). Money in minor units of the report's currency.
 */
export interface HoldoutArmTotals {
  exposed: number;
  /** Customers with at least one order. */
  conversions: number;
  /** Orders per customer. */
  orders: Sums;
  /** Merchandise revenue per customer before discounts (order subtotals). */
  revenue: Sums;
  /** Discounts given per customer (every promotion's, so knock-on effects on other offers count too). */
  discount: Sums;
  /** Σ revenue × discount over customers: the net revenue's variance needs it. */
  revenueDiscountProducts: number;
  /** Σ revenue × orders over customers: the average order value's variance needs it. */
  revenueOrderProducts: number;
  /**
   * The CUPED covariate: each customer's revenue in a lookback before their exposure
   * (GrowthBook uses 14 days, Eppo 30), with its products with revenue and discount.
   */
  preExposure?: Sums & { revenueProducts: number; discountProducts: number };
}

/** An arm nobody is in yet (with the CUPED covariate's sums when asked for). */
export function emptyArmTotals(withPreExposure = false): HoldoutArmTotals {
  return {
    exposed: 0,
    conversions: 0,
    orders: { sum: 0, sumSquares: 0 },
    revenue: { sum: 0, sumSquares: 0 },
    discount: { sum: 0, sumSquares: 0 },
    revenueDiscountProducts: 0,
    revenueOrderProducts: 0,
    ...(withPreExposure ? { preExposure: { sum: 0, sumSquares: 0, revenueProducts: 0, discountProducts: 0 } } : {}),
  };
}

export interface HoldoutInput {
  /** The held-out arm: answered as if the promotion did not exist. */
  control: HoldoutArmTotals;
  treatment: HoldoutArmTotals;
  /** Planned shares (any unit: basis points, percentages) for the sample-ratio check. */
  weights: { control: number; treatment: number };
  /** Days since the first exposure, for rates and projections. */
  elapsedDays: number;
  currency: string;
}

export interface HoldoutOptions extends AnalysisOptions {
  minimumSample?: MinimumSample;
}

export interface HoldoutMetrics {
  /** Revenue net of discount per exposed customer: the metric a promotion is judged on. */
  netRevenue: Comparison | null;
  revenue: Comparison | null;
  discount: Comparison | null;
  conversion: Comparison | null;
  ordersPerCustomer: Comparison | null;
  averageOrderValue: Comparison | null;
}

export interface HoldoutResult {
  currency: string;
  elapsedDays: number;
  exposed: { control: number; treatment: number };
  sampleRatio: SampleRatioCheck;
  sample: SampleProgress;
  metrics: HoldoutMetrics;
  /**
   * Net revenue the promotion added over all the treated customers so far (the per-customer
   * effect times the treated arm's size), in whole minor units; null without a net revenue result.
   */
  incrementalNetRevenue: { estimate: number; interval: [number, number] } | null;
}

/** Revenue net of discount per exposed customer, with the CUPED covariate when the arm has one. */
export function netRevenueMoments(arm: HoldoutArmTotals): ArmMoments {
  const net = differenceMoments({ n: arm.exposed, ...arm.revenue }, arm.discount, arm.revenueDiscountProducts);
  if (!arm.preExposure) return net;
  const { sum, sumSquares, revenueProducts, discountProducts } = arm.preExposure;
  return { ...net, covariate: { sum, sumSquares, sumProducts: revenueProducts - discountProducts } };
}

function revenueMoments(arm: HoldoutArmTotals): ArmMoments {
  const moments = { n: arm.exposed, ...arm.revenue };
  if (!arm.preExposure) return moments;
  const { sum, sumSquares, revenueProducts } = arm.preExposure;
  return { ...moments, covariate: { sum, sumSquares, sumProducts: revenueProducts } };
}

/** Everything the verdict needs, from the arms' totals. */
export function analyzeHoldout(input: HoldoutInput, options: HoldoutOptions = {}): HoldoutResult {
  const { control, treatment } = input;
  const sampleRatio = sampleRatioMismatch([control.exposed, treatment.exposed], [input.weights.control, input.weights.treatment]);
  const sample = minimumSampleProgress(
    [
      { exposed: control.exposed, conversions: control.conversions },
      { exposed: treatment.exposed, conversions: treatment.conversions },
    ],
    input.elapsedDays,
    options.minimumSample ?? DEFAULT_MINIMUM_SAMPLE,
  );
  const metrics: HoldoutMetrics = {
    netRevenue: compareMeans(netRevenueMoments(control), netRevenueMoments(treatment), 'mean', options),
    revenue: compareMeans(revenueMoments(control), revenueMoments(treatment), 'mean', options),
    discount: compareMeans({ n: control.exposed, ...control.discount }, { n: treatment.exposed, ...treatment.discount }, 'mean', options),
    conversion: compareMeans(
      { n: control.exposed, sum: control.conversions, sumSquares: control.conversions },
      { n: treatment.exposed, sum: treatment.conversions, sumSquares: treatment.conversions },
      'proportion',
      options,
    ),
    ordersPerCustomer: compareMeans({ n: control.exposed, ...control.orders }, { n: treatment.exposed, ...treatment.orders }, 'mean', options),
    averageOrderValue: compareRatios(
      { n: control.exposed, numerator: control.revenue, denominator: control.orders, sumProducts: control.revenueOrderProducts },
      { n: treatment.exposed, numerator: treatment.revenue, denominator: treatment.orders, sumProducts: treatment.revenueOrderProducts },
      options,
    ),
  };
  let incrementalNetRevenue: HoldoutResult['incrementalNetRevenue'] = null;
  if (metrics.netRevenue) {
    const { absolute } = metrics.netRevenue;
    const scaled = moneyEffect({
      ...absolute,
      estimate: absolute.estimate * treatment.exposed,
      interval: [absolute.interval[0] * treatment.exposed, absolute.interval[1] * treatment.exposed],
      minimumDetectableEffect: 0,
    });
    incrementalNetRevenue = { estimate: scaled.estimate, interval: scaled.interval };
  }
  return {
    currency: input.currency,
    elapsedDays: input.elapsedDays,
    exposed: { control: control.exposed, treatment: treatment.exposed },
    sampleRatio,
    sample,
    metrics,
    incrementalNetRevenue,
  };
}
