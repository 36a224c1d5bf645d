// Applies pending migrations from prisma/migrations at start-up, exactly as
// `prisma migrate deploy` would (same layout, same _prisma_migrations bookkeeping), but
// offline, through the schema engine's WebAssembly build.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { MigrationList } from '@prisma/schema-engine-wasm';
import type { DatabaseTarget } from '../config.js';
import { migrateGraphileWorker } from '../jobs/graphile.js';
import { NO_FILTERS, openSchemaEngine } from './schema-engine.js';

export const PRISMA_DIR = fileURLToPath(new URL('../../prisma/', import.meta.url));
export const MIGRATIONS_DIR = join(PRISMA_DIR, 'migrations');

/** Reads the migrations folder into the list the schema engine takes. */
export async function readMigrations(migrationsDir = MIGRATIONS_DIR): Promise<MigrationList> {
  const entries = await readdir(migrationsDir, { withFileTypes: true }).catch(() => []);
  const directories = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const lockfilePath = join(migrationsDir, 'migration_lock.toml');
  return {
    baseDir: migrationsDir,
    lockfile: { path: 'migration_lock.toml', content: await readFile(lockfilePath, 'utf8').catch(() => null) },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      directories.map(async (directory) => {
        const path = join(migrationsDir, directory, 'migration.sql');
        const content = await readFile(path, 'utf8').then(
          (sql) => ({ tag: 'ok' as const, value: sql }),
          (error: Error) => ({ tag: 'error' as const, value: error.message }),
        );
        return { path: directory, migrationFile: { path: 'migration.sql', content } };
      }),
    ),
  };
}

export async function readSchema(): Promise<string> {
  return readFile(join(PRISMA_DIR, 'schema.prisma'), 'utf8');
}

export interface MigrationOutcome {
  /** Migrations applied now. */
  applied: string[];
  /** Applied migrations whose file changed since: `prisma migrate deploy` ignores them too, but it is drift worth a warning. */
  edited: string[];
}

/**
 * Applies the migrations the database has not seen yet, through its migration adapter (see
 * Database.migrationAdapter), then, on PostgreSQL, graphile-worker's (the job queue's schema).
 * Safe to call on every start, from several processes.
 */
export async function migrateDatabase(database: {
  target: DatabaseTarget;
  migrationAdapter(): { adapterFactory: SqlMigrationAwareDriverAdapterFactory; close(): Promise<void> };
}): Promise<MigrationOutcome> {
  const migration = database.migrationAdapter();
  let outcome: MigrationOutcome;
  try {
    outcome = await applyPendingMigrations(migration.adapterFactory);
  } finally {
    await migration.close();
  }
  if (database.target.kind === 'postgres') await migrateGraphileWorker(database.target.url);
  return outcome;
}

export async function applyPendingMigrations(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  options: { migrationsDir?: string } = {},
): Promise<MigrationOutcome> {
  const engine = await openSchemaEngine(adapterFactory, await readSchema());
  try {
    const migrationsList = await readMigrations(options.migrationsDir);
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: NO_FILTERS });
    const { editedMigrationNames } = await engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters: NO_FILTERS });
    return { applied: appliedMigrationNames, edited: editedMigrationNames };
  } catch (error) {
    throw new Error(`Could not apply migrations: ${error instanceof Error ? error.message : JSON.stringify(error)}`);
  } finally {
    engine.free();
  }
}
