// Redis is an accelerator, never a single point of failure: it shares rate-limit counts and
// segment membership events between instances. Every connection is made here, with what that
// needs: no offline queue (while Redis is away a command fails at once, and its caller falls
// back: rate limits count in the process, events stay on their instance), a log line when
// Redis goes away and when it is back (and at most one a minute in between, not one per retry),
// and its state for /ready, which reports Redis as degraded, not down.
import { Redis } from 'ioredis';
import { logger } from './logger.js';

const REMIND_EVERY_MS = 60_000;

interface Connection {
  client: Redis;
  role: string;
  away: { since: number; failures: number; remindedAt: number; reason: string } | null;
}

const connections = new Set<Connection>();

/** A Redis connection for `role` (a few words: "rate limits", "segment events, subscriber"). */
export function connectRedis(url: string, role: string, options: { subscriber?: boolean } = {}): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: options.subscriber ?? false, lazyConnect: false });
  const connection: Connection = { client, role, away: null };
  connections.add(connection);
  client.on('error', (error: Error) => {
    const now = Date.now();
    if (!connection.away) {
      connection.away = { since: now, failures: 1, remindedAt: now, reason: error.message };
      logger.warn(`Redis (${role}) is unreachable (${error.message}); Cohort goes on without it and keeps trying`);
      return;
    }
    connection.away.failures += 1;
    connection.away.reason = error.message;
    if (now - connection.away.remindedAt >= REMIND_EVERY_MS) {
      connection.away.remindedAt = now;
      logger.warn(
        `Redis (${role}) is still unreachable after ${Math.round((now - connection.away.since) / 1000)} s (${connection.away.failures} failed attempts; ${error.message})`,
      );
    }
  });
  client.on('ready', () => {
    if (!connection.away) return;
    logger.info(`Redis (${role}) is back after ${Math.round((Date.now() - connection.away.since) / 1000)} s`);
    connection.away = null;
  });
  client.on('end', () => connections.delete(connection));
  return client;
}

/** The Redis connections that are not ready now, for /ready: "degraded", with what that costs. */
export function redisDegradation(): string[] {
  return [...connections].filter((connection) => connection.client.status !== 'ready').map((connection) => `Redis (${connection.role}) is unreachable`);
}
