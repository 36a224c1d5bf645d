// Runs once per `npm test`, before any test file: migrates one template database, which each
// test file then copies (PostgreSQL: CREATE DATABASE … TEMPLATE; PGlite: an in-memory database
// loaded from a dump of the template's data folder). Applying the migrations once instead of
// once per file was most of the suite's setup.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { TEMPLATE_DATABASE } from './names.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PostgreSQL: the migrated template database's name. PGlite: the dump of the migrated template. */
    databaseTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const { applyPendingMigrations } = await import('../../src/db/migrate.js');
  const serverUrl = process.env.TEST_POSTGRES_URL;
  if (serverUrl) {
    const { PrismaPg } = await import('@prisma/adapter-pg');
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${TEMPLATE_DATABASE}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${TEMPLATE_DATABASE}"`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${TEMPLATE_DATABASE}`;
    const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
    await applyPendingMigrations(new PrismaPg(pool));
    await pool.end();
    const { migrateGraphileWorker } = await import('../../src/jobs/graphile.js');
    await migrateGraphileWorker(url.toString());
    project.provide('databaseTemplate', TEMPLATE_DATABASE);
    return;
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { PrismaPGlite } = await import('pglite-prisma-adapter');
  const root = mkdtempSync(join(tmpdir(), 'cohort-test-'));
  const pglite = new PGlite();
  await applyPendingMigrations(new PrismaPGlite(pglite));
  const dump = join(root, 'template.tar');
  writeFileSync(dump, Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer()));
  await pglite.close();
  project.provide('databaseTemplate', dump);
  return () => rmSync(root, { recursive: true, force: true });
}
