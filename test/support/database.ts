// Gives each test file a fresh, migrated database before any module opens one, copied from
// the template that global-setup.ts migrated once for the run: with TEST_POSTGRES_URL set, a
// PostgreSQL database named after the worker (cohort_test_<checkout>_<VITEST_POOL_ID>, support/names.ts), recreated for
// each file; otherwise an in-memory PGlite loaded from the template's dump.
import pg from 'pg';
import { inject } from 'vitest';
import { testDatabaseName } from './names.js';

const template = inject('databaseTemplate');
const serverUrl = process.env.TEST_POSTGRES_URL;
if (serverUrl) {
  const name = testDatabaseName('cohort_test');
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
} else {
  process.env.DATABASE_URL = `pglite:memory?from=${template}`;
}
// A small pool, as a loaded deployment has: bursts must not need more connections than that.
process.env.DATABASE_POOL_SIZE ??= '5';
process.env.LOG_LEVEL ??= 'error';
process.env.COHORT_QUERY_EVENTS = '1';
// Webhooks: a key for their secrets, a short retry schedule (4 tries over 1.4 s instead of 8 over 27 h), a 3 s timeout.
process.env.COHORT_SECRETS_KEY ??= 'dGVzdC1vbmx5LXNlY3JldHMta2V5LTMyLWJ5dGVzISE=';
process.env.COHORT_WEBHOOK_RETRIES ??= '200ms,400ms,800ms';
process.env.COHORT_WEBHOOK_TIMEOUT_MS ??= '3000';
// The tests' receivers listen on loopback, which webhooks refuse unless allowed (docs/webhooks.md).
process.env.COHORT_WEBHOOK_ALLOWED_HOSTS ??= '127.0.0.1';
// Tests also change promotions directly through Prisma: read the catalogue fresh each time.
process.env.COHORT_CATALOGUE_TTL_MS = '0';

// The composition root of a test file: its configuration read once, the database opened when first used.
const { loadConfig } = await import('../../src/config.js');
const { openRuntime } = await import('../../src/runtime.js');
openRuntime(loadConfig(), { lazy: true });
