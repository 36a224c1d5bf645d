// The verdict a merchant reads, for each situation a holdout can be in.
import { describe, expect, it } from 'vitest';
import { analyzeHoldout, type HoldoutArmTotals, type HoldoutInput } from '../../src/experiments/analysis.js';
import { verdictOf } from '../../src/experiments/verdict.js';

/**
 * An arm whose customers' net revenue has the given mean and standard deviation (minor units),
 * the discount being a fixed share of each customer's revenue before discount.
 */
function arm(exposed: number, conversions: number, netMean: number, netSd: number, discountShare = 0): HoldoutArmTotals {
  const netSum = netMean * exposed;
  const netSquares = (exposed - 1) * netSd * netSd + (netSum * netSum) / exposed;
  const gross = 1 / (1 - discountShare);
  const revenue = { sum: netSum * gross, sumSquares: netSquares * gross * gross };
  return {
    exposed,
    conversions,
    orders: { sum: conversions, sumSquares: conversions },
    revenue,
    discount: { sum: revenue.sum * discountShare, sumSquares: revenue.sumSquares * discountShare * discountShare },
    revenueDiscountProducts: revenue.sumSquares * discountShare,
    revenueOrderProducts: revenue.sum,
  };
}

const input = (control: HoldoutArmTotals, treatment: HoldoutArmTotals, weights = { control: 1, treatment: 1 }, elapsedDays = 14): HoldoutInput => ({
  control,
  treatment,
  weights,
  elapsedDays,
  currency: 'USD',
});

describe('the verdict on a holdout', () => {
  it('says how much net revenue the offer added, with its interval and the total so far', () => {
    // Net means $5.00 and $7.50, sd $15.00, 5,000 a side: +$2.50 ± 1.96 × $0.30.
    const result = analyzeHoldout(input(arm(5_000, 400, 500, 1_500), arm(5_000, 460, 750, 1_500, 0.0625)));
    expect(result.metrics.netRevenue?.absolute.estimate).toBeCloseTo(250, 9);
    expect(result.metrics.discount?.absolute.estimate).toBeCloseTo(50, 9);
    expect(verdictOf(result)).toEqual({
      kind: 'positive-effect',
      sentence:
        'the offer added $2.50 of revenue per exposed customer, net of discount, 95 % interval $1.91 to $3.09; $12,500.00 over the 5,000 treated customers so far',
    });
  });

  it('says when the offer lost money', () => {
    const result = analyzeHoldout(input(arm(5_000, 400, 500, 1_500), arm(5_000, 380, 400, 1_500, 0.2)));
    expect(verdictOf(result)).toEqual({
      kind: 'negative-effect',
      sentence:
        'the offer lost $1.00 of revenue per exposed customer, net of discount, 95 % interval -$1.59 to -$0.41; -$5,000.00 over the 5,000 treated customers so far',
    });
  });

  it('says when no effect is detectable, and how large an effect the sample could find', () => {
    const result = analyzeHoldout(input(arm(5_000, 400, 500, 1_500), arm(5_000, 405, 510, 1_500, 0.1)));
    // MDE at 80 % power: (1.96 + 0.84) × $0.30 = $0.8405, rounded up to a whole cent.
    expect(verdictOf(result)).toEqual({
      kind: 'no-detectable-effect',
      sentence:
        'no detectable effect: revenue per exposed customer, net of discount, changed by $0.10 (95 % interval -$0.49 to $0.69); at this sample only an effect of about $0.85 or more would be found (80 % of the time)',
    });
  });

  it('names the always-valid interval of a sequential analysis', () => {
    const result = analyzeHoldout(input(arm(5_000, 400, 500, 1_500), arm(5_000, 460, 750, 1_500)), { sequential: { expectedSampleSize: 10_000 } });
    expect(verdictOf(result).sentence).toMatch(
      /^the offer added \$2\.50 of revenue per exposed customer, net of discount, 95 % always-valid interval \$1\.\d\d to \$3\.\d\d;/,
    );
  });

  it('reports a sample ratio mismatch before anything else', () => {
    const result = analyzeHoldout(input(arm(5_200, 400, 500, 1_500), arm(4_800, 460, 750, 1_500)));
    expect(verdictOf(result)).toEqual({
      kind: 'sample-ratio-mismatch',
      sentence:
        'sample ratio mismatch: 4,800 customers were treated and 5,200 held out where about 5,000 and 5,000 were expected (p < 0.0001); the split or the exposure recording is broken, so no effect is reported until the cause is found',
    });
  });

  it('says how long until there is enough data, at the current rate', () => {
    // A 10 % holdout after 3 days: 60 held out (20 a day) of whom 3 ordered (1 a day).
    const result = analyzeHoldout(input(arm(60, 3, 500, 1_500), arm(540, 30, 750, 1_500), { control: 1_000, treatment: 9_000 }, 3));
    expect(verdictOf(result)).toEqual({
      kind: 'not-enough-data',
      sentence: 'not enough data yet: the held-out group needs 90 more exposed customers and 7 more customers who order; about 7 more days at the current rate',
    });
  });

  it('says no date can be given before an arm has any exposure', () => {
    const result = analyzeHoldout(input(arm(0, 0, 0, 0), arm(3, 0, 0, 0), { control: 1, treatment: 1_000_000 }, 1));
    expect(verdictOf(result)).toEqual({
      kind: 'not-enough-data',
      sentence:
        'not enough data yet: the held-out group needs 150 more exposed customers and 10 more customers who order; no date can be estimated until it has some',
    });
  });

  it('formats money in the report currency and locale', () => {
    const result = analyzeHoldout({ ...input(arm(5_000, 400, 500, 1_500), arm(5_000, 460, 750, 1_500)), currency: 'EUR' });
    expect(verdictOf(result, 'de-DE').sentence).toMatch(/added 2,50\s€ .* 12\.500,00\s€ over the 5\.000 treated/);
    const yen = analyzeHoldout({ ...input(arm(5_000, 400, 500, 1_500), arm(5_000, 460, 750, 1_500)), currency: 'JPY' });
    expect(verdictOf(yen).sentence).toContain('¥250 of revenue per exposed customer');
  });
});
