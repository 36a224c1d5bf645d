// Jobs on the embedded database (PGlite, one process): the LocalJob table, run in-process.
// Every `pollMs` each task's runner takes its jobs that have come due (the earliest first), up
// to `concurrency` at a time and one per queue (the database has one process, so the runner's
// own bookkeeping keeps a queue's jobs one at a time); a job is deleted once its task has
// finished, unless it was replaced meanwhile. A task that throws is tried again later
// (exponential backoff, as graphile-worker does); after MAX_ATTEMPTS it stays in the table with
// its last error, for an operator to see.
// A process killed mid-job leaves the job in the table: it runs again when the process restarts.
import { sql } from '@cohort/plugin-sdk';
import { query } from '../db/client.js';
import { logger } from '../shared/logger.js';
import { MAX_ATTEMPTS, type JobRunner, type RunOptions, type TaskHandlers } from './options.js';

interface LocalJobRow {
  id: string;
  task: string;
  payload: Record<string, unknown>;
  attempts: number;
  revision: number;
  queue: string | null;
}

/** Runs each task's jobs with workers of its own (a receiver that hangs cannot delay time-driven changes). */
export function runLocalJobs(handlers: TaskHandlers, options: RunOptions): JobRunner {
  const runners = Object.entries(handlers).map(([task, handle]) => runTask(task, handle, options));
  return { stop: async () => void (await Promise.all(runners.map((runner) => runner.stop()))) };
}

function runTask(task: string, handle: TaskHandlers[string], options: RunOptions): JobRunner {
  const running = new Map<string, Promise<void>>();
  const busyQueues = new Set<string>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const runOne = async (job: LocalJobRow) => {
    try {
      await handle(job.payload);
      await query(sql`DELETE FROM "LocalJob" WHERE id = ${job.id}::bigint AND revision = ${job.revision}::int RETURNING id::text`);
    } catch (error) {
      const attempts = job.attempts + 1;
      // exp(attempts) seconds, at most exp(10) (about 6 hours): graphile-worker's schedule.
      const retryAt = new Date(options.clock.now().getTime() + Math.round(Math.exp(Math.min(attempts, 10)) * 1000));
      logger.error(`Job ${job.task} failed (attempt ${attempts} of ${MAX_ATTEMPTS})`, error);
      await query(
        sql`UPDATE "LocalJob" SET attempts = ${attempts}::int, "runAt" = ${retryAt.toISOString()}::timestamp, "lastError" = ${(error as Error).message ?? String(error)} WHERE id = ${job.id}::bigint AND revision = ${job.revision}::int RETURNING id::text`,
      ).catch((failure: unknown) => logger.error(`Could not reschedule job ${job.id}`, failure));
    }
  };

  // One look at a time; a job finishing looks again at once (a backlog drains at full concurrency).
  let looking: Promise<void> | null = null;
  let again = false;
  const tick = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (looking) {
      again = true;
      return looking;
    }
    return (looking = look().finally(() => (looking = null)));
  };
  const look = async (): Promise<void> => {
    clearTimeout(timer);
    try {
      const free = options.concurrency - running.size;
      if (free > 0) {
        // The first due job of each queue that is not running one already.
        const due = await query<LocalJobRow>(sql`
          SELECT position::text AS id, task, payload, attempts, revision, queue FROM (
            SELECT DISTINCT ON (COALESCE(queue, id::text)) id AS position, task, payload, attempts, revision, queue, "runAt" FROM "LocalJob"
            WHERE task = ${task} AND "runAt" <= ${options.clock.now().toISOString()}::timestamp AND attempts < ${MAX_ATTEMPTS}::int AND NOT (id::text = ANY(${[...running.keys()]}::text[]))
              AND (queue IS NULL OR NOT (queue = ANY(${[...busyQueues]}::text[])))
            ORDER BY COALESCE(queue, id::text), "runAt", id) AS firsts
          ORDER BY "runAt", position LIMIT ${free}::int`);
        // Stopped while looking: what was found waits for the next start.
        for (const job of stopped ? [] : due) {
          if (job.queue) busyQueues.add(job.queue);
          const done = runOne(job).finally(() => {
            running.delete(job.id);
            if (job.queue) busyQueues.delete(job.queue);
            if (!stopped) void tick();
          });
          running.set(job.id, done);
        }
      }
    } catch (error) {
      logger.error('Could not look for due jobs; trying again', error);
    }
    if (stopped) return;
    if (again) {
      again = false;
      setImmediate(() => void tick());
    } else timer = setTimeout(() => void tick(), options.pollMs).unref();
  };
  timer = setTimeout(() => void tick(), 0).unref();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await looking;
      await Promise.all(running.values());
    },
  };
}
