// The statistics of a two-arm experiment, from per-arm sufficient statistics (counts, sums,
// sums of squares and of cross-products, as one SQL aggregate gives them): pure functions, no
// I/O. The methods and their formulas follow GrowthBook's published statistics engine
// (docs/statistics/details.mdx, cuped-technical.mdx, sequential.mdx, power-technical.mdx and
// gbstats), whose own test cases are reproduced in test/experiments/statistics.test.ts;
// docs/experiments.md gives each formula and its sources.
import chiSquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';

/** Σy and Σy² over a group's units (a unit with no activity counts with y = 0). */
export interface Sums {
  sum: number;
  sumSquares: number;
}

/** One arm's units for a metric y: how many, Σy, Σy². */
export interface Moments extends Sums {
  n: number;
}

/** A pre-exposure covariate x of the same units, for CUPED: Σx, Σx², and Σxy with the metric. */
export interface Covariate extends Sums {
  sumProducts: number;
}

export interface ArmMoments extends Moments {
  covariate?: Covariate;
}

/** A ratio metric's numerator and denominator per unit (average order value: revenue and orders per customer). */
export interface RatioMoments {
  n: number;
  numerator: Sums;
  denominator: Sums;
  /** Σ numerator × denominator over the units. */
  sumProducts: number;
}

/**
 * `proportion`: y is 0 or 1 and its variance is p(1 − p), as GrowthBook computes it; `mean`:
 * the sample variance with n − 1.
 */
export type MetricKind = 'mean' | 'proportion';

export interface AnalysisOptions {
  /** 1 − confidence level: 0.05 gives 95 % intervals. */
  alpha?: number;
  /**
   * Always-valid intervals, correct however often they are looked at. `expectedSampleSize`
   * is GrowthBook's tuning parameter N*: the total number of units (both arms) at which a
   * decision is expected; the interval is narrowest there.
   */
  sequential?: { expectedSampleSize: number } | null;
  /** Use the arms' covariates (CUPED) when they are given. Default true. */
  cuped?: boolean;
  /** The power at which the minimum detectable effect is computed. Default 0.8. */
  power?: number;
}

export interface Effect {
  estimate: number;
  standardError: number;
  /** Confidence interval at 1 − alpha: fixed-horizon (Welch t) or always-valid (sequential). */
  interval: [number, number];
  /** Two-sided; for sequential analyses, the always-valid p-value (1 / e-value, at most 1). */
  pValue: number;
  /** Welch–Satterthwaite degrees of freedom of the fixed-horizon test (unused by the sequential one). */
  degreesOfFreedom: number;
  /** The smallest true effect the test would find with the configured power (80 %) at this sample. */
  minimumDetectableEffect: number;
}

export interface Comparison {
  method: 'fixed' | 'sequential';
  alpha: number;
  /** The power at which `minimumDetectableEffect` is computed. */
  power: number;
  control: ArmSummary;
  treatment: ArmSummary;
  /** Treatment mean − control mean (CUPED-adjusted when `cuped` is set). */
  absolute: Effect;
  /** (Treatment − control) / control mean; null when the control mean is 0. */
  relative: Effect | null;
  /** θ and the share of the unadjusted variance of the absolute effect that CUPED removed. */
  cuped: { theta: number; varianceReduction: number } | null;
}

export interface ArmSummary {
  n: number;
  /** The arm's mean (unadjusted). */
  mean: number;
}

/** GrowthBook's default N* (DEFAULT_SEQUENTIAL_TESTING_TUNING_PARAMETER). */
export const DEFAULT_EXPECTED_SAMPLE_SIZE = 5_000;

/** Internal: an arm's mean, the per-unit variance behind it, and what CUPED needs. */
interface ArmEstimate {
  n: number;
  mean: number;
  unadjustedMean: number;
  /** Per-unit variance of the (adjusted) quantity: the variance of the mean is variance / n. */
  variance: number;
  cuped?: { covariateMean: number; postVariance: number; covariateVariance: number; covariance: number };
}

function varianceOf(moments: Moments, kind: MetricKind): number {
  if (moments.n < 2) return Number.NaN;
  const centred = moments.sumSquares - (moments.sum * moments.sum) / moments.n;
  return Math.max(0, centred / (kind === 'proportion' ? moments.n : moments.n - 1));
}

function covarianceOf(n: number, sumX: number, sumY: number, sumProducts: number, kind: MetricKind): number {
  return (sumProducts - (sumX * sumY) / n) / (kind === 'proportion' ? n : n - 1);
}

/**
 * θ = Cov(Y, X) / Var(X) on both arms pooled (Deng et al. 2013, eq. 4; GrowthBook's
 * compute_theta): pooling keeps θ independent of the assignment, so the adjusted estimate
 * stays unbiased.
 */
function pooledTheta(control: ArmMoments & { covariate: Covariate }, treatment: ArmMoments & { covariate: Covariate }, kind: MetricKind): number {
  const n = control.n + treatment.n;
  const x = { n, sum: control.covariate.sum + treatment.covariate.sum, sumSquares: control.covariate.sumSquares + treatment.covariate.sumSquares };
  const varianceX = varianceOf(x, kind);
  const varianceY = varianceOf({ n, sum: control.sum + treatment.sum, sumSquares: control.sumSquares + treatment.sumSquares }, kind);
  if (!(varianceX > 0) || !(varianceY > 0)) return 0;
  return covarianceOf(n, x.sum, control.sum + treatment.sum, control.covariate.sumProducts + treatment.covariate.sumProducts, kind) / varianceX;
}

function plainEstimate(moments: Moments, kind: MetricKind): ArmEstimate {
  const mean = moments.n > 0 ? moments.sum / moments.n : Number.NaN;
  return { n: moments.n, mean, unadjustedMean: mean, variance: varianceOf(moments, kind) };
}

function cupedEstimate(moments: ArmMoments & { covariate: Covariate }, kind: MetricKind, theta: number): ArmEstimate {
  const { n, covariate } = moments;
  const mean = moments.sum / n;
  const covariateMean = covariate.sum / n;
  const postVariance = varianceOf(moments, kind);
  const covariateVariance = varianceOf({ n, ...covariate }, kind);
  const covariance = covarianceOf(n, covariate.sum, moments.sum, covariate.sumProducts, kind);
  return {
    n,
    mean: mean - theta * covariateMean,
    unadjustedMean: mean,
    variance: Math.max(0, postVariance + theta * theta * covariateVariance - 2 * theta * covariance),
    cuped: { covariateMean, postVariance, covariateVariance, covariance },
  };
}

/** Welch–Satterthwaite degrees of freedom from the arms' per-unit variances. */
function welchDegreesOfFreedom(control: ArmEstimate, treatment: ArmEstimate): number {
  const c = control.variance / control.n;
  const t = treatment.variance / treatment.n;
  return (c + t) ** 2 / ((c * c) / (control.n - 1) + (t * t) / (treatment.n - 1));
}

/**
 * GrowthBook's ρ for the normal-mixture confidence sequence: the mixing variance that makes
 * the sequence narrowest at N* units (Howard et al. 2021; Waudby-Smith et al. 2023).
 */
export function sequentialRho(alpha: number, expectedSampleSize: number): number {
  return Math.sqrt((-2 * Math.log(alpha) + Math.log(-2 * Math.log(alpha) + 1)) / expectedSampleSize);
}

/**
 * Half-width of the always-valid interval for an estimate with standard error `standardError`
 * after `n` units in all (GrowthBook's sequential.mdx / power-technical.mdx):
 * σ̂·√N·√( 2(Nρ²+1)/(N²ρ²) · ln(√(Nρ²+1)/α) ), with σ̂·√N the per-unit standard deviation.
 */
export function sequentialHalfWidth(standardError: number, n: number, alpha: number, expectedSampleSize: number): number {
  const rho = sequentialRho(alpha, expectedSampleSize);
  const nRho2 = n * rho * rho;
  return standardError * Math.sqrt(n) * Math.sqrt(((2 * (nRho2 + 1)) / (n * n * rho * rho)) * Math.log(Math.sqrt(nRho2 + 1) / alpha));
}

/** The always-valid p-value: 1 / the normal-mixture e-value, at most 1 (Waudby-Smith et al. eq. 155, as gbstats computes it). */
function sequentialPValue(estimate: number, standardError: number, n: number, alpha: number, expectedSampleSize: number): number {
  const rho = sequentialRho(alpha, expectedSampleSize);
  const z2 = (estimate / standardError) ** 2;
  const scaled = n * rho * rho + 1;
  const logEValue = (rho * rho * n * z2) / (2 * scaled) - 0.5 * Math.log(scaled);
  return Math.min(1, Math.exp(-logEValue));
}

function effectOf(
  estimate: number,
  variance: number,
  degreesOfFreedom: number,
  totalN: number,
  options: Required<Pick<AnalysisOptions, 'alpha' | 'power'>> & AnalysisOptions,
): Effect | null {
  const standardError = Math.sqrt(variance);
  if (!(standardError > 0) || !Number.isFinite(estimate)) return null;
  const { alpha, power } = options;
  const zAlpha = normalQuantile(1 - alpha / 2, 0, 1);
  const zPower = normalQuantile(power, 0, 1);
  if (options.sequential) {
    const halfWidth = sequentialHalfWidth(standardError, totalN, alpha, options.sequential.expectedSampleSize);
    return {
      estimate,
      standardError,
      interval: [estimate - halfWidth, estimate + halfWidth],
      pValue: sequentialPValue(estimate, standardError, totalN, alpha, options.sequential.expectedSampleSize),
      degreesOfFreedom,
      // GrowthBook's sequential power: the fixed-horizon formula with σ̃ = half-width / z(1 − α/2).
      minimumDetectableEffect: (halfWidth / zAlpha) * (zAlpha + zPower),
    };
  }
  const halfWidth = tQuantile(1 - alpha / 2, degreesOfFreedom) * standardError;
  return {
    estimate,
    standardError,
    interval: [estimate - halfWidth, estimate + halfWidth],
    pValue: 2 * tCdf(-Math.abs(estimate / standardError), degreesOfFreedom),
    degreesOfFreedom,
    minimumDetectableEffect: standardError * (zAlpha + zPower),
  };
}

function withDefaults(options: AnalysisOptions) {
  const alpha = options.alpha ?? 0.05;
  const power = options.power ?? 0.8;
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be between 0 and 1, not ${alpha}`);
  if (!(power > 0 && power < 1)) throw new RangeError(`power must be between 0 and 1, not ${power}`);
  if (options.sequential && !(options.sequential.expectedSampleSize > 0))
    throw new RangeError('the expected sample size of a sequential analysis must be positive');
  return { ...options, alpha, power };
}

function compareEstimates(
  control: ArmEstimate,
  treatment: ArmEstimate,
  options: AnalysisOptions,
  theta: number | null,
  unadjustedAbsoluteVariance: number,
): Comparison | null {
  const settings = withDefaults(options);
  if (control.n < 2 || treatment.n < 2 || !(control.variance + treatment.variance > 0)) return null;
  const degreesOfFreedom = welchDegreesOfFreedom(control, treatment);
  const totalN = control.n + treatment.n;
  const absoluteVariance = control.variance / control.n + treatment.variance / treatment.n;
  const absolute = effectOf(treatment.mean - control.mean, absoluteVariance, degreesOfFreedom, totalN, settings);
  if (!absolute) return null;
  const base = control.unadjustedMean;
  let relative: Effect | null = null;
  if (base !== 0) {
    relative = effectOf((treatment.mean - control.mean) / base, relativeVariance(control, treatment, theta), degreesOfFreedom, totalN, settings);
  }
  return {
    method: settings.sequential ? 'sequential' : 'fixed',
    alpha: settings.alpha,
    power: settings.power,
    control: { n: control.n, mean: control.unadjustedMean },
    treatment: { n: treatment.n, mean: treatment.unadjustedMean },
    absolute,
    relative,
    cuped: theta === null ? null : { theta, varianceReduction: 1 - absoluteVariance / unadjustedAbsoluteVariance },
  };
}

/**
 * Delta-method variance of the relative effect. Without CUPED (GrowthBook details.mdx):
 * σ²_C μ_T² / (μ_C⁴ n_C) + σ²_T / (μ_C² n_T). With CUPED, the gradient of
 * ((Ȳ_T − θX̄_T) − (Ȳ_C − θX̄_C)) / Ȳ_C over (Ȳ_T, X̄_T, Ȳ_C, X̄_C), with the pre-period means
 * taken equal (they are, by randomisation): cuped-technical.mdx, "Relative case".
 */
function relativeVariance(control: ArmEstimate, treatment: ArmEstimate, theta: number | null): number {
  const base = control.unadjustedMean;
  if (theta === null || !control.cuped || !treatment.cuped) {
    return (control.variance * treatment.mean ** 2) / (base ** 4 * control.n) + treatment.variance / (base ** 2 * treatment.n);
  }
  const treated = treatment.variance / (treatment.n * base ** 2);
  const ratio = treatment.unadjustedMean / base;
  const c = control.cuped;
  const held = (c.postVariance * ratio * ratio - 2 * theta * c.covariance * ratio + theta * theta * c.covariateVariance) / (control.n * base ** 2);
  return treated + held;
}

function hasCovariate(arm: ArmMoments): arm is ArmMoments & { covariate: Covariate } {
  return arm.covariate !== undefined;
}

/**
 * Compares the means of a metric between two arms: Welch's t-test on the absolute difference
 * and the delta-method relative lift, with CUPED when both arms carry a covariate, and
 * always-valid intervals when `sequential` is set. Null when an arm has fewer than two units
 * or the metric does not vary.
 */
export function compareMeans(control: ArmMoments, treatment: ArmMoments, kind: MetricKind = 'mean', options: AnalysisOptions = {}): Comparison | null {
  const plainControl = plainEstimate(control, kind);
  const plainTreatment = plainEstimate(treatment, kind);
  const unadjustedVariance = plainControl.variance / control.n + plainTreatment.variance / treatment.n;
  if ((options.cuped ?? true) && hasCovariate(control) && hasCovariate(treatment) && control.n >= 2 && treatment.n >= 2) {
    const theta = pooledTheta(control, treatment, kind);
    // With no variation to learn from (θ = 0), CUPED is the plain analysis, as in gbstats.
    if (theta !== 0) return compareEstimates(cupedEstimate(control, kind, theta), cupedEstimate(treatment, kind, theta), options, theta, unadjustedVariance);
  }
  return compareEstimates(plainControl, plainTreatment, options, null, unadjustedVariance);
}

/**
 * An arm's ratio of sums (Σm / Σd) and its per-unit delta-method variance
 * (σ²_m/d̄² + σ²_d m̄²/d̄⁴ − 2σ_md m̄/d̄³: GrowthBook details.mdx, "Ratio metrics").
 */
function ratioEstimate(arm: RatioMoments): ArmEstimate {
  const { n } = arm;
  const numeratorMean = arm.numerator.sum / n;
  const denominatorMean = arm.denominator.sum / n;
  const mean = arm.denominator.sum === 0 ? Number.NaN : arm.numerator.sum / arm.denominator.sum;
  const varianceM = varianceOf({ n, ...arm.numerator }, 'mean');
  const varianceD = varianceOf({ n, ...arm.denominator }, 'mean');
  const covariance = n < 2 ? Number.NaN : covarianceOf(n, arm.numerator.sum, arm.denominator.sum, arm.sumProducts, 'mean');
  const variance =
    varianceM / denominatorMean ** 2 + (varianceD * numeratorMean ** 2) / denominatorMean ** 4 - (2 * covariance * numeratorMean) / denominatorMean ** 3;
  return { n, mean, unadjustedMean: mean, variance: Math.max(0, variance) };
}

/**
 * Compares a ratio metric (average order value: revenue over orders) between two arms, the
 * unit of analysis being the randomised customer, not the order: the delta method turns
 * each arm's ratio into a mean with a variance, then the comparison is as for means.
 */
export function compareRatios(control: RatioMoments, treatment: RatioMoments, options: AnalysisOptions = {}): Comparison | null {
  if (control.denominator.sum === 0 || treatment.denominator.sum === 0) return null;
  const c = ratioEstimate(control);
  const t = ratioEstimate(treatment);
  return compareEstimates(c, t, options, null, c.variance / c.n + t.variance / t.n);
}

/** Moments of y = a − b per unit, from those of a and b and Σab (net revenue = revenue − discount). */
export function differenceMoments(a: Moments, b: Sums, sumProducts: number): Moments {
  return { n: a.n, sum: a.sum - b.sum, sumSquares: a.sumSquares - 2 * sumProducts + b.sumSquares };
}

export interface SampleRatioCheck {
  chiSquare: number;
  degreesOfFreedom: number;
  pValue: number;
  /** Counts the weights predict from the total. */
  expected: number[];
  /** p below the threshold (0.001, as GrowthBook and Eppo use). */
  mismatch: boolean;
}

/** The alarm level of the sample-ratio-mismatch test (GrowthBook's and Eppo's). */
export const SRM_THRESHOLD = 0.001;

/**
 * Pearson's chi-square goodness-of-fit test of the arms' unit counts against their planned
 * weights (GrowthBook's check_srm; Eppo's sample-ratio-mismatch.md): a mismatch means the
 * assignment or the exposure logging is broken, and no effect estimate can be trusted.
 */
export function sampleRatioMismatch(counts: readonly number[], weights: readonly number[], threshold = SRM_THRESHOLD): SampleRatioCheck {
  if (counts.length !== weights.length || counts.length < 2) throw new RangeError('give one count and one weight per arm, for two arms or more');
  const total = counts.reduce((sum, count) => sum + count, 0);
  const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);
  const expected = weights.map((weight) => (weight / totalWeight) * total);
  let chiSquare = 0;
  let arms = 0;
  counts.forEach((count, index) => {
    const wanted = expected[index] as number;
    if (wanted <= 0) return;
    arms += 1;
    chiSquare += (count - wanted) ** 2 / wanted;
  });
  const degreesOfFreedom = arms - 1;
  const pValue = total === 0 || degreesOfFreedom < 1 ? 1 : 1 - chiSquareCdf(chiSquare, degreesOfFreedom);
  return { chiSquare, degreesOfFreedom, pValue, expected, mismatch: pValue < threshold };
}

/** Before a result is shown: exposed units and converted units per arm. */
export interface MinimumSample {
  exposedPerArm: number;
  conversionsPerArm: number;
}

/**
 * GrowthBook shows no metric below 150 units (DEFAULT_MIN_SAMPLE_SIZE); Intelligems waits for
 * 10 orders per group. Below these, the normal approximation behind every interval here is
 * poor for skewed revenue data, and early noise reads as an effect.
 */
export const DEFAULT_MINIMUM_SAMPLE: MinimumSample = { exposedPerArm: 150, conversionsPerArm: 10 };

export interface ArmProgress {
  exposed: number;
  conversions: number;
}

export interface SampleProgress {
  met: boolean;
  /** Days more at the rate so far until every arm meets the rule; Infinity when an arm has not started; 0 when met. */
  daysToGo: number;
  /** The arm furthest behind and what it lacks (null when met). */
  shortfall: { arm: number; exposed: number; conversions: number } | null;
}

/**
 * Whether the arms meet the minimum sample, and if not, how long until they do at the rates
 * seen so far (each arm's count divided by the days elapsed, exposures and conversions alike).
 */
export function minimumSampleProgress(arms: readonly ArmProgress[], elapsedDays: number, rule: MinimumSample = DEFAULT_MINIMUM_SAMPLE): SampleProgress {
  let daysToGo = 0;
  let shortfall: SampleProgress['shortfall'] = null;
  arms.forEach((arm, index) => {
    const missingExposed = Math.max(0, rule.exposedPerArm - arm.exposed);
    const missingConversions = Math.max(0, rule.conversionsPerArm - arm.conversions);
    if (missingExposed === 0 && missingConversions === 0) return;
    const daysFor = (missing: number, count: number) =>
      missing === 0 ? 0 : count > 0 && elapsedDays > 0 ? missing / (count / elapsedDays) : Number.POSITIVE_INFINITY;
    const days = Math.max(daysFor(missingExposed, arm.exposed), daysFor(missingConversions, arm.conversions));
    if (shortfall === null || days > daysToGo) {
      daysToGo = days;
      shortfall = { arm: index, exposed: missingExposed, conversions: missingConversions };
    }
  });
  return { met: shortfall === null, daysToGo: Number.isFinite(daysToGo) ? Math.ceil(daysToGo) : daysToGo, shortfall };
}

/** Money effects are reported in whole minor units, rounded outwards so the interval never narrows. */
export function moneyEffect(effect: Effect): { estimate: number; interval: [number, number]; minimumDetectableEffect: number } {
  return {
    estimate: Math.round(effect.estimate),
    interval: [Math.floor(effect.interval[0]), Math.ceil(effect.interval[1])],
    minimumDetectableEffect: Math.ceil(effect.minimumDetectableEffect),
  };
}
