// The statistics' error rates, checked by simulation: thousands of experiments on simulated
// shoppers (seeded, so every run draws the same ones), each reduced to the per-arm sums the
// analysis reads. With 2,000 experiments a 5 % rate is estimated to ±0.5 % (one standard
// error), so the ±1.5 % tolerances are three standard errors wide.
// SIMULATION_REPORT=1 prints the rates measured.
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeHoldout, emptyArmTotals, netRevenueMoments, type HoldoutArmTotals } from '../../src/experiments/analysis.js';
import { compareMeans, sampleRatioMismatch, type ArmMoments, type Comparison, type Effect } from '../../src/experiments/statistics.js';
import { addShoppers, Random, truth, type Shoppers } from './shop-simulation.js';

const EXPERIMENTS = 2_000;
const report = (line: string) => {
  if (process.env.SIMULATION_REPORT) console.info(line);
};

const heldOut: Shoppers = { conversion: 0.08, meanOrderValue: 6_000, valueSpread: 0.8, repeatChance: 0.2, discountRate: 0 };

const excludesZero = (effect: Effect | null | undefined) => !!effect && (effect.interval[0] > 0 || effect.interval[1] < 0);
const covers = (effect: Effect | null | undefined, value: number) => !!effect && effect.interval[0] <= value && value <= effect.interval[1];
const rate = (count: number, of = EXPERIMENTS) => count / of;
const percent = (value: number) => `${(value * 100).toFixed(2)} %`;

describe('A/A experiments (no true effect)', () => {
  // 20 daily looks at 100 new customers per arm a day: 2,000 per arm at the end.
  const days = 20;
  const perArmPerDay = 100;
  const counts = { fixedFinal: 0, conversionFinal: 0, fixedAnyLook: 0, sequentialAnyLook: 0, sequentialFinal: 0 };
  beforeAll(() => {
    const random = new Random(20_260_527);
    for (let experiment = 0; experiment < EXPERIMENTS; experiment += 1) {
      const control = emptyArmTotals();
      const treatment = emptyArmTotals();
      let fixedSignificant = false;
      let sequentialSignificant = false;
      for (let day = 1; day <= days; day += 1) {
        addShoppers(random, heldOut, perArmPerDay, control);
        addShoppers(random, heldOut, perArmPerDay, treatment);
        // Daily looks read only the primary metric (the whole analysis costs more than the shoppers).
        const fixed = compareMeans(netRevenueMoments(control), netRevenueMoments(treatment));
        const sequential = compareMeans(netRevenueMoments(control), netRevenueMoments(treatment), 'mean', {
          sequential: { expectedSampleSize: 2 * days * perArmPerDay },
        });
        if (excludesZero(fixed?.absolute)) fixedSignificant = true;
        if (excludesZero(sequential?.absolute)) sequentialSignificant = true;
        if (day === days) {
          const final = analyzeHoldout({ control, treatment, weights: { control: 1, treatment: 1 }, elapsedDays: day, currency: 'USD' }).metrics;
          if (excludesZero(final.netRevenue?.absolute)) counts.fixedFinal += 1;
          if (excludesZero(final.conversion?.absolute)) counts.conversionFinal += 1;
          if (excludesZero(sequential?.absolute)) counts.sequentialFinal += 1;
        }
      }
      if (fixedSignificant) counts.fixedAnyLook += 1;
      if (sequentialSignificant) counts.sequentialAnyLook += 1;
    }
    report(
      `A/A, ${EXPERIMENTS} experiments, seed 20260527, 2,000 customers per arm: fixed-horizon false positives ${percent(rate(counts.fixedFinal))} (revenue per customer), ${percent(rate(counts.conversionFinal))} (conversion)`,
    );
    report(
      `A/A, 20 daily looks: fixed-horizon peeking ${percent(rate(counts.fixedAnyLook))}, sequential ${percent(rate(counts.sequentialAnyLook))} at any look, ${percent(rate(counts.sequentialFinal))} at the last`,
    );
  });

  it('the fixed-horizon test is wrong 5 % of the time, ±1.5 % (revenue per customer and conversion)', () => {
    expect(Math.abs(rate(counts.fixedFinal) - 0.05)).toBeLessThanOrEqual(0.015);
    expect(Math.abs(rate(counts.conversionFinal) - 0.05)).toBeLessThanOrEqual(0.015);
  });

  it('looking every day inflates the fixed-horizon test (why the sequential one exists)', () => {
    expect(rate(counts.fixedAnyLook)).toBeGreaterThan(0.1);
  });

  it('the sequential intervals stay within 5 % however often they are looked at', () => {
    expect(rate(counts.sequentialAnyLook)).toBeLessThanOrEqual(0.05 + 0.01);
  });
});

describe('A/B experiments with a known effect', () => {
  // The offer raises conversion by 15 % and order value by 5 %, and gives 10 % off.
  const treated: Shoppers = { ...heldOut, conversion: 0.092, meanOrderValue: 6_300, discountRate: 0.1 };
  const perArm = 4_000;
  const c = truth(heldOut);
  const t = truth(treated);
  const targets = {
    netRevenueAbsolute: t.netRevenue - c.netRevenue,
    revenueRelative: t.revenue / c.revenue - 1,
    conversionAbsolute: t.conversion - c.conversion,
    conversionRelative: t.conversion / c.conversion - 1,
    averageOrderValueRelative: t.averageOrderValue / c.averageOrderValue - 1,
    ordersAbsolute: t.ordersPerCustomer - c.ordersPerCustomer,
    discountAbsolute: t.revenue * treated.discountRate,
  };
  const fixedHits = Object.fromEntries(Object.keys(targets).map((key) => [key, 0])) as Record<keyof typeof targets, number>;
  let sequentialHits = 0;
  let totalHits = 0;
  beforeAll(() => {
    const random = new Random(4_242);
    for (let experiment = 0; experiment < EXPERIMENTS; experiment += 1) {
      const control = addShoppers(random, heldOut, perArm, emptyArmTotals());
      const treatment = addShoppers(random, treated, perArm, emptyArmTotals());
      const input = { control, treatment, weights: { control: 1, treatment: 1 }, elapsedDays: 14, currency: 'USD' };
      const result = analyzeHoldout(input);
      const { metrics } = result;
      const estimates: Record<keyof typeof targets, Effect | null | undefined> = {
        netRevenueAbsolute: metrics.netRevenue?.absolute,
        revenueRelative: metrics.revenue?.relative,
        conversionAbsolute: metrics.conversion?.absolute,
        conversionRelative: metrics.conversion?.relative,
        averageOrderValueRelative: metrics.averageOrderValue?.relative,
        ordersAbsolute: metrics.ordersPerCustomer?.absolute,
        discountAbsolute: metrics.discount?.absolute,
      };
      for (const key of Object.keys(targets) as (keyof typeof targets)[]) if (covers(estimates[key], targets[key])) fixedHits[key] += 1;
      const sequential = analyzeHoldout(input, { sequential: { expectedSampleSize: 2 * perArm } });
      if (covers(sequential.metrics.netRevenue?.absolute, targets.netRevenueAbsolute)) sequentialHits += 1;
      const total = result.incrementalNetRevenue;
      if (total && total.interval[0] <= targets.netRevenueAbsolute * perArm && targets.netRevenueAbsolute * perArm <= total.interval[1]) totalHits += 1;
    }
    report(
      `A/B, ${EXPERIMENTS} experiments, seed 4242, ${perArm} customers per arm; coverage of 95 % intervals: ${Object.entries(fixedHits)
        .map(([key, hits]) => `${key} ${percent(rate(hits))}`)
        .join(', ')}; sequential net revenue ${percent(rate(sequentialHits))}; total incremental net revenue ${percent(rate(totalHits))}`,
    );
  });

  it.each(Object.keys(targets) as (keyof typeof targets)[])('%s: the 95 per cent interval covers the true effect at its nominal rate, ±1.5 points', (key) => {
    expect(Math.abs(rate(fixedHits[key]) - 0.95)).toBeLessThanOrEqual(0.015);
  });

  it('the sequential interval covers at least as often (it is wider)', () => {
    expect(rate(sequentialHits)).toBeGreaterThanOrEqual(0.95 - 0.015);
    expect(rate(sequentialHits)).toBeGreaterThanOrEqual(rate(fixedHits.netRevenueAbsolute));
  });

  it('the total incremental net revenue scales the same interval', () => {
    expect(rate(totalHits)).toBeCloseTo(rate(fixedHits.netRevenueAbsolute), 2);
  });
});

describe('CUPED', () => {
  /** Customers whose outcome y shares a component with their pre-period value x (correlation 900 / 1,300 ≈ 0.69 when predictive). */
  function arm(random: Random, n: number, effect: number, predictive: boolean): ArmMoments {
    let sum = 0;
    let sumSquares = 0;
    let covariateSum = 0;
    let covariateSquares = 0;
    let products = 0;
    for (let unit = 0; unit < n; unit += 1) {
      const shared = 30 * random.normal();
      const x = 100 + (predictive ? shared + 20 * random.normal() : 36 * random.normal());
      const y = 100 + effect + shared + 20 * random.normal();
      sum += y;
      sumSquares += y * y;
      covariateSum += x;
      covariateSquares += x * x;
      products += x * y;
    }
    return { n, sum, sumSquares, covariate: { sum: covariateSum, sumSquares: covariateSquares, sumProducts: products } };
  }

  const width = (comparison: Comparison | null) => (comparison ? comparison.absolute.interval[1] - comparison.absolute.interval[0] : Number.NaN);
  const effect = 2;
  const tally = { predictiveRatio: 0, predictiveCovered: 0, plainCovered: 0, relativeCovered: 0, nullRatio: 0, nullWorst: 0, nullCovered: 0 };
  beforeAll(() => {
    const random = new Random(1_301);
    for (let experiment = 0; experiment < EXPERIMENTS; experiment += 1) {
      const control = arm(random, 1_000, 0, true);
      const treatment = arm(random, 1_000, effect, true);
      const adjusted = compareMeans(control, treatment) as Comparison;
      const plain = compareMeans(control, treatment, 'mean', { cuped: false }) as Comparison;
      tally.predictiveRatio += width(adjusted) / width(plain) / EXPERIMENTS;
      if (covers(adjusted.absolute, effect)) tally.predictiveCovered += 1;
      if (covers(plain.absolute, effect)) tally.plainCovered += 1;
      if (covers(adjusted.relative, effect / 100)) tally.relativeCovered += 1;
      const unrelatedControl = arm(random, 1_000, 0, false);
      const unrelatedTreatment = arm(random, 1_000, effect, false);
      const ratio =
        width(compareMeans(unrelatedControl, unrelatedTreatment)) / width(compareMeans(unrelatedControl, unrelatedTreatment, 'mean', { cuped: false }));
      tally.nullRatio += ratio / EXPERIMENTS;
      tally.nullWorst = Math.max(tally.nullWorst, ratio);
      if (covers(compareMeans(unrelatedControl, unrelatedTreatment)?.absolute, effect)) tally.nullCovered += 1;
    }
    report(
      `CUPED, ${EXPERIMENTS} experiments, seed 1301, 1,000 units per arm: predictive covariate (ρ ≈ 0.69) width ratio ${tally.predictiveRatio.toFixed(3)}, coverage ${percent(rate(tally.predictiveCovered))} (relative ${percent(rate(tally.relativeCovered))}, unadjusted ${percent(rate(tally.plainCovered))}); unrelated covariate width ratio ${tally.nullRatio.toFixed(4)} (worst ${tally.nullWorst.toFixed(4)}), coverage ${percent(rate(tally.nullCovered))}`,
    );
  });

  it('narrows the interval when the pre-period predicts the outcome (by about √(1 − ρ²))', () => {
    expect(tally.predictiveRatio).toBeLessThan(0.8);
    expect(tally.predictiveRatio).toBeGreaterThan(0.6);
  });

  it('keeps the nominal coverage, absolute and relative', () => {
    expect(Math.abs(rate(tally.predictiveCovered) - 0.95)).toBeLessThanOrEqual(0.015);
    expect(Math.abs(rate(tally.relativeCovered) - 0.95)).toBeLessThanOrEqual(0.015);
    expect(Math.abs(rate(tally.nullCovered) - 0.95)).toBeLessThanOrEqual(0.015);
  });

  it('does not widen the interval meaningfully when the pre-period says nothing', () => {
    expect(tally.nullRatio).toBeLessThanOrEqual(1.001);
    expect(tally.nullWorst).toBeLessThan(1.01);
  });

  // Sparse purchases (8 % convert in a period) make one period a weak predictor of the next
  // (ρ ≈ 0.07 here), so CUPED gains little on such shops: it must still never widen or bias.
  it('narrows revenue intervals, if only a little, on shoppers whose past spending weakly predicts their future spending', () => {
    const shoppers: Shoppers = { ...heldOut, propensitySpread: 1 };
    const shopRandom = new Random(77);
    let ratio = 0;
    let falsePositives = 0;
    const runs = 400;
    for (let experiment = 0; experiment < runs; experiment += 1) {
      const input = {
        control: addShoppers(shopRandom, shoppers, 3_000, emptyArmTotals(true)),
        treatment: addShoppers(shopRandom, shoppers, 3_000, emptyArmTotals(true)),
        weights: { control: 1, treatment: 1 },
        elapsedDays: 14,
        currency: 'USD',
      };
      const adjusted = analyzeHoldout(input).metrics.netRevenue;
      const plain = analyzeHoldout({
        ...input,
        control: { ...input.control, preExposure: undefined } as HoldoutArmTotals,
        treatment: { ...input.treatment, preExposure: undefined } as HoldoutArmTotals,
      }).metrics.netRevenue;
      ratio += width(adjusted) / width(plain) / runs;
      if (excludesZero(adjusted?.absolute)) falsePositives += 1;
    }
    report(
      `CUPED on simulated shoppers (propensity σ = 1), ${runs} A/A experiments, seed 77, 3,000 per arm: width ratio ${ratio.toFixed(3)}, false positives ${percent(falsePositives / runs)}`,
    );
    expect(ratio).toBeLessThan(1);
    expect(falsePositives / runs).toBeLessThan(0.08);
  });
});

describe('sample ratio mismatch', () => {
  it('fires on a 52/48 split at 20,000 customers', () => {
    expect(sampleRatioMismatch([10_400, 9_600], [1, 1]).mismatch).toBe(true);
  });

  it('does not fire on a fair split (about 1 in 1,000 experiments) and fires on almost every 52/48 one', () => {
    const random = new Random(52_48);
    const alarms = (share: number, runs: number) => {
      let count = 0;
      for (let experiment = 0; experiment < runs; experiment += 1) {
        let first = 0;
        for (let customer = 0; customer < 20_000; customer += 1) if (random.uniform() < share) first += 1;
        if (sampleRatioMismatch([first, 20_000 - first], [1, 1]).mismatch) count += 1;
      }
      return count;
    };
    const fair = alarms(0.5, EXPERIMENTS);
    const skewed = alarms(0.52, 200);
    report(`SRM at 20,000 customers, seed 5248: ${fair} alarms in ${EXPERIMENTS} fair experiments, ${skewed} in 200 at 52/48`);
    expect(fair).toBeLessThanOrEqual(6);
    expect(skewed).toBeGreaterThanOrEqual(198);
  });
});
