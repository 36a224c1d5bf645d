// A holdout's result in one sentence, for the console and for webhooks: what a merchant should
// conclude today. The checks come in the order their failures matter: a broken split makes
// every number meaningless, too little data makes them noise, and only then does the interval
// say whether the offer paid for its discount.
import { formatMoney } from '@cohort/plugin-sdk';
import type { HoldoutResult } from './analysis.js';
import { moneyEffect, type Comparison } from './statistics.js';

export type VerdictKind = 'sample-ratio-mismatch' | 'not-enough-data' | 'positive-effect' | 'negative-effect' | 'no-detectable-effect' | 'no-variation';

export interface Verdict {
  /** For code (webhooks: experiment.srm_detected on `sample-ratio-mismatch`, experiment.significant on the two effects). */
  kind: VerdictKind;
  /** For people. */
  sentence: string;
}

function pValueText(pValue: number): string {
  return pValue < 0.0001 ? 'p < 0.0001' : `p = ${pValue.toPrecision(2)}`;
}

function intervalName(comparison: Comparison): string {
  const level = `${Math.round((1 - comparison.alpha) * 100)} %`;
  return comparison.method === 'sequential' ? `${level} always-valid interval` : `${level} interval`;
}

/** The verdict on the primary metric, revenue net of discount per exposed customer. */
export function verdictOf(result: HoldoutResult, locale = 'en-US'): Verdict {
  const count = (value: number) => value.toLocaleString(locale);
  const money = (amount: number) => formatMoney({ amount, currency: result.currency }, locale);

  const { sampleRatio } = result;
  if (sampleRatio.mismatch) {
    const [heldOut, treated] = sampleRatio.expected.map((value) => count(Math.round(value)));
    return {
      kind: 'sample-ratio-mismatch',
      sentence:
        `sample ratio mismatch: ${count(result.exposed.treatment)} customers were treated and ${count(result.exposed.control)} held out where about ${treated} and ${heldOut} were expected (${pValueText(sampleRatio.pValue)}); ` +
        'the split or the exposure recording is broken, so no effect is reported until the cause is found',
    };
  }

  const { sample } = result;
  if (!sample.met && sample.shortfall) {
    const arm = sample.shortfall.arm === 0 ? 'held-out' : 'treated';
    const lacking: string[] = [];
    if (sample.shortfall.exposed > 0) lacking.push(`${count(sample.shortfall.exposed)} more exposed customers`);
    if (sample.shortfall.conversions > 0) lacking.push(`${count(sample.shortfall.conversions)} more customers who order`);
    const when = Number.isFinite(sample.daysToGo)
      ? `about ${count(sample.daysToGo)} more ${sample.daysToGo === 1 ? 'day' : 'days'} at the current rate`
      : 'no date can be estimated until it has some';
    return { kind: 'not-enough-data', sentence: `not enough data yet: the ${arm} group needs ${lacking.join(' and ')}; ${when}` };
  }

  const comparison = result.metrics.netRevenue;
  if (!comparison) return { kind: 'no-variation', sentence: 'no result: revenue net of discount does not vary between customers yet' };
  const effect = moneyEffect(comparison.absolute);
  const interval = `${intervalName(comparison)} ${money(effect.interval[0])} to ${money(effect.interval[1])}`;
  const total = result.incrementalNetRevenue;
  const overall = total ? `; ${money(total.estimate)} over the ${count(result.exposed.treatment)} treated customers so far` : '';
  if (comparison.absolute.interval[0] > 0) {
    return {
      kind: 'positive-effect',
      sentence: `the offer added ${money(effect.estimate)} of revenue per exposed customer, net of discount, ${interval}${overall}`,
    };
  }
  if (comparison.absolute.interval[1] < 0) {
    return {
      kind: 'negative-effect',
      sentence: `the offer lost ${money(-effect.estimate)} of revenue per exposed customer, net of discount, ${interval}${overall}`,
    };
  }
  return {
    kind: 'no-detectable-effect',
    sentence:
      `no detectable effect: revenue per exposed customer, net of discount, changed by ${money(effect.estimate)} (${interval}); ` +
      `at this sample only an effect of about ${money(effect.minimumDetectableEffect)} or more would be found (${Math.round(comparison.power * 100)} % of the time)`,
  };
}
