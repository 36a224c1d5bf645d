// The database connection: a Prisma client with lean queries on the same driver, on PostgreSQL
// or on the embedded PGlite (`openDatabase`, chosen by `DATABASE_URL`: see config.ts).
//
// Importing this module opens nothing. The composition root (main.ts, the test setup, a
// script, a benchmark) opens the process's database and binds it (`bindDatabase`); the
// exports `database`, `prisma`, `query` and `stream` are that bound database's, and say so
// plainly when none was bound.
import { mkdirSync, readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { DatabaseTarget } from '../config.js';
import { PrismaClient, type Prisma } from '../generated/prisma/client.js';
import pg from 'pg';
import { DataFolderInUseError, lockDataFolder } from './data-folder-lock.js';
import { isUnavailable } from './errors.js';
import { guardPool } from './connections.js';
import { pgliteQuery, pgliteStream, poolQuery, poolStream, type QueryRows, type StreamRows } from './sql.js';

export interface Database {
  prisma: PrismaClient;
  /** The driver adapter factory, also used by the migration runner. */
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  /** Lean read queries on the same connections, for the hot path (see sql.ts). */
  query: QueryRows;
  /** One statement's rows in batches, for downloads (see sql.ts). */
  stream: StreamRows;
  /**
   * A transaction whose statements go through `run`'s lean query on one connection: on
   * PostgreSQL a pooled connection with BEGIN and COMMIT (a few times cheaper than Prisma's
   * interactive transactions, for short ones on a busy path), on PGlite Prisma's.
   */
  transaction<T>(run: (query: QueryRows) => Promise<T>): Promise<T>;
  /**
   * An adapter for applying migrations, and its closing. Prisma's schema engine holds a
   * session-level advisory lock while it migrates and releases it with a later statement: on
   * the shared pool those two may run on different connections, and the lock would stay with
   * an idle connection, keeping every other instance from starting. On PostgreSQL this is a
   * pool of one connection of its own, closed after (which releases anything it held).
   */
  migrationAdapter(): { adapterFactory: SqlMigrationAwareDriverAdapterFactory; close(): Promise<void> };
  target: DatabaseTarget;
  /** PostgreSQL's connection pool, now (for /metrics); null on PGlite. */
  poolStats(): { total: number; idle: number; waiting: number } | null;
  close(): Promise<void>;
}

/** How a database is opened: the pool's size and wait (DATABASE_POOL_SIZE, DATABASE_POOL_TIMEOUT_MS), and whether Prisma emits an event per query (tests count queries with it). */
export interface DatabaseOptions {
  poolSize?: number;
  poolTimeoutMs?: number;
  queryEvents?: boolean;
}

export function openDatabase(target: DatabaseTarget, options: DatabaseOptions = {}): Database {
  const log = options.queryEvents ? [{ emit: 'event' as const, level: 'query' as const }] : [];
  if (target.kind === 'postgres') {
    // A bounded wait for a connection: under a burst a request answers BUSY (db/errors.ts) instead of queueing without end.
    // Named in pg_stat_activity as "cohort", so a DBA (and the benchmarks) can tell its backends apart.
    const pool = guardPool(
      new pg.Pool({
        connectionString: target.url,
        application_name: 'cohort',
        max: options.poolSize ?? 10,
        connectionTimeoutMillis: options.poolTimeoutMs ?? 5_000,
      }),
      'request',
    );
    const database = assemble(target, log, new PrismaPg(pool), poolQuery(pool), poolStream(pool), async () => {
      if (!pool.ended) await pool.end();
    });
    const transaction = async <T>(run: (query: QueryRows) => Promise<T>): Promise<T> => {
      const client = await pool.connect();
      let lost: unknown;
      try {
        await client.query('BEGIN');
        const result = await run(poolQuery(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        // A connection the database ended is not given back to the pool, and needs no ROLLBACK.
        if (isUnavailable(error)) lost = error;
        else await client.query('ROLLBACK').catch((failure: unknown) => (lost = failure));
        throw error;
      } finally {
        client.release(lost instanceof Error ? lost : lost === undefined ? undefined : new Error('connection lost'));
      }
    };
    const migrationAdapter = () => {
      const own = guardPool(new pg.Pool({ connectionString: target.url, application_name: 'cohort-migrate', max: 1 }), 'migration');
      return { adapterFactory: new PrismaPg(own), close: () => own.end() };
    };
    return { ...database, transaction, migrationAdapter, poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }) };
  }
  if (target.dataDir) mkdirSync(target.dataDir, { recursive: true });
  const release = target.dataDir ? lockDataFolder(target.dataDir) : () => undefined;
  const pglite = target.loadFrom ? new PGlite({ loadDataDir: new Blob([readFileSync(target.loadFrom)]) }) : new PGlite(target.dataDir ?? undefined);
  return assemble(target, log, new PrismaPGlite(pglite), pgliteQuery(pglite), pgliteStream(pglite), async () => {
    await pglite.close();
    release();
  });
}

/** A Prisma client on the driver's adapter, with lean queries on the same driver; closing closes both. */
function assemble(
  target: DatabaseTarget,
  log: { emit: 'event'; level: 'query' }[],
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  query: QueryRows,
  stream: StreamRows,
  closeDriver: () => Promise<void>,
): Database {
  const prisma = new PrismaClient({ adapter: adapterFactory, log });
  return {
    prisma,
    adapterFactory,
    query,
    stream,
    transaction: (run) => prisma.$transaction((tx) => run(queryIn(tx))),
    // PGlite is one connection: the lock is taken and released on it.
    migrationAdapter: () => ({ adapterFactory, close: async () => undefined }),
    target,
    poolStats: () => null,
    close: async () => {
      await prisma.$disconnect();
      await closeDriver();
    },
  };
}

let bound: (() => Database) | null = null;

/** Makes `database` (and `prisma`, `query`, `stream`) this one, or the one `open` opens when first used: the composition root's call (runtime.ts). */
export function bindDatabase(opened: Database | (() => Database)): void {
  bound = typeof opened === 'function' ? opened : () => opened;
}

/** The bound database; a module that reads before the root opened one is told so. */
function boundDatabase(): Database {
  if (!bound)
    throw new Error('No database is open: the composition root (main.ts, the test setup, a script) opens the runtime (runtime.ts: openRuntime) first');
  return bound();
}

/** A view of the bound database's `part`: its methods called on it, its fields read from it, whenever it is used (never at import). */
function forwarding<T extends object>(part: (database: Database) => T): T {
  return new Proxy({} as T, {
    get: (_, key) => {
      const target = part(boundDatabase());
      const value = Reflect.get(target, key) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
    has: (_, key) => Reflect.has(part(boundDatabase()), key),
  });
}

/** The process's database, as the composition root bound it. */
export const database: Database = forwarding((opened) => opened);

/** Lean queries through a Prisma interactive transaction's connection: `queryIn(tx)(sql\`…\`)`. */
export const queryIn =
  (tx: Prisma.TransactionClient): QueryRows =>
  <Row extends object>(statement: { text: string; values: readonly unknown[] }) =>
    tx.$queryRawUnsafe<Row[]>(statement.text, ...statement.values);

/** A process that cannot have the embedded database says why and stops: nothing else it could do would work. */
export function openOrExit(target: DatabaseTarget, options?: DatabaseOptions): Database {
  try {
    return openDatabase(target, options);
  } catch (error) {
    if (!(error instanceof DataFolderInUseError)) throw error;
    console.error(error.message);
    process.exit(3);
  }
}
/** The process-wide Prisma client. */
export const prisma: PrismaClient = forwarding((opened) => opened.prisma);
/** Lean read queries (the hot path): `query(sql\`SELECT …\`)`. */
export const query: QueryRows = (statement) => boundDatabase().query(statement);
/** One query's rows in batches, for downloads: see StreamRows in sql.ts. */
export const stream: StreamRows = (page, batch) => boundDatabase().stream(page, batch);
