// A promotion's experiment (a holdout): the admin's writes (create, start, stop), and what the
// storefront needs of it: the design of a running one (carried with the live promotions), a
// customer's place in it (their stored arm, else the hash's), the stored arms read beside the
// shopper, and the exposures written at first sight. The results are in results.ts.
import { sql, type Sql } from '@cohort/plugin-sdk';
import { v7 as uuidv7 } from 'uuid';
import { prisma, query } from '../db/client.js';
import { SHOPPER_ID } from '../facts/loaders.js';
import type { Experiment } from '../generated/prisma/client.js';
import { changeBus } from '../shared/change-bus.js';
import { logger } from '../shared/logger.js';
import { uniqueViolation } from '../db/errors.js';
import { ConflictError, NotFoundError } from '../shared/errors.js';
import { BUCKETS, experimentDesignSchema, stickyAssignment, type ExperimentDesign } from './assignment.js';

/** The held-out arm's key: its customers are answered as if the promotion did not exist. */
export const HOLDOUT_ARM = 'holdout';
/** The treated arm's key: its customers get the promotion as everyone did before. */
export const TREATMENT_ARM = 'treatment';

/** A running experiment, as the live promotions carry it. */
export interface RunningExperiment {
  id: string;
  design: ExperimentDesign;
}

/** Started and not stopped. */
export function isRunning(experiment: Pick<Experiment, 'startedAt' | 'stoppedAt'>): boolean {
  return experiment.startedAt !== null && experiment.stoppedAt === null;
}

/** The stored design of an experiment (validated when it was created). */
export function designOf(experiment: Pick<Experiment, 'salt' | 'coverage' | 'arms'>): ExperimentDesign {
  return experimentDesignSchema.parse({ salt: experiment.salt, coverage: experiment.coverage, arms: experiment.arms });
}

/** The experiment the live promotions carry for a promotion: its design while it runs, null otherwise. */
export function runningExperiment(experiment: Experiment): RunningExperiment | null {
  return isRunning(experiment) ? { id: experiment.id, design: designOf(experiment) } : null;
}

/** Where a known customer stands in a promotion's running experiment. */
export interface Placement {
  experimentId: string;
  arm: string;
  /** In the held-out arm: the promotion does not exist for them. */
  heldOut: boolean;
  /** Their arm was stored at an earlier exposure (nothing to write). */
  stored: boolean;
}

/**
 * The customer's place: the stored arm wins, otherwise the hash's (outside the coverage: null,
 * the promotion as usual and nothing recorded). Pure.
 */
export function placementOf(experiment: RunningExperiment, customerId: string, storedArm: string | undefined): Placement | null {
  const { arm, stored } = stickyAssignment(experiment.design, customerId, storedArm);
  return arm === null ? null : { experimentId: experiment.id, arm, heldOut: arm === HOLDOUT_ARM, stored };
}

/**
 * The shopper's stored arms in the given experiments, as a JSON object { experimentId: arm }:
 * an extra column of the statement that reads the shopper (facts/loaders.ts readShopper), so
 * a running experiment costs the cart page no statement of its own.
 */
export function storedArmsSql(experimentIds: string[]): Sql {
  return sql`(SELECT coalesce(json_object_agg(a."experimentId", a.arm), '{}'::json) FROM "ExperimentAssignment" a WHERE a."customerId" = ${SHOPPER_ID} AND a."experimentId" = ANY(${experimentIds}::text[]))`;
}

/** A first exposure: the arm the customer got and the discount they got, or would have got. */
export interface Exposure {
  experimentId: string;
  customerId: string;
  arm: string;
  /** Minor units of the promotion's currency. */
  discountAmount: number;
}

/**
 * Stores first exposures in one statement. A concurrent request that stored the same customer
 * first wins (ON CONFLICT DO NOTHING); it stored the same arm, since a running experiment's
 * design cannot change (no mutation edits it: `moveExperiment` only starts and stops), so the
 * answer already given holds.
 *
 * Never fails the shopper's answer: the arm was decided by the hash, which a stored row only
 * repeats, so when the write fails (the database read-only or away, the customer erased
 * meanwhile) the answer stands, the failure is logged, and the customer is stored at their
 * next evaluation, in the same arm.
 */
export async function recordExposures(exposures: Exposure[], at: Date): Promise<void> {
  if (exposures.length === 0) return;
  try {
    await query(sql`
      INSERT INTO "ExperimentAssignment" ("experimentId", "customerId", arm, "exposedAt", "discountAmount")
      SELECT e.experiment_id, e.customer_id, e.arm, ${at.toISOString()}::timestamp, e.discount
        FROM unnest(${exposures.map((exposure) => exposure.experimentId)}::text[], ${exposures.map((exposure) => exposure.customerId)}::text[],
                    ${exposures.map((exposure) => exposure.arm)}::text[], ${exposures.map((exposure) => exposure.discountAmount)}::int[])
             AS e(experiment_id, customer_id, arm, discount)
      ON CONFLICT DO NOTHING`);
  } catch (error) {
    logger.warn(`Could not store ${exposures.length} first exposure(s) to experiments; the answer stands and they are stored at the next evaluation`, error);
  }
}

export interface NewExperiment {
  promotionId: string;
  /** Basis points of the experiment's customers held out (5,000: half). */
  holdoutBasisPoints: number;
  /** Basis points of the promotion's eligible customers who enter the experiment (10,000: all). */
  coverageBasisPoints: number;
  /** Customers (both arms) at which a decision is expected: tunes the always-valid intervals. */
  expectedSampleSize: number;
}

/** The two arms of a holdout, held-out first. */
export function holdoutArms(holdoutBasisPoints: number): ExperimentDesign['arms'] {
  return [
    { key: HOLDOUT_ARM, weight: holdoutBasisPoints },
    { key: TREATMENT_ARM, weight: BUCKETS - holdoutBasisPoints },
  ];
}

const ALREADY_MEASURED = 'This promotion already has an experiment: a promotion is measured by one experiment over its life';

/** A promotion's experiment, not started yet; its salt is its id. A promotion has one experiment. */
export async function createExperiment(input: NewExperiment, promotionPath: string[]): Promise<Experiment> {
  const promotion = await prisma.promotion.findUnique({ where: { id: input.promotionId }, select: { id: true, experiment: { select: { id: true } } } });
  if (!promotion) throw new NotFoundError('Promotion', input.promotionId, promotionPath);
  if (promotion.experiment) throw new ConflictError(ALREADY_MEASURED);
  const id = uuidv7();
  const design = experimentDesignSchema.parse({ salt: id, coverage: input.coverageBasisPoints, arms: holdoutArms(input.holdoutBasisPoints) });
  try {
    return await prisma.experiment.create({
      data: {
        id,
        promotionId: input.promotionId,
        salt: design.salt,
        coverage: design.coverage,
        arms: design.arms,
        expectedSampleSize: input.expectedSampleSize,
      },
    });
  } catch (error) {
    // Another request created this promotion's experiment meanwhile.
    if (uniqueViolation(error)) throw new ConflictError(ALREADY_MEASURED);
    throw error;
  }
}

/**
 * Starts or stops an experiment. Each happens once: a design never changes while customers are
 * being stored in it (so a stored arm is always the hash's), and a stopped experiment stays
 * stopped (its results stay what they were). The live promotions are read afresh, here and,
 * through the catalogue version's trigger, in every other process.
 */
export async function moveExperiment(id: string, to: 'start' | 'stop', now: Date, path: string[]): Promise<Experiment> {
  const experiment = await prisma.experiment.findUnique({ where: { id }, include: { promotion: { select: { status: true } } } });
  if (!experiment) throw new NotFoundError('Experiment', id, path);
  if (to === 'start' && experiment.startedAt !== null) throw new ConflictError('The experiment has already been started');
  // Archiving a promotion stops its experiment (promotions.ts): one that never started does not start over a retired promotion.
  if (to === 'start' && experiment.promotion.status === 'ARCHIVED') throw new ConflictError('The promotion is archived: its experiment cannot start');
  if (to === 'stop' && !isRunning(experiment))
    throw new ConflictError(experiment.startedAt === null ? 'The experiment has not been started' : 'The experiment has already been stopped');
  const data = to === 'start' ? { startedAt: now } : { stoppedAt: now };
  // Conditional on the state read, so two concurrent calls cannot both succeed.
  const moved = await prisma.experiment.updateMany({ where: { id, startedAt: experiment.startedAt, stoppedAt: null }, data });
  if (moved.count === 0) throw new ConflictError('The experiment changed meanwhile: read it again');
  await changeBus().announce('livePromotions', null);
  const { promotion: _promotion, ...stored } = experiment;
  return { ...stored, ...data };
}
