// Contention, told apart from failure: waiting for a connection, a transaction or a row lock
// longer than allowed, or losing a deadlock. Such errors mean "try again shortly", never
// "something is broken", so the server answers them with code BUSY and a retry-after instead
// of masking them (see server/yoga.ts).
import { GraphQLError } from 'graphql';

/** PostgreSQL codes of contention: lock not available (lock_timeout), deadlock, serialization, statement timeout. */
const BUSY_SQLSTATES = new Set(['55P03', '40P01', '40001', '57014']);
/** Prisma's: transaction not started or expired in time, connection pool timeout, write conflict or deadlock. */
const BUSY_PRISMA_CODES = new Set(['P2028', 'P2024', 'P2034']);

export function isBusy(error: unknown): boolean {
  for (let cause = error as { code?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: string } } }; message?: unknown; cause?: unknown } | undefined, depth = 0; cause && depth < 5; cause = cause.cause as typeof cause, depth += 1) {
    if (typeof cause.code === 'string' && (BUSY_PRISMA_CODES.has(cause.code) || BUSY_SQLSTATES.has(cause.code))) return true;
    const sqlState = cause.meta?.driverAdapterError?.cause?.originalCode;
    if (sqlState && BUSY_SQLSTATES.has(sqlState)) return true;
    // node-postgres' pool, when no connection frees up within connectionTimeoutMillis.
    if (cause.message === 'timeout exceeded when trying to connect') return true;
  }
  return false;
}

/** Seconds a client should wait before retrying a BUSY request. */
export const RETRY_AFTER_SECONDS = 1;

export function busyError(): GraphQLError {
  return new GraphQLError(`The database is busy with other requests: retry in ${RETRY_AFTER_SECONDS} s`, {
    extensions: { code: 'BUSY', retryAfterSeconds: RETRY_AFTER_SECONDS, http: { status: 503, headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) } } },
  });
}
