// Background jobs: work Cohort does later, added in the transaction that decides it, so that a
// job exists if and only if the change that asked for it committed (a crash loses none).
//
// - `membership.due`: re-evaluate a customer when time alone may change their segments (tracking.ts).
// - `membership.schedule`: after a segment's rule changed, every customer's due times under it (tracking.ts).
// - `webhook.deliver`: one try at delivering a webhook (webhooks/delivery.ts).
//
// Where they run:
// - PostgreSQL: graphile-worker's queue (graphile.ts), shared by every Cohort process on the
//   database: a job runs in one of them, at least once, even when a process is killed mid-job.
// - PGlite (the embedded default, one process): the LocalJob table, run in-process (local.ts).
//
// A job with a key replaces the pending job with that key (a customer has one due time). Jobs
// of one queue run one at a time, across every process (a webhook endpoint's deliveries: an
// endpoint that hangs holds one worker, never all of them): graphile-worker's named queues on
// PostgreSQL, the LocalJob runner's own bookkeeping on PGlite.
// Times are the process clock's (graphile-worker runs with `useNodeTime`).
import { empty, raw, sql, type Sql } from '@cohort/plugin-sdk';
import { database } from '../db/client.js';
import type { QueryRows } from '../db/sql.js';
import { MAX_ATTEMPTS, type JobRunner, type RunOptions, type TaskHandlers } from './options.js';

export type { JobRunner, RunOptions, TaskHandlers } from './options.js';

export interface Job {
  task: string;
  payload: Record<string, unknown>;
  runAt: Date;
  /** At most one pending job per key: adding one replaces it. */
  key?: string | null;
  /** Jobs of the same queue run one at a time, in every process together. */
  queue?: string | null;
}

/** Adds jobs through `read` (the caller's transaction). */
export async function enqueue(read: QueryRows, jobs: Job[]): Promise<void> {
  // One per key, the last one winning, as if added one after the other.
  const unique = [...new Map(jobs.map((job, index) => [job.key ?? `#${index}`, job])).values()];
  if (unique.length === 0) return;
  const columns = sql`unnest(${unique.map((job) => job.task)}::text[], ${unique.map((job) => JSON.stringify(job.payload))}::text[], ${unique.map((job) => job.runAt.toISOString())}::timestamptz[],
    ${unique.map((job) => job.key ?? null)}::text[], ${unique.map((job) => job.queue ?? null)}::text[]) AS j(task, payload, run_at, key, queue)`;
  await read(
    database.target.kind === 'postgres'
      ? // add_jobs: one set-wise insert for the lot (add_job per row costs a function call and its statements each: 100–390 ms for 500 jobs).
        sql`SELECT id::text FROM graphile_worker.add_jobs(ARRAY(
              SELECT ROW(j.task, j.payload::json, j.queue, j.run_at, ${MAX_ATTEMPTS}::smallint, j.key, NULL::smallint, NULL::text[])::graphile_worker.job_spec FROM ${columns}))`
      : sql`INSERT INTO "LocalJob" (task, payload, "runAt", key, queue) SELECT j.task, j.payload::jsonb, j.run_at AT TIME ZONE 'UTC', j.key, j.queue FROM ${columns}
            ON CONFLICT (key) DO UPDATE SET task = excluded.task, payload = excluded.payload, "runAt" = excluded."runAt", queue = excluded.queue, attempts = 0, "lastError" = NULL, revision = "LocalJob".revision + 1
            RETURNING id::text`,
  );
}

/** Removes the pending jobs with these keys, through `read` (the caller's transaction). */
export async function cancel(read: QueryRows, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await read(
    database.target.kind === 'postgres'
      ? sql`SELECT (graphile_worker.remove_job(k)).id::text FROM unnest(${keys}::text[]) AS k`
      : sql`DELETE FROM "LocalJob" WHERE key = ANY(${keys}::text[]) RETURNING id::text`,
  );
}

/** Moves the jobs of `queue` that would run before `until` to `until`, through `read` (the caller's transaction). Returns how many moved. */
export async function postpone(read: QueryRows, queue: string, until: Date): Promise<number> {
  const [moved] = await read<{ count: number }>(
    database.target.kind === 'postgres'
      ? sql`SELECT count(*)::int AS count FROM graphile_worker.reschedule_jobs(
              ARRAY(SELECT id FROM graphile_worker.jobs WHERE queue_name = ${queue} AND locked_at IS NULL AND run_at < ${until.toISOString()}::timestamptz), run_at => ${until.toISOString()}::timestamptz)`
      : sql`WITH moved AS (UPDATE "LocalJob" SET "runAt" = ${until.toISOString()}::timestamp WHERE queue = ${queue} AND "runAt" < ${until.toISOString()}::timestamp RETURNING id) SELECT count(*)::int AS count FROM moved`,
  );
  return moved?.count ?? 0;
}

/**
 * A statement selecting the keys of `task`'s pending jobs that stand for work not done yet:
 * due by `dueBy` (running ones included), or whose payload has the field `marked`; only among
 * `keys` when given. Each half is read by an index on PostgreSQL (graphile.ts adds them to
 * graphile-worker's table), not by a scan of every pending job. A job that failed for good
 * stays pending (graphile-worker keeps it, as LocalJob does).
 */
export function pendingJobKeys(task: string, dueBy: Date, marked: string, keys?: string[]): Sql {
  const among = keys === undefined ? empty : sql` AND j.key = ANY(${keys}::text[])`;
  const field = payloadField(marked);
  if (database.target.kind !== 'postgres')
    return sql`SELECT j.key FROM "LocalJob" AS j WHERE j.task = ${task} AND (j."runAt" <= ${dueBy.toISOString()}::timestamptz AT TIME ZONE 'UTC' OR ${field} IS NOT NULL)${among}`;
  const jobs = pendingJobs(task);
  return sql`SELECT j.key FROM ${jobs} WHERE j.run_at <= ${dueBy.toISOString()}::timestamptz${among}
             UNION ALL SELECT j.key FROM ${jobs} WHERE ${field} IS NOT NULL${among}`;
}

/**
 * Claims up to `limit` of `task`'s jobs due by `dueBy` that nothing runs and whose payload lacks
 * the field `mark.field`: moves them to `until`, sets that field to `mark.value` (so that
 * `pendingJobKeys` still counts them as work not done), and returns their payloads as they were.
 * A handler that does the work of many due jobs in one go takes them this way; the work then
 * replaces them (the same keys), and if it fails or its process dies, they run at `until`.
 */
export async function claimDueJobs(
  read: QueryRows,
  task: string,
  window: { dueBy: Date; until: Date; limit: number },
  mark: { field: string; value: string },
): Promise<Record<string, unknown>[]> {
  const field = payloadField(mark.field);
  const marked = JSON.stringify({ [mark.field]: mark.value });
  const { dueBy, until, limit } = window;
  const rows = await read<{ payload: Record<string, unknown> }>(
    database.target.kind === 'postgres'
      ? // As graphile_worker.reschedule_jobs moves a job, with the mark added to its payload.
        sql`UPDATE graphile_worker._private_jobs AS claimed SET run_at = ${until.toISOString()}::timestamptz, payload = (claimed.payload::jsonb || ${marked}::jsonb)::json, updated_at = now()
            WHERE claimed.id IN (
              SELECT j.id FROM ${pendingJobs(task)} WHERE j.run_at <= ${dueBy.toISOString()}::timestamptz AND j.locked_at IS NULL AND j.attempts < j.max_attempts AND ${field} IS NULL
              ORDER BY j.run_at LIMIT ${limit}::int FOR UPDATE OF j SKIP LOCKED)
            RETURNING (claimed.payload::jsonb - ${mark.field}::text) AS payload`
      : sql`UPDATE "LocalJob" AS claimed SET "runAt" = ${until.toISOString()}::timestamptz AT TIME ZONE 'UTC', payload = claimed.payload || ${marked}::jsonb
            WHERE claimed.id IN (
              SELECT j.id FROM "LocalJob" AS j WHERE j.task = ${task} AND j."runAt" <= ${dueBy.toISOString()}::timestamptz AT TIME ZONE 'UTC' AND j.attempts < ${MAX_ATTEMPTS}::int AND ${field} IS NULL
              ORDER BY j."runAt" LIMIT ${limit}::int FOR UPDATE SKIP LOCKED)
            RETURNING (claimed.payload - ${mark.field}::text) AS payload`,
  );
  return rows.map((row) => row.payload);
}

/** A scalar subquery: the payload field `marked` of `task`'s pending job whose key is `key` (an SQL expression), or null (no such job, or no such field). */
export function pendingJobField(task: string, key: Sql, marked: string): Sql {
  const field = payloadField(marked);
  return database.target.kind === 'postgres'
    ? sql`(SELECT ${field} FROM ${pendingJobs(task)} WHERE j.key = ${key})`
    : sql`(SELECT ${field} FROM "LocalJob" AS j WHERE j.task = ${task} AND j.key = ${key})`;
}

const pendingJobs = (task: string) =>
  sql`graphile_worker._private_jobs AS j JOIN graphile_worker._private_tasks AS t ON t.id = j.task_id AND t.identifier = ${task}`;

// A literal, so that the planner matches the partial index on it.
function payloadField(marked: string): Sql {
  if (!/^[a-z]+$/.test(marked)) throw new Error(`Not a payload field name: ${marked}`);
  return raw(`(j.payload->>'${marked}')`);
}

/** Runs the tasks' jobs in this process until stopped: on graphile-worker on PostgreSQL, from LocalJob on PGlite. */
export async function runJobs(handlers: TaskHandlers, options: RunOptions): Promise<JobRunner> {
  if (database.target.kind === 'postgres') {
    const { runGraphileWorker } = await import('./graphile.js');
    return runGraphileWorker(database.target.url, handlers, options);
  }
  const { runLocalJobs } = await import('./local.js');
  return runLocalJobs(handlers, options);
}
