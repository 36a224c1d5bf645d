// Database errors that are not failures of Cohort, told apart so that the server answers them
// for what they are instead of masking them (server/yoga.ts):
// - contention: waiting for a connection, a transaction or a row lock longer than allowed, or
//   losing a deadlock. It means "try again shortly": code BUSY with a retry-after;
// - data exceptions (SQLSTATE class 22: a NUL character, a number out of range…) that input
//   validation let through: the input is bad, BAD_USER_INPUT, not an internal error.
import { GraphQLError } from 'graphql';
import { badUserInput } from '../schema/bad-input.js';

/** PostgreSQL codes of contention: lock not available (lock_timeout), deadlock, serialization, statement timeout. */
const BUSY_SQLSTATES = new Set(['55P03', '40P01', '40001', '57014']);
/** Prisma's: transaction not started or expired in time, connection pool timeout, write conflict or deadlock. */
const BUSY_PRISMA_CODES = new Set(['P2028', 'P2024', 'P2034']);

type ErrorChain = { code?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: string; originalMessage?: string } } }; message?: unknown; cause?: unknown } | undefined;

/** Each error of a chain of causes (Prisma wraps the driver's, which wraps PostgreSQL's), with its SQLSTATE when it has one. */
function* chain(error: unknown): Generator<{ error: NonNullable<ErrorChain>; sqlState: string | null }> {
  for (let cause = error as ErrorChain, depth = 0; cause && depth < 5; cause = cause.cause as ErrorChain, depth += 1) {
    const code = typeof cause.code === 'string' && /^[0-9A-Z]{5}$/.test(cause.code) ? cause.code : null;
    yield { error: cause, sqlState: cause.meta?.driverAdapterError?.cause?.originalCode ?? code };
  }
}

export function isBusy(error: unknown): boolean {
  for (const { error: cause, sqlState } of chain(error)) {
    if (typeof cause.code === 'string' && BUSY_PRISMA_CODES.has(cause.code)) return true;
    if (sqlState && BUSY_SQLSTATES.has(sqlState)) return true;
    // node-postgres' pool, when no connection frees up within connectionTimeoutMillis.
    if (cause.message === 'timeout exceeded when trying to connect') return true;
  }
  return false;
}

/** The first SQLSTATE in an error's chain of causes (PostgreSQL's, through Prisma's and the driver's), or null. */
export function sqlStateOf(error: unknown): string | null {
  for (const { sqlState } of chain(error)) if (sqlState) return sqlState;
  return null;
}

/** A data exception (SQLSTATE class 22) as bad input naming where it arose, or null. */
export function dataExceptionAsInputError(error: unknown, at: GraphQLError): GraphQLError | null {
  for (const { error: cause, sqlState } of chain(error)) {
    if (sqlState?.startsWith('22')) {
      const reason = cause.meta?.driverAdapterError?.cause?.originalMessage ?? String(cause.message ?? 'a value cannot be stored');
      return badUserInput([{ path: at.path?.join('.') ?? '', message: `a value cannot be stored (${reason})` }], at);
    }
  }
  return null;
}

/** Seconds a client should wait before retrying a BUSY request. */
export const RETRY_AFTER_SECONDS = 1;

export function busyError(): GraphQLError {
  return new GraphQLError(`The database is busy with other requests: retry in ${RETRY_AFTER_SECONDS} s`, {
    extensions: { code: 'BUSY', retryAfterSeconds: RETRY_AFTER_SECONDS, http: { status: 503, headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) } } },
  });
}

/**
 * The columns of the unique key a write collided with, when the error is a unique violation.
 * The PostgreSQL adapter names the index ("Customer_email_key"), PGlite's the columns.
 */
export function uniqueViolation(error: unknown): { fields: string[] } | null {
  const { code, meta } = error as { code?: string; meta?: { modelName?: string; driverAdapterError?: { cause?: { constraint?: { index?: string; fields?: string[] }; table?: string } } } };
  if (code !== 'P2002') return null;
  const cause = meta?.driverAdapterError?.cause;
  const fields = cause?.constraint?.fields ?? cause?.constraint?.index?.slice((cause.table ?? meta?.modelName ?? '').length + 1).replace(/_key$/, '').split('_') ?? [];
  return { fields: fields.map((field) => field.replace(/"/g, '')) };
}

/**
 * Runs an upsert-style write again when it collided with a concurrent one on a unique key
 * (two imports of the same customer at once: the second insert fails once the first commits;
 * run again, it finds the row and updates it). A collision that persists is a real conflict,
 * reported by the caller from `uniqueViolation`.
 */
export async function retryUniqueRace<T>(write: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= attempts || !uniqueViolation(error)) throw error;
    }
  }
}
