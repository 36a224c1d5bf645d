// Scheduled RFM refresh (and the retention baseline with it): at start, then every COHORT_RFM_REFRESH_MINUTES. Each instance runs
// the timer; under the refresh lock, an instance finding thresholds newer than the interval
// (another instance just computed them) leaves them be. With 0 minutes, thresholds are
// computed at start when there are none, then only when an admin asks.
import { prisma } from '../db/client.js';
import type { Clock } from '../shared/clock.js';
import { logger } from '../shared/logger.js';
import { repeat, type Repeating } from '../shared/repeat.js';
import { refreshRetentionBaseline } from '../retention/baseline.js';
import { REFRESH_TRANSACTION, refreshRfmThresholds } from './refresh.js';

export function scheduleRfmRefresh(everyMinutes: number, clock: Clock): Repeating {
  return repeat('compute the RFM thresholds', everyMinutes * 60_000, async () => {
    const now = clock.now();
    const started = performance.now();
    const refreshed = await prisma.$transaction(async (tx) => {
      const thresholds = await refreshRfmThresholds(tx, now, { onlyIfOlderThan: new Date(everyMinutes === 0 ? 0 : now.getTime() - everyMinutes * 60_000) });
      // The retention baseline (the shop's median interval between orders) is refreshed with them, under their lock, and at first start.
      if (thresholds || !(await tx.retentionBaseline.findUnique({ where: { id: 1 }, select: { id: true } }))) await refreshRetentionBaseline(tx, now);
      return thresholds;
    }, REFRESH_TRANSACTION);
    if (refreshed)
      logger.info(
        `RFM thresholds computed in ${Math.round(performance.now() - started)} ms: ${refreshed.map((entry) => `${entry.currency} over ${entry.customers} customers`).join(', ') || 'no ordering customers yet'}`,
      );
  });
}
