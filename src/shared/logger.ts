// Logs as JSON lines on stderr (pino): one object per line with level, time, msg, and the
// request's id when a request is being served (so every line a request causes can be found
// with it); errors with their stack in `err`. Yoga logs through it too.
//
// pino rather than our own: fast, structured, and what log shippers expect; `LOG_LEVEL` sets
// the level.
import { AsyncLocalStorage } from 'node:async_hooks';
import pino from 'pino';

const requestScope = new AsyncLocalStorage<{ requestId: string }>();

/** Runs `handle` with `requestId` on every line it logs. */
export const withRequestId = <T>(requestId: string, handle: () => T): T => requestScope.run({ requestId }, handle);

const base = pino(
  {
    // The root sets the configured level (LOG_LEVEL) when it opens the runtime: setLogLevel.
    level: 'info',
    base: { service: 'cohort' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => requestScope.getStore() ?? {},
    serializers: { err: serializeError },
  },
  // Written asynchronously (pino flushes what is left when the process exits): a line per request must not block the event loop.
  pino.destination({ dest: 2, sync: false }),
);

/** Sets the level lines are logged from (the composition root, from LOG_LEVEL). */
export function setLogLevel(level: 'debug' | 'info' | 'warn' | 'error'): void {
  base.level = level;
}

/** Fields some libraries hang on their errors that are neither small nor ours to log (node-postgres' `client` holds its whole connection). */
const OMITTED_ERROR_FIELDS = ['client', 'connection', 'socket', 'request', 'response'];

function serializeError(error: Error): Record<string, unknown> {
  const serialized = pino.stdSerializers.err(error) as unknown as Record<string, unknown>;
  for (const field of OMITTED_ERROR_FIELDS) delete serialized[field];
  return serialized;
}

type Level = 'debug' | 'info' | 'warn' | 'error';

/** `logger.info('message', …details)`: an Error among the details goes to `err`, plain objects are merged, anything else to `details`. */
function log(level: Level, message: unknown, rest: unknown[]) {
  if (!base.isLevelEnabled(level)) return;
  const fields: Record<string, unknown> = {};
  const details: unknown[] = [];
  for (const value of message instanceof Error ? [message, ...rest] : rest) {
    if (value instanceof Error) fields.err = value;
    else if (typeof value === 'object' && value !== null && !Array.isArray(value)) Object.assign(fields, value);
    else details.push(value);
  }
  if (details.length > 0) fields.details = details;
  base[level](fields, message instanceof Error ? message.message : String(message));
}

export const logger = {
  debug: (message: unknown, ...rest: unknown[]) => log('debug', message, rest),
  info: (message: unknown, ...rest: unknown[]) => log('info', message, rest),
  warn: (message: unknown, ...rest: unknown[]) => log('warn', message, rest),
  error: (message: unknown, ...rest: unknown[]) => log('error', message, rest),
};
