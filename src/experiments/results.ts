// An experiment's results as of a moment: the arms' totals (totals.ts, one statement), the
// redemptions of the promotion by each arm (one more), the analysis (analysis.ts) and the
// verdict in words (verdict.ts). Read when asked for (the API) and by the periodic check.
import { sql } from '@cohort/plugin-sdk';
import { query } from '../db/client.js';
import type { Experiment } from '../generated/prisma/client.js';
import { analyzeHoldout, emptyArmTotals, type HoldoutArmTotals, type HoldoutResult } from './analysis.js';
import { designOf, HOLDOUT_ARM, TREATMENT_ARM } from './experiments.js';
import { loadTotals } from './totals.js';
import { verdictOf, type Verdict } from './verdict.js';

const DAY_MS = 86_400_000;

/** Days after each customer's first exposure during which their orders count, unless the caller says otherwise. */
export const DEFAULT_WINDOW_DAYS = 14;

export interface ArmResult {
  key: string;
  heldOut: boolean;
  totals: HoldoutArmTotals;
  /** Customers of the arm who redeemed the promotion after their exposure (none for the held-out arm, if the holdout holds). */
  redeemers: number;
  /** What the promotion gave, or would have given, at the arm's first exposures (minor units). */
  exposureDiscount: number;
}

export interface ExperimentResults {
  asOf: Date;
  windowDays: number;
  currency: string;
  arms: ArmResult[];
  analysis: HoldoutResult;
  verdict: Verdict;
}

/**
 * The results of `experiment` (of a promotion in `currency`) at `asOf`, its stop at the latest:
 * orders within `windowDays` of each customer's first exposure count. Sequential
 * (always-valid) intervals tuned at the experiment's expected sample size, since results are
 * looked at every day. Two statements.
 */
export async function experimentResults(
  experiment: Experiment,
  currency: string,
  asOf: Date,
  windowDays = DEFAULT_WINDOW_DAYS,
  locale = 'en-US',
): Promise<ExperimentResults> {
  const until = experiment.stoppedAt && experiment.stoppedAt < asOf ? experiment.stoppedAt : asOf;
  const design = designOf(experiment);
  const [totals, redemptions] = await Promise.all([
    loadTotals(query, { experimentId: experiment.id, currency, asOf: until, windowDays }),
    query<{ arm: string; redeemers: number; exposure_discount: number }>(sql`
      SELECT a.arm, count(DISTINCT r."customerId") FILTER (WHERE r.id IS NOT NULL)::int AS redeemers,
             (SELECT coalesce(sum(b."discountAmount"), 0)::float8 FROM "ExperimentAssignment" b
               WHERE b."experimentId" = a."experimentId" AND b.arm = a.arm AND b."exposedAt" < ${until.toISOString()}::timestamp) AS exposure_discount
        FROM "ExperimentAssignment" a
        LEFT JOIN "Redemption" r ON r."customerId" = a."customerId" AND r."promotionId" = ${experiment.promotionId}::text
         AND r.status <> 'ROLLED_BACK' AND r."redeemedAt" >= a."exposedAt" AND r."redeemedAt" < ${until.toISOString()}::timestamp
       WHERE a."experimentId" = ${experiment.id}::text AND a."exposedAt" < ${until.toISOString()}::timestamp
       GROUP BY a."experimentId", a.arm`),
  ]);
  const redeemed = new Map(redemptions.map((row) => [row.arm, row]));
  const arms = design.arms.map((arm): ArmResult => ({
    key: arm.key,
    heldOut: arm.key === HOLDOUT_ARM,
    totals: totals.arms.get(arm.key) ?? emptyArmTotals(),
    redeemers: redeemed.get(arm.key)?.redeemers ?? 0,
    exposureDiscount: redeemed.get(arm.key)?.exposure_discount ?? 0,
  }));
  const weight = (key: string) => design.arms.find((arm) => arm.key === key)?.weight ?? 0;
  const started = totals.firstExposure ?? experiment.startedAt ?? until;
  const analysis = analyzeHoldout(
    {
      control: totals.arms.get(HOLDOUT_ARM) ?? emptyArmTotals(),
      treatment: totals.arms.get(TREATMENT_ARM) ?? emptyArmTotals(),
      weights: { control: weight(HOLDOUT_ARM), treatment: weight(TREATMENT_ARM) },
      elapsedDays: Math.max(0, (until.getTime() - started.getTime()) / DAY_MS),
      currency,
    },
    { sequential: { expectedSampleSize: experiment.expectedSampleSize } },
  );
  return { asOf: until, windowDays, currency, arms, analysis, verdict: verdictOf(analysis, locale) };
}
