// Database errors that are not failures of Cohort, told apart so that the server answers them
// for what they are instead of masking them (server/yoga.ts):
// - contention: waiting for a connection, a transaction or a row lock longer than allowed, or
//   losing a deadlock. It means "try again shortly": code BUSY with a retry-after;
// - unavailability: the database cannot be reached, is restarting, or ended the connection
//   (a restart, a failover, pg_terminate_backend). Also "try again shortly": code UNAVAILABLE,
//   HTTP 503 with Retry-After, and nothing of the cause (hosts, SQL) in the answer;
// - data exceptions (SQLSTATE class 22: a NUL character, a number out of range…) that input
//   validation let through: the input is bad, BAD_USER_INPUT, not an internal error.
import { GraphQLError } from 'graphql';
import { badUserInput } from '../schema/bad-input.js';
import { requestError, type RequestErrorCode } from '../shared/error-codes.js';

/** PostgreSQL codes of contention: lock not available (lock_timeout), deadlock, serialization, statement timeout. */
const BUSY_SQLSTATES = new Set(['55P03', '40P01', '40001', '57014']);
/** Prisma's: transaction not started or expired in time, connection pool timeout, write conflict or deadlock. */
const BUSY_PRISMA_CODES = new Set(['P2028', 'P2024', 'P2034']);

type ErrorChain =
  | { code?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: string; originalMessage?: string } } }; message?: unknown; cause?: unknown }
  | undefined;

/** Each error of a chain of causes (Prisma wraps the driver's, which wraps PostgreSQL's), with its SQLSTATE when it has one. */
function* chain(error: unknown): Generator<{ error: NonNullable<ErrorChain>; sqlState: string | null }> {
  for (let cause = error as ErrorChain, depth = 0; cause && depth < 5; cause = cause.cause as ErrorChain, depth += 1) {
    const code = typeof cause.code === 'string' && /^[0-9A-Z]{5}$/.test(cause.code) ? cause.code : null;
    yield { error: cause, sqlState: cause.meta?.driverAdapterError?.cause?.originalCode ?? code };
  }
}

/**
 * PostgreSQL codes of a database that is not there for us: connection exceptions (class 08),
 * shutdown and crash shutdown, starting up, a database that does not exist, too many connections.
 */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[1-4]|3D000|53300)$/;
/** Prisma's: can't reach the server, timed out connecting, the server closed the connection. */
const UNAVAILABLE_PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017']);
/** The driver adapter's kinds of the same (see @prisma/adapter-pg's convertDriverError). */
const UNAVAILABLE_ADAPTER_KINDS = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TlsConnectionError',
  'DatabaseDoesNotExist',
  'TooManyConnections',
]);
/** Node's socket errors. */
const UNAVAILABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
]);
/** node-postgres says so in words only. */
const UNAVAILABLE_MESSAGES =
  /^(Connection terminated|Client has encountered a connection error|Client was closed and is not queryable|Cannot use a pool after calling end|connection timeout|Query read timeout|PGlite is closed)/i;

/** Whether an error means the database could not be used at all (as opposed to refusing a statement). */
export function isUnavailable(error: unknown): boolean {
  for (const { error: cause, sqlState } of chain(error)) {
    if (sqlState && UNAVAILABLE_SQLSTATE.test(sqlState)) return true;
    if (typeof cause.code === 'string' && (UNAVAILABLE_PRISMA_CODES.has(cause.code) || UNAVAILABLE_SOCKET_CODES.has(cause.code))) return true;
    const kind = (cause.meta?.driverAdapterError?.cause as { kind?: string } | undefined)?.kind ?? (cause as { kind?: unknown }).kind;
    if (typeof kind === 'string' && UNAVAILABLE_ADAPTER_KINDS.has(kind)) return true;
    if (typeof cause.message === 'string' && UNAVAILABLE_MESSAGES.test(cause.message)) return true;
    if ((cause as { name?: unknown }).name === 'PrismaClientInitializationError') return true;
  }
  return false;
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
/** Seconds before retrying when the database is away (a restart takes a few). */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 2;

/** A failure the client should retry after a while: one shape for BUSY, UNAVAILABLE and RATE_LIMITED (`extensions.retryAfterSeconds`, HTTP status and Retry-After). */
export function retryableError(
  message: string,
  code: Extract<RequestErrorCode, 'BUSY' | 'UNAVAILABLE' | 'RATE_LIMITED'>,
  retryAfterSeconds: number,
): GraphQLError {
  return requestError(code, message, { extensions: { retryAfterSeconds }, headers: { 'Retry-After': String(retryAfterSeconds) } });
}

export function busyError(): GraphQLError {
  return retryableError(`The database is busy with other requests: retry in ${RETRY_AFTER_SECONDS} s`, 'BUSY', RETRY_AFTER_SECONDS);
}

export function unavailableError(): GraphQLError {
  return retryableError(`The database is unavailable: retry in ${UNAVAILABLE_RETRY_AFTER_SECONDS} s`, 'UNAVAILABLE', UNAVAILABLE_RETRY_AFTER_SECONDS);
}

/** The retryable answer to a database failure (UNAVAILABLE or BUSY), or null when it is neither. */
export function retryableDatabaseError(error: unknown): GraphQLError | null {
  if (isUnavailable(error)) return unavailableError();
  if (isBusy(error)) return busyError();
  return null;
}

/**
 * The columns of the unique key a write collided with, when the error is a unique violation.
 * The PostgreSQL adapter names the index ("Customer_email_key"), PGlite's the columns.
 */
export function uniqueViolation(error: unknown): { fields: string[] } | null {
  const { code, meta } = error as {
    code?: string;
    meta?: { modelName?: string; driverAdapterError?: { cause?: { constraint?: { index?: string; fields?: string[] }; table?: string } } };
  };
  if (code !== 'P2002') return null;
  const cause = meta?.driverAdapterError?.cause;
  const fields =
    cause?.constraint?.fields ??
    cause?.constraint?.index
      ?.slice((cause.table ?? meta?.modelName ?? '').length + 1)
      .replace(/_key$/, '')
      .split('_') ??
    [];
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

/**
 * Whether a write failed on a foreign key (Prisma's P2003, SQLSTATE 23503): a row it points to
 * went between the lookup and the write, as a customer erased while their order or redemption
 * was being written (the erasure moves the row to a new id).
 */
export function foreignKeyViolation(error: unknown): boolean {
  for (const { error: cause, sqlState } of chain(error)) {
    if (cause.code === 'P2003' || sqlState === '23503') return true;
  }
  return false;
}
