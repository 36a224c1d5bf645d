// Time-driven membership changes: every COHORT_TIME_CHANGES_POLL_MS (default 1000) the process
// re-evaluates the customers whose due time has passed (MembershipDue, written when they were
// last evaluated), so that a customer leaves "spent more than $300 in the last 365 days" within
// about a second of the moment their order leaves the window, without a batch. Several
// instances share the due customers (SKIP LOCKED).
import { logger } from '../shared/logger.js';
import type { MembershipTracker } from './tracking.js';

export interface TimeChanges {
  /** Stops the schedule; resolves when the run in progress, if any, has finished. */
  stop(): Promise<void>;
}

export function scheduleTimeChanges(tracker: MembershipTracker, everyMs: number): TimeChanges {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    try {
      // A full batch means more may be due: go on at once.
      while (!stopped && (await tracker.processDue()) === 200);
    } catch (error) {
      logger.error('Could not process the customers due for time-driven segment changes; trying again', error);
    }
    if (!stopped) timer = setTimeout(() => void (running = tick()), everyMs).unref();
  };
  timer = setTimeout(() => void (running = tick()), everyMs).unref();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
      return running;
    },
  };
}
