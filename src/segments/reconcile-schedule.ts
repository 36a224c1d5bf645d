// Scheduled reconciliation of recorded segment memberships: in the background at start, then
// every COHORT_RECONCILE_MINUTES. It starts recording dynamic segments that are not recorded
// yet (created before recording existed) and corrects anything ingestion missed (a crash
// between an ingestion's commit and its tracking, data written outside the API, a window that
// moved). With several instances each runs it; segment locks keep their writes apart, and the
// second finds nothing to correct.
import { logger } from '../shared/logger.js';
import type { MembershipTracker } from './tracking.js';

export interface Reconciliation {
  /** Stops the schedule; resolves when the run in progress, if any, has finished. */
  stop(): Promise<void>;
}

export function scheduleReconciliation(tracker: MembershipTracker, everyMinutes: number): Reconciliation {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    const started = performance.now();
    try {
      const result = await tracker.reconcile(() => stopped);
      logger.info(`Segment memberships reconciled in ${Math.round(performance.now() - started)} ms: ${result.segments} dynamic segments, ${result.corrected} corrected`);
    } catch (error) {
      logger.error('Could not reconcile segment memberships; trying again at the next run', error);
    }
    if (!stopped && everyMinutes > 0) timer = setTimeout(() => void (running = tick()), everyMinutes * 60_000).unref();
  };
  timer = setTimeout(() => void (running = tick()), 0).unref();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
      return running;
    },
  };
}
