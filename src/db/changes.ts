// Changes made by other processes. Each process keeps the live promotions, the shop
// settings and API keys in memory; on PostgreSQL, database triggers NOTIFY the channel
// "cohort_changes" with what changed (see the migration change_notifications), whoever
// writes, and each process LISTENs on a connection of its own to drop that cache at once.
// Notifications sent while the connection is down are lost, so every cache is dropped when it
// (re)connects. The live promotions' version check every TTL stays as a second net.
//
// LISTEN/NOTIFY rather than Redis pub/sub: the database is the one thing every instance
// shares for sure, notifications are sent on commit (never for a rolled-back write), and
// writes made outside Cohort (the CLI, plain SQL) notify too.
import pg from 'pg';
import type { ChangeBus, ChangeTopic } from '../shared/change-bus.js';
import { logger } from '../shared/logger.js';
import { guardClient } from './connections.js';

export const CHANGES_CHANNEL = 'cohort_changes';

/** What the database's triggers notify (the migration change_notifications), and the bus's topic for each. */
const TOPICS = { catalogue: 'livePromotions', settings: 'settings', 'api-keys': 'apiKeys' } as const satisfies Record<string, ChangeTopic>;

export interface ChangeListener {
  /** Resolves once the first LISTEN is in place. */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * Listens for changes on the PostgreSQL database at `url` and announces each on `bus`, as remote;
 * after a connection loss it reconnects (every `retryMs`) and announces every topic.
 */
export function listenForChanges(url: string, bus: ChangeBus, retryMs = 1_000): ChangeListener {
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let delay = retryMs;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const announce = (topic: (typeof TOPICS)[keyof typeof TOPICS]) => void bus.announce(topic, null, { remote: true });
  const everything = () => Object.values(TOPICS).forEach(announce);

  const connect = async () => {
    // keepAlive and the heartbeat below notice a connection that died without a word (a failover, a NAT timeout).
    const next = new pg.Client({ connectionString: url, application_name: 'cohort-changes', keepAlive: true, connectionTimeoutMillis: 10_000 });
    client = next;
    next.on('notification', (message) => {
      const topic = Object.hasOwn(TOPICS, message.payload ?? '') ? TOPICS[message.payload as keyof typeof TOPICS] : undefined;
      if (topic) announce(topic);
      else logger.warn(`Unknown change notification "${message.payload}"`);
    });
    const lost = (error?: Error) => {
      if (closed || client !== next) return;
      client = null;
      clearInterval(heartbeat);
      logger.warn(`Lost the connection that hears of other instances' changes${error ? `: ${error.message}` : ''}; reconnecting in ${delay} ms`);
      next.end().catch(() => undefined);
      retry = setTimeout(() => void connect(), delay);
      delay = Math.min(delay * 2, 30_000);
    };
    guardClient(next, 'change listener', lost);
    next.on('end', () => lost());
    try {
      await next.connect();
      await next.query(`LISTEN ${CHANGES_CHANNEL}`);
      delay = retryMs;
      everything();
      markReady();
      heartbeat = setInterval(() => {
        const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer to a heartbeat within 10 s')), 10_000).unref());
        Promise.race([next.query('SELECT 1'), timeout]).catch((error: Error) => lost(error));
      }, 30_000);
      heartbeat.unref();
    } catch (error) {
      lost(error as Error);
    }
  };
  void connect();
  return {
    ready,
    async close() {
      closed = true;
      clearTimeout(retry);
      clearInterval(heartbeat);
      const ending = client?.end().catch(() => undefined);
      // Shutting down never waits on a database that does not answer.
      await Promise.race([ending, new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
    },
  };
}
