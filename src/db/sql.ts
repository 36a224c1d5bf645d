// Read queries for the storefront's hot path, sent straight to the driver that Prisma's
// adapter uses (the same pg pool, or the same PGlite instance), without the ORM's per-query
// planning and result mapping: about a quarter of the CPU of a Prisma query. Statements are
// built with the `sql` tagged template, so values are always bound as parameters.
//
// Values come back as: text, booleans and int4 as such; int8 as numbers; `timestamp` and
// `date` columns as Dates in UTC (how Prisma stores DateTime); json and jsonb parsed.
// Select arrays and enums as json or text (`to_json(c.tags)`, `o.status::text`).
import type { PGlite } from '@electric-sql/pglite';
import { valueParsers, type Statement } from '@cohort/plugin-sdk';
import pg from 'pg';
import Cursor from 'pg-cursor';
import { SpanKind, traced } from '../shared/tracing.js';

/** A statement with $1, $2… placeholders and its values: what the SDK's `sql` tag gives. */
export type SqlStatement = Statement;

export type QueryRows = <Row extends object>(statement: SqlStatement) => Promise<Row[]>;

/**
 * Rows of one query in batches, read as the consumer asks for them (flat memory however many
 * rows). `page` builds the query: its rows in ascending `id` order, after `after` when given,
 * at most `limit` when given. Stopping early (`return()` on the iterator) frees what it holds.
 */
export type StreamRows = <Row extends { id: string }>(
  page: (after: string | null, limit: number | null) => SqlStatement,
  batch: number,
) => AsyncGenerator<Row[]>;

/** How values come back (the contract the SDK documents for plugins' reads). */
const parsers = valueParsers as Record<number, (value: string) => unknown>;

const listeners = new Set<(text: string) => void>();

/** Calls `listener` with each statement sent (tests count statements with it). Returns a function that stops it. */
export function onQuery(listener: (text: string) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function announce(text: string) {
  for (const listener of listeners) listener(text);
}

/**
 * On PostgreSQL each statement is prepared once per connection under a name derived from its
 * text, then only bound and executed: PostgreSQL plans it once, not on every request (planning
 * was half of the shopper statement's time). Statement texts come from code, never from
 * input, so their number is bounded.
 */
/** Lean queries on the pool (a connection per statement), or on one connection (a transaction's). */
export function poolQuery(pool: Pick<pg.Pool, 'query'> | pg.PoolClient): QueryRows {
  const types = { getTypeParser: (oid: number) => parsers[oid] ?? pg.types.getTypeParser(oid, 'text') } as pg.CustomTypesConfig;
  const names = new Map<string, string>();
  return async <Row extends object>(statement: SqlStatement) => {
    const text = statement.text;
    announce(text);
    let name = names.get(text);
    if (name === undefined) names.set(text, (name = `cohort_${names.size}_${hash(text)}`));
    const result = await traced(
      'db.query',
      { 'db.system': 'postgresql', 'db.statement': text },
      () => (pool as pg.Pool).query({ name, text, values: statement.values as unknown[], types }),
      SpanKind.CLIENT,
    );
    return result.rows as Row[];
  };
}

/**
 * On PostgreSQL one statement runs once, through a cursor on a connection of its own for the
 * duration (pg-cursor: a portal read `batch` rows at a time), so PostgreSQL never plans or
 * filters the same rows twice.
 */
export function poolStream(pool: pg.Pool): StreamRows {
  const types = { getTypeParser: (oid: number) => parsers[oid] ?? pg.types.getTypeParser(oid, 'text') } as pg.CustomTypesConfig;
  return async function* <Row extends { id: string }>(page: (after: string | null, limit: number | null) => SqlStatement, batch: number) {
    const statement = page(null, null);
    announce(statement.text);
    const client = await pool.connect();
    let failure: Error | undefined;
    const cursor = client.query(new Cursor<Row>(statement.text, statement.values as unknown[], { types }));
    try {
      for (;;) {
        const rows = await cursor.read(batch);
        if (rows.length === 0) return;
        yield rows;
      }
    } catch (error) {
      failure = error as Error;
      throw error;
    } finally {
      if (!failure) await cursor.close().catch((error: Error) => (failure = error));
      // A connection whose cursor failed is not given back to others: it is closed.
      client.release(failure);
    }
  };
}

/** FNV-1a, 32 bits, as hex: tells statements apart in pg_prepared_statements. */
function hash(text: string): string {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) value = Math.imul(value ^ text.charCodeAt(index), 0x01000193);
  return (value >>> 0).toString(16);
}

export function pgliteQuery(pglite: PGlite): QueryRows {
  return async <Row extends object>(statement: SqlStatement) => {
    announce(statement.text);
    const result = await traced(
      'db.query',
      { 'db.system': 'postgresql', 'db.statement': statement.text },
      () => pglite.query<Row>(statement.text, statement.values as unknown[], { parsers }),
      SpanKind.CLIENT,
    );
    return result.rows;
  };
}

/**
 * PGlite is one connection that every request shares, so a cursor would hold it for the whole
 * download: the query runs page by page instead, each page after the last id sent (built by
 * `page`, so that the keyset bound and the limit apply before anything else is computed).
 */
export function pgliteStream(pglite: PGlite): StreamRows {
  return async function* <Row extends { id: string }>(page: (after: string | null, limit: number | null) => SqlStatement, batch: number) {
    let after: string | null = null;
    for (;;) {
      const statement = page(after, batch);
      announce(statement.text);
      const { rows }: { rows: Row[] } = await pglite.query<Row>(statement.text, statement.values as unknown[], { parsers });
      if (rows.length > 0) yield rows;
      if (rows.length < batch) return;
      after = (rows[rows.length - 1] as Row).id;
    }
  };
}
