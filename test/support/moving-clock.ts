// A server and its jobs on a clock the test moves: the process's Date, frozen at a start and set
// by `moveClock` (graphile-worker, on PostgreSQL, compares due times with Node's own time), as
// main.ts runs the jobs (due-time membership changes, webhook deliveries).
import { vi } from 'vitest';
import { runJobs, type JobRunner } from '../../src/jobs/jobs.js';
import { cohortTasks } from '../../src/jobs/tasks.js';
import { MembershipTracker } from '../../src/segments/tracking.js';
import { systemClock } from '../../src/shared/clock.js';
import { createTestClient, type TestClient } from './http.js';
import { registry } from './registry.js';
import { webhookDelivery } from './runtime.js';

/** Freezes the process's Date at `now`, then starts a test client and the jobs (polling every 100 ms) on it. `stop` ends both. */
export async function serveWithJobsAt(now: Date): Promise<{ client: TestClient; jobs: JobRunner; stop(): Promise<void> }> {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(now);
  const client = await createTestClient({ clock: systemClock });
  const jobs = await runJobs(cohortTasks(new MembershipTracker(registry, systemClock), systemClock, webhookDelivery()), {
    clock: systemClock,
    concurrency: 2,
    pollMs: 100,
  });
  return {
    client,
    jobs,
    async stop() {
      await jobs.stop();
      vi.useRealTimers();
    },
  };
}

/** Moves the frozen clock to `to` (the jobs see it at their next poll). */
export const moveClock = (to: string | Date) => vi.setSystemTime(new Date(to));
