// Every PostgreSQL connection Cohort opens has an error path. node-postgres emits 'error' on a
// connection the database ends (a restart, a failover, pg_terminate_backend), whether it is
// idle in the pool or checked out between two statements; an 'error' event nobody listens to
// stops the process. So each pool and each client gets a listener when it is made: the
// failure is logged in one line (no connection details), the pool drops the connection, and
// the statement that was using it fails with an error the server answers as UNAVAILABLE (503).
import pg from 'pg';
import { logger } from '../shared/logger.js';

/** One line about a connection failure: PostgreSQL's code and message, never the connection's settings. */
export function describeConnectionError(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return `${typeof code === 'string' ? `${code}: ` : ''}${typeof message === 'string' ? message : String(error)}`;
}

/** Gives the pool, and every connection it opens, an error listener (`role` names them in the log). */
export function guardPool(pool: pg.Pool, role: string): pg.Pool {
  pool.on('error', (error) => logger.warn(`An idle ${role} connection to the database ended (${describeConnectionError(error)}); the pool replaces it`));
  pool.on('connect', (client) => guardClient(client, role));
  return pool;
}

/** Gives one connection an error listener, unless `onError` handles its failures itself. */
export function guardClient<Client extends pg.ClientBase>(client: Client, role: string, onError?: (error: Error) => void): Client {
  client.on('error', onError ?? ((error) => logger.warn(`A ${role} connection to the database ended (${describeConnectionError(error)})`)));
  return client;
}
