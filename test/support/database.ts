// Gives each test worker its own database before any module opens one: an in-memory
// PGlite by default, or, with TEST_POSTGRES_URL set, a PostgreSQL database named after
// the worker (cohort_test_<VITEST_POOL_ID>), created on first use.
import pg from 'pg';

const serverUrl = process.env.TEST_POSTGRES_URL;
if (serverUrl) {
  const name = `cohort_test_${process.env.VITEST_POOL_ID ?? '0'}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
} else {
  process.env.DATABASE_URL = 'pglite:memory';
}
process.env.LOG_LEVEL ??= 'error';

const { database } = await import('../../src/db/client.js');
const { applyPendingMigrations } = await import('../../src/db/migrate.js');
await applyPendingMigrations(database.adapterFactory);
