// The statistics against published reference numbers: GrowthBook's own test cases for its
// stats engine (packages/stats/tests/frequentist/test_tests.py, which round to 5 decimals),
// and textbook values of the chi-square distribution. The simulations that check the error
// rates are in simulation.test.ts.
import { describe, expect, it } from 'vitest';
import {
  compareMeans,
  compareRatios,
  differenceMoments,
  minimumSampleProgress,
  moneyEffect,
  sampleRatioMismatch,
  sequentialHalfWidth,
  type ArmMoments,
  type Comparison,
  type Effect,
} from '../../src/experiments/statistics.js';

/** GrowthBook's expected values are rounded to 5 decimals. */
function expectRounded(actual: number, expected: number) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(5.01e-6);
}

function expectEffect(effect: Effect | null | undefined, expected: { estimate: number; standardError: number; interval: [number, number]; pValue?: number }) {
  expect(effect).toBeTruthy();
  const actual = effect as Effect;
  expectRounded(actual.estimate, expected.estimate);
  expectRounded(actual.standardError, expected.standardError);
  expectRounded(actual.interval[0], expected.interval[0]);
  expectRounded(actual.interval[1], expected.interval[1]);
  if (expected.pValue !== undefined) expectRounded(actual.pValue, expected.pValue);
}

const meanA: ArmMoments = { n: 3407, sum: 1396.87, sumSquares: 52377.9767 };
const meanB: ArmMoments = { n: 3461, sum: 2422.7, sumSquares: 134698.29 };

describe("GrowthBook's reference cases", () => {
  it('Welch t-test, relative lift by the delta method (test_two_sided_ttest)', () => {
    const result = compareMeans(meanA, meanB) as Comparison;
    expect(result.method).toBe('fixed');
    expectEffect(result.relative, { estimate: 0.70732, standardError: 0.37879, interval: [-0.03526, 1.44989], pValue: 0.06191 });
  });

  it('Welch t-test, absolute difference (test_two_sided_ttest_absolute)', () => {
    const result = compareMeans(meanA, meanB) as Comparison;
    expectEffect(result.absolute, { estimate: 0.29, standardError: 0.12478, interval: [0.04538, 0.53462], pValue: 0.02016 });
  });

  it('proportions, variance p(1 − p) (test_two_sided_ttest_binom)', () => {
    const result = compareMeans({ n: 28, sum: 14, sumSquares: 14 }, { n: 30, sum: 16, sumSquares: 16 }, 'proportion') as Comparison;
    expectEffect(result.relative, { estimate: 0.06667, standardError: 0.2717, interval: [-0.47767, 0.61101], pValue: 0.80707 });
  });

  it('the absolute standard error with unequal arms (test_one_sided_ttest_absolute)', () => {
    const result = compareMeans({ ...meanA, n: 3000 }, meanB) as Comparison;
    expect(result.absolute.estimate).toBeCloseTo(0.23437666666666668, 12);
    expect(result.absolute.standardError).toBeCloseTo(0.12983081254184736, 12);
    expect((result.relative as Effect).standardError).toBeCloseTo(0.3334122146400735, 12);
  });

  it('sequential interval with N* = 1,000 (test_sequential_test_runs)', () => {
    const result = compareMeans({ ...meanA, n: 3000 }, meanB, 'mean', { sequential: { expectedSampleSize: 1000 } }) as Comparison;
    expect(result.method).toBe('sequential');
    expectEffect(result.relative, { estimate: 0.50336, standardError: 0.33341, interval: [-0.55844, 1.56516], pValue: 1 });
  });

  it('sequential interval on proportions with the default N* = 5,000 (test_sequential_test_runs_prop)', () => {
    const result = compareMeans({ n: 3000, sum: 1396, sumSquares: 1396 }, { n: 3461, sum: 2422, sumSquares: 2422 }, 'proportion', {
      sequential: { expectedSampleSize: 5000 },
    }) as Comparison;
    expectEffect(result.relative, { estimate: 0.50386, standardError: 0.03386, interval: [0.40098, 0.60675], pValue: 0 });
  });

  it('sequential interval with CUPED (test_sequential_test_runs_ra)', () => {
    const control: ArmMoments = { n: 3000, sum: 1396.87, sumSquares: 52377.9767, covariate: { sum: 16.87, sumSquares: 527.9767, sumProducts: 1 } };
    const treatment: ArmMoments = { n: 3461, sum: 2422.7, sumSquares: 134698.29, covariate: { sum: 22.7, sumSquares: 1348.29, sumProducts: 1 } };
    const result = compareMeans(control, treatment, 'mean', { sequential: { expectedSampleSize: 5000 } }) as Comparison;
    expect(result.cuped).not.toBeNull();
    expectEffect(result.relative, { estimate: 0.50338, standardError: 0.33341, interval: [-0.50969, 1.51646], pValue: 1 });
  });

  it('the sequential interval is narrowest near N* (test_sequential_test_tuning_as_expected)', () => {
    const width = (expectedSampleSize: number) => sequentialHalfWidth(1, 6461, 0.05, expectedSampleSize);
    expect(width(6461)).toBeLessThan(width(10_000));
    expect(width(10_000)).toBeLessThan(width(10));
  });
});

describe('sample ratio mismatch', () => {
  it('gives the textbook chi-square: 5,200 against 4,800 planned 50/50 is χ² = 16, p = 6.334e-5', () => {
    const check = sampleRatioMismatch([5200, 4800], [1, 1]);
    expect(check.chiSquare).toBe(16);
    expect(check.degreesOfFreedom).toBe(1);
    expect(check.pValue).toBeCloseTo(6.334248e-5, 9);
    expect(check.mismatch).toBe(true);
  });

  it('uses the planned weights: 1,020 held out of 10,000 at a 10 % holdout is fine', () => {
    const check = sampleRatioMismatch([1020, 8980], [1000, 9000]);
    expect(check.expected).toEqual([1000, 9000]);
    expect(check.pValue).toBeGreaterThan(0.4);
    expect(check.mismatch).toBe(false);
  });

  it('handles three arms (χ² with 2 degrees of freedom: p = e^(−χ²/2))', () => {
    const check = sampleRatioMismatch([110, 100, 90], [1, 1, 1]);
    expect(check.chiSquare).toBeCloseTo(2, 12);
    expect(check.pValue).toBeCloseTo(Math.exp(-1), 12);
  });
});

describe('ratio metrics (average order value)', () => {
  it('is the ratio of sums, and equals the mean comparison when every customer has one order', () => {
    const control = { n: 4, numerator: { sum: 100, sumSquares: 3000 }, denominator: { sum: 4, sumSquares: 4 }, sumProducts: 100 };
    const treatment = { n: 5, numerator: { sum: 150, sumSquares: 5000 }, denominator: { sum: 5, sumSquares: 5 }, sumProducts: 150 };
    const ratio = compareRatios(control, treatment) as Comparison;
    const means = compareMeans({ n: 4, sum: 100, sumSquares: 3000 }, { n: 5, sum: 150, sumSquares: 5000 }) as Comparison;
    expect(ratio.control.mean).toBe(25);
    expect(ratio.absolute.estimate).toBeCloseTo(means.absolute.estimate, 12);
    expect(ratio.absolute.standardError).toBeCloseTo(means.absolute.standardError, 12);
  });

  it('has no result without orders in an arm', () => {
    expect(
      compareRatios(
        { n: 10, numerator: { sum: 0, sumSquares: 0 }, denominator: { sum: 0, sumSquares: 0 }, sumProducts: 0 },
        { n: 10, numerator: { sum: 5, sumSquares: 25 }, denominator: { sum: 1, sumSquares: 1 }, sumProducts: 5 },
      ),
    ).toBeNull();
  });
});

describe('building blocks', () => {
  it('derives the moments of revenue net of discount from Σ revenue × discount', () => {
    const revenue = [1000, 0, 2500, 400];
    const discount = [100, 0, 250, 0];
    const sums = (values: number[]) => ({ sum: values.reduce((a, b) => a + b, 0), sumSquares: values.reduce((a, b) => a + b * b, 0) });
    const net = revenue.map((value, index) => value - (discount[index] as number));
    expect(
      differenceMoments(
        { n: 4, ...sums(revenue) },
        sums(discount),
        revenue.reduce((total, value, index) => total + value * (discount[index] as number), 0),
      ),
    ).toEqual({ n: 4, ...sums(net) });
  });

  it('rounds money intervals outwards to whole minor units', () => {
    expect(
      moneyEffect({ estimate: 210.4, standardError: 86, interval: [40.7, 379.2], pValue: 0.01, degreesOfFreedom: 1000, minimumDetectableEffect: 240.1 }),
    ).toEqual({ estimate: 210, interval: [40, 380], minimumDetectableEffect: 241 });
  });

  it('gives no comparison below two units an arm or without variation', () => {
    expect(compareMeans({ n: 1, sum: 5, sumSquares: 25 }, meanB)).toBeNull();
    expect(compareMeans({ n: 10, sum: 0, sumSquares: 0 }, { n: 10, sum: 0, sumSquares: 0 })).toBeNull();
  });

  it('has no relative effect when the control mean is 0', () => {
    const result = compareMeans({ n: 10, sum: 0, sumSquares: 0 }, { n: 10, sum: 3, sumSquares: 3 }, 'proportion') as Comparison;
    expect(result.absolute.estimate).toBeCloseTo(0.3, 12);
    expect(result.relative).toBeNull();
  });

  it('counts the days to the minimum sample at the rate so far', () => {
    // 3 days: the held-out arm has 60 exposed (20 a day) and 3 conversions (1 a day): 7 more days for the conversions.
    const progress = minimumSampleProgress(
      [
        { exposed: 60, conversions: 3 },
        { exposed: 540, conversions: 30 },
      ],
      3,
      { exposedPerArm: 150, conversionsPerArm: 10 },
    );
    expect(progress).toEqual({ met: false, daysToGo: 7, shortfall: { arm: 0, exposed: 90, conversions: 7 } });
    expect(
      minimumSampleProgress(
        [
          { exposed: 0, conversions: 0 },
          { exposed: 10, conversions: 0 },
        ],
        1,
      ).daysToGo,
    ).toBe(Number.POSITIVE_INFINITY);
    expect(
      minimumSampleProgress(
        [
          { exposed: 150, conversions: 10 },
          { exposed: 200, conversions: 12 },
        ],
        5,
      ),
    ).toEqual({ met: true, daysToGo: 0, shortfall: null });
  });
});
