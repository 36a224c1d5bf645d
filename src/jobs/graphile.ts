// Jobs on PostgreSQL: graphile-worker. Chosen over pg-boss because a job is added by a SQL
// function (`graphile_worker.add_job`) in the caller's own transaction, with keyed jobs that
// replace the pending one (a customer's single due time), LISTEN/NOTIFY for jobs due now and
// SKIP LOCKED for several processes; pg-boss's current major needs Node 22.
//
// One thing it does not do: a job locked by a process killed mid-job (kill -9, OOM) stays
// locked for 4 hours. Jobs are locked in the name of the process's worker pool, so each
// process holds a session advisory lock on its pool's id, on a connection of its own; any
// process that finds jobs locked by a pool whose lock it can take knows that pool's process is
// gone (its connection closed), and unlocks its jobs with `force_unlock_workers`, so that they
// run again at once (at least once). A lease connection that fails is replaced and its locks
// taken again; a worker pool that shuts itself down after a database error is replaced.
//
// Named queues (a webhook endpoint's deliveries) run one job at a time across every process:
// graphile-worker locks the queue with the job, in the name of the same worker pool, and
// `force_unlock_workers` frees both; a job that throws frees its queue and waits for its retry
// behind the others. A live pool that holds a job it is not running (a result lost to a
// database error) would hold its queue for 4 hours: such a pool is replaced, which releases it.
import { EventEmitter } from 'node:events';
import { Logger, run, runMigrations, type LogLevel, type Runner, type TaskList, type WorkerEvents } from 'graphile-worker';
import pg from 'pg';
import { guardClient, guardPool } from '../db/connections.js';
import { logger } from '../shared/logger.js';
import { repeat } from '../shared/repeat.js';
import { MAX_ATTEMPTS, type JobRunner, type RunOptions, type TaskHandlers } from './options.js';

/** Advisory-lock namespace of worker leases and of the migration lock (the first key of pg_advisory_lock(int, int)). */
const ADVISORY_NAMESPACE = 724_100;
/** How old a job's lock must be before its worker is checked: a worker takes its lease lock just after it starts. */
const SWEEP_GRACE_MS = 2_000;
/** How long a job that ended may stay locked while its completion is written (graphile-worker retries it through short outages). */
const COMPLETION_GRACE_MS = 30_000;

const graphileLogger = new Logger(() => (level: LogLevel, message: string) => {
  if (level === 'error') logger.error(`graphile-worker: ${message}`);
  else if (level === 'warning') logger.warn(`graphile-worker: ${message}`);
  else logger.debug(`graphile-worker: ${message}`);
});

/**
 * Creates or updates graphile-worker's schema (graphile_worker), then hands it any jobs left in
 * LocalJob (due times kept by the migration that replaced MembershipDue, or a database that
 * came from the embedded one). Safe to run from several processes at once.
 */
export async function migrateGraphileWorker(connectionString: string): Promise<void> {
  const client = guardClient(new pg.Client({ connectionString, application_name: 'cohort-migrate' }), 'migration');
  await client.connect();
  try {
    // One process at a time (instances starting together on a new database); the lock goes with the connection.
    await client.query(`SELECT pg_advisory_lock(${ADVISORY_NAMESPACE}, hashtext('graphile-worker migrations'))`);
    await runMigrations({ connectionString, logger: graphileLogger });
    // pendingJobKeys (jobs.ts) asks which jobs are due by an instant, or are a write's promise or a retry (their payload names
    // a cause), on every admin read of a segment's members: by these indexes, not a scan of every pending due time.
    // graphile-worker's own indexes lead with the priority and skip locked jobs.
    await client.query('CREATE INDEX IF NOT EXISTS cohort_jobs_run_at ON graphile_worker._private_jobs (run_at)');
    await client.query(`CREATE INDEX IF NOT EXISTS cohort_jobs_with_cause ON graphile_worker._private_jobs (id) WHERE (payload->>'cause') IS NOT NULL`);
    await client.query('BEGIN');
    await client.query(`
      WITH moved AS (DELETE FROM "LocalJob" RETURNING task, payload, key, queue, "runAt")
      SELECT graphile_worker.add_job(task, payload::json, queue_name => queue, run_at => "runAt" AT TIME ZONE 'UTC', job_key => key, max_attempts => ${MAX_ATTEMPTS}) FROM moved`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

export async function runGraphileWorker(connectionString: string, handlers: TaskHandlers, options: RunOptions): Promise<JobRunner> {
  const tasks = Object.entries(handlers);
  // Each kind of job has workers of its own (a receiver that hangs cannot delay time-driven changes); each pool also LISTENs on one connection.
  // Every client has a handler, also while no runner is there to add graphile-worker's.
  const pool = guardPool(new pg.Pool({ connectionString, application_name: 'cohort-jobs', max: tasks.length * (options.concurrency + 1) + 2 }), 'job');
  let stopped = false;
  const lease = new Lease(connectionString, () => stopped);
  await lease.open();

  const runners = new Map<string, { runner: Runner; watch: PoolWatch }>();
  const startTask = async (task: string, handle: TaskHandlers[string]): Promise<void> => {
    const taskList: TaskList = { [task]: (payload: unknown) => handle(payload as Record<string, unknown>) };
    // Events of its own: which pool is whose, and which jobs it runs.
    const events: WorkerEvents = new EventEmitter() as WorkerEvents;
    const watch = new PoolWatch(events, lease);
    const runner = await run({
      pgPool: pool,
      taskList,
      concurrency: options.concurrency,
      pollInterval: options.pollMs,
      noHandleSignals: true,
      useNodeTime: true,
      logger: graphileLogger,
      events,
    });
    runners.set(task, { runner, watch });
    // A pool that shut itself down (after a database error), or that was stopped for holding jobs it does not run, is replaced, unless this process is stopping.
    void runner.promise
      .then(
        () => null,
        (error: unknown) => error,
      )
      .then((error) => {
        if (stopped || runners.get(task)?.runner !== runner) return;
        runners.delete(task);
        logger.error(`The ${task} job workers stopped; starting them again in 1 s`, error ?? undefined);
        setTimeout(
          () => void startTask(task, handle).catch((failure: unknown) => logger.error(`Could not start the ${task} job workers again`, failure)),
          1_000,
        ).unref();
      });
  };
  for (const [task, handle] of tasks) await startTask(task, handle);
  await lease.ready();

  const sweeps = repeat('look for the jobs of stopped processes', options.sweepMs ?? 5_000, async () => {
    const lockedBefore = new Date(Date.now() - SWEEP_GRACE_MS);
    const dead = await deadWorkers(pool, lockedBefore);
    if (dead.length > 0) {
      await pool.query('SELECT graphile_worker.force_unlock_workers($1::text[])', [dead]);
      logger.warn(`Unlocked the jobs of ${dead.length} job worker pool(s) whose process is gone; they will run again`);
    }
    // This process's own pools, alive, may hold jobs they lost track of: replacing such a pool
    // (its running jobs finish first) frees its lease, and the next sweep unlocks what it held.
    for (const [task, { runner, watch }] of runners) {
      const { rows } = await pool.query<{ id: string }>('SELECT id::text FROM graphile_worker.jobs WHERE locked_by = ANY($1::text[]) AND locked_at < $2', [
        [...watch.pools],
        lockedBefore,
      ]);
      const lost = watch.notRunning(rows.map((row) => row.id));
      if (lost.length === 0) continue;
      logger.warn(
        `The ${task} job workers hold ${lost.length} job(s) locked that they are not running (a result lost to a database error), and with them their queues: replacing the workers to release them`,
      );
      await runner.stop();
    }
  });

  return {
    async stop() {
      stopped = true;
      await sweeps.stop();
      await Promise.all(
        [...runners.values()].map(({ runner }) => runner.stop().catch((error: unknown) => logger.warn('Job workers did not stop cleanly', error))),
      );
      await lease.close();
      await pool.end();
    },
  };
}

/**
 * One task's worker pool, as its events tell: its id (leased while it lives) and the jobs it runs.
 * A job it fetched but never got the answer for, or whose completion (or failure) could not be
 * written during a database outage, stays locked by the live pool, and a named queue with it,
 * for graphile-worker's 4 hours: an endpoint's deliveries would all wait that long.
 */
class PoolWatch {
  readonly pools = new Set<string>();
  /** Job id → when its run ended (its completion is being written), or null while it runs. */
  private readonly jobs = new Map<string, number | null>();

  constructor(events: WorkerEvents, lease: Lease) {
    events.on('pool:create', ({ workerPool }) => {
      this.pools.add(workerPool.id);
      lease.hold(workerPool.id);
    });
    events.on('pool:release', ({ workerPool }) => {
      this.pools.delete(workerPool.id);
      lease.release(workerPool.id);
    });
    events.on('job:start', ({ job }) => this.jobs.set(job.id, null));
    events.on('job:complete', ({ job }) => this.jobs.set(job.id, Date.now()));
  }

  /** Of the jobs the database says this pool holds, those it is not running and did not finish lately (a completion is given that long to be written). */
  notRunning(locked: string[]): string[] {
    const now = Date.now();
    for (const [id, ended] of this.jobs) if (ended !== null && now - ended > COMPLETION_GRACE_MS * 2) this.jobs.delete(id);
    return locked.filter((id) => {
      const ended = this.jobs.get(id);
      return ended === undefined || (ended !== null && now - ended > COMPLETION_GRACE_MS);
    });
  }
}

/**
 * The advisory locks that say this process's worker pools are alive, on a connection of their
 * own. If it fails, the locks are taken again on a new one (meanwhile another process may take
 * this one's jobs for abandoned and run them again: at least once).
 */
class Lease {
  private client: pg.Client | null = null;
  private readonly ids = new Set<string>();
  private pending: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly connectionString: string,
    private readonly stopping: () => boolean,
  ) {}

  async open(): Promise<void> {
    const client: pg.Client = guardClient(
      new pg.Client({ connectionString: this.connectionString, application_name: 'cohort-jobs-lease' }),
      'job lease',
      (error) => this.lost(client, error),
    );
    await client.connect();
    for (const id of this.ids) await lock(client, id);
    this.client = client;
  }

  hold(id: string): void {
    this.ids.add(id);
    this.pending = this.pending.then(() => this.client && lock(this.client, id)).catch((error: unknown) => logger.error('Could not take a job lease', error));
  }

  release(id: string): void {
    this.ids.delete(id);
    this.pending = this.pending.then(() => this.client?.query('SELECT pg_advisory_unlock($1, hashtext($2))', [ADVISORY_NAMESPACE, id])).catch(() => undefined);
  }

  ready(): Promise<unknown> {
    return this.pending;
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private lost(client: pg.Client, error: Error): void {
    if (this.client !== client) return;
    this.client = null;
    void client.end().catch(() => undefined);
    if (this.stopping()) return;
    logger.error('The job lease connection failed; taking the leases again on a new one', error);
    void (async () => {
      while (!this.stopping() && !this.client) {
        try {
          await this.open();
        } catch (failure) {
          logger.error('Could not open a job lease connection; trying again in 2 s', failure);
          await new Promise((resolve) => setTimeout(resolve, 2_000));
        }
      }
    })();
  }
}

const lock = (client: pg.Client, id: string) => client.query('SELECT pg_advisory_lock($1, hashtext($2))', [ADVISORY_NAMESPACE, id]);

/** Worker pools holding job locks taken before `lockedBefore` whose lease lock is free: their process is gone. */
async function deadWorkers(pool: pg.Pool, lockedBefore: Date): Promise<string[]> {
  const { rows } = await pool.query<{ worker: string }>(
    'SELECT DISTINCT locked_by AS worker FROM graphile_worker.jobs WHERE locked_by IS NOT NULL AND locked_at < $1',
    [lockedBefore],
  );
  if (rows.length === 0) return [];
  const client = await pool.connect();
  try {
    const dead: string[] = [];
    for (const { worker } of rows) {
      const { rows: taken } = await client.query<{ free: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS free', [ADVISORY_NAMESPACE, worker]);
      if (taken[0]?.free) {
        dead.push(worker);
        await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [ADVISORY_NAMESPACE, worker]);
      }
    }
    return dead;
  } finally {
    client.release();
  }
}
