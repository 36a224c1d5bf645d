// Liveness and readiness for load balancers and orchestrators. GET /health (Yoga's own) says
// the process answers. GET /ready says it can serve: the database answers, and every
// migration this code ships with has been applied to it (a new version started against a
// database another instance has not migrated yet is not ready). 200 {"status":"ready"}, or
// 503 {"status":"not ready","reason":…}; the check gives up after 2 s, so a hung database
// makes the probe fail instead of hang.
import { readdirSync } from 'node:fs';
import type { Plugin } from 'graphql-yoga';
import { query } from '../db/client.js';
import { sqlStateOf } from '../db/errors.js';
import { logger } from '../shared/logger.js';
import { redisDegradation } from '../shared/redis.js';
import { MIGRATIONS_DIR } from '../db/migrate.js';
import { sql } from '@cohort/plugin-sdk';

const CHECK_TIMEOUT_MS = 2_000;

/** What load balancers and scrapers call, many times a minute: not rate limited, logged at debug. */
export const PROBE_PATHS: ReadonlySet<string> = new Set(['/health', '/ready', '/metrics']);

/** The migrations this code ships with. */
const shipped = readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

async function notReadyBecause(): Promise<string | null> {
  const rows = await query<{ name: string }>(
    sql`SELECT migration_name AS name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  const applied = new Set(rows.map((row) => row.name));
  const pending = shipped.filter((name) => !applied.has(name));
  return pending.length > 0 ? `migrations not applied: ${pending.join(', ')}` : null;
}

/** Why the database cannot be used, in words that name no host, port or statement (probes may be public): its SQLSTATE or socket error code at most. */
function unreachable(error: unknown): string {
  logger.debug('Readiness check failed', error);
  const code = sqlStateOf(error) ?? (error as { code?: unknown }).code;
  return `the database cannot be reached${typeof code === 'string' && /^[A-Z0-9_]{2,20}$/.test(code) ? ` (${code})` : ''}`;
}

export function readinessPlugin(): Plugin {
  return {
    async onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname !== '/ready') return;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<string>(
        (resolve) => (timer = setTimeout(() => resolve(`the database did not answer within ${CHECK_TIMEOUT_MS} ms`), CHECK_TIMEOUT_MS)),
      );
      const reason = await Promise.race([notReadyBecause().catch(unreachable), timeout]).finally(() => clearTimeout(timer));
      // Redis is an accelerator: without it Cohort serves (rate limits count per process, subscriptions hear their own instance), degraded.
      const degraded = redisDegradation();
      const body = reason !== null ? { status: 'not ready', reason } : degraded.length > 0 ? { status: 'ready', degraded } : { status: 'ready' };
      endResponse(
        new fetchAPI.Response(JSON.stringify(body), {
          status: reason === null ? 200 : 503,
          headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
        }),
      );
    },
  };
}
