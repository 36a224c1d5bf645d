// What both job runners share (jobs.ts says where jobs run).
import type { Clock } from '../shared/clock.js';

/** What a task does with a job's payload; throwing makes the queue try again later (exponential backoff, MAX_ATTEMPTS tries). */
export type TaskHandlers = Record<string, (payload: Record<string, unknown>) => Promise<void>>;

export const MAX_ATTEMPTS = 25;

export interface JobRunner {
  /** Stops taking jobs; resolves when the jobs in progress have finished. */
  stop(): Promise<void>;
}

export interface RunOptions {
  clock: Clock;
  /** Jobs run at once in this process (COHORT_JOB_CONCURRENCY). */
  concurrency: number;
  /** How often to look for jobs that have come due (COHORT_JOB_POLL_MS). */
  pollMs: number;
  /** PostgreSQL: how often to look for jobs locked by a process that is gone (COHORT_JOB_SWEEP_MS); 5 s when not given. */
  sweepMs?: number;
}
