// Scheduled reconciliation of recorded segment memberships, every COHORT_RECONCILE_MINUTES: it
// corrects anything ingestion missed (a crash between an ingestion's commit and its tracking,
// data written outside the API, a window that moved). At start, in the background, it only
// starts recording the dynamic segments not recorded yet (created before recording existed, or
// not yet recorded under their rule: `recordedRule`, set by the pass that recording queues):
// a full comparison costs about what counting every segment's members costs, too much to add
// to every start of every instance (with 0 minutes, the one full run is at start). With
// several instances each runs it; segment locks keep their writes apart, and the second finds
// nothing to correct. Stopping waits for the segment in progress.
import { logger } from '../shared/logger.js';
import { repeat, type Repeating } from '../shared/repeat.js';
import type { MembershipTracker } from './tracking.js';

export function scheduleReconciliation(tracker: MembershipTracker, everyMinutes: number): Repeating {
  let runs = 0;
  return repeat('reconcile segment memberships', everyMinutes * 60_000, async (stopping) => {
    const started = performance.now();
    runs += 1;
    const unrecordedOnly = runs === 1 && everyMinutes > 0;
    const result = await tracker.reconcile(stopping, { unrecordedOnly });
    const took = Math.round(performance.now() - started);
    if (unrecordedOnly)
      logger.info(
        `Segment memberships: ${result.segments} dynamic segments not recorded yet, recorded in ${took} ms; the first full reconciliation in ${everyMinutes} minutes`,
      );
    else logger.info(`Segment memberships reconciled in ${took} ms: ${result.segments} dynamic segments, ${result.corrected} corrected`);
  });
}
