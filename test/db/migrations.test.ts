// The migrations in prisma/migrations build exactly the schema that prisma/schema.prisma
// describes, they apply once, and they are recorded as Prisma's own CLI records them.
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { afterAll, describe, expect, it } from 'vitest';
import { applyPendingMigrations, readMigrations, readSchema } from '../../src/db/migrate.js';
import { NO_FILTERS, openSchemaEngine } from '../../src/db/schema-engine.js';
import { testDatabaseName } from '../support/names.js';

/** Tables, columns, indexes, constraints and enums of the public schema, as comparable text. */
const CATALOGUE_QUERIES = [
  `SELECT table_name || '.' || column_name || ' ' || udt_name || ' ' || is_nullable || ' ' || coalesce(column_default, '-') || ' ' || coalesce(character_maximum_length::text, '-') AS line
     FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY 1`,
  `SELECT indexdef AS line FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1`,
  `SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) AS line FROM pg_constraint
     WHERE connamespace = 'public'::regnamespace AND contype <> 'n' AND conrelid::regclass::text <> '"_prisma_migrations"' ORDER BY 1`,
  `SELECT t.typname || ' ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS line FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid GROUP BY t.typname ORDER BY 1`,
];

async function catalogue(query: (sql: string) => Promise<{ line: string }[]>): Promise<string[]> {
  const parts = await Promise.all(CATALOGUE_QUERIES.map(async (sql) => (await query(sql)).map((row) => row.line)));
  return parts.flat();
}

async function diffDatabaseToSchema(adapterFactory: SqlMigrationAwareDriverAdapterFactory): Promise<string> {
  const schema = await readSchema();
  const engine = await openSchemaEngine(adapterFactory, schema);
  try {
    const result = await engine.diff({
      from: { tag: 'schemaDatasource', files: [{ path: 'schema.prisma', content: schema }], configDir: process.cwd() },
      to: { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: schema }] },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    return result.stdout ?? '';
  } finally {
    engine.free();
  }
}

describe('migrations on PGlite', () => {
  const pglite = new PGlite();
  const adapter = new PrismaPGlite(pglite);
  afterAll(() => pglite.close());

  it('build exactly the schema that schema.prisma describes', async () => {
    const { applied, edited } = await applyPendingMigrations(adapter);
    expect(applied).toEqual((await readMigrations()).migrationDirectories.map((directory) => directory.path));
    expect(edited).toEqual([]);
    expect(await diffDatabaseToSchema(adapter)).toBe('-- This is an empty migration.\n');
  });

  it('apply once, recorded in _prisma_migrations as `prisma migrate deploy` records them', async () => {
    expect((await applyPendingMigrations(adapter)).applied).toEqual([]);
    const { rows } = await pglite.query<{ migration_name: string; finished: boolean; checksum: string }>(
      `SELECT migration_name, finished_at IS NOT NULL AS finished, checksum FROM _prisma_migrations ORDER BY migration_name`,
    );
    const names = (await readMigrations()).migrationDirectories.map((directory) => directory.path);
    expect(rows.map((row) => row.migration_name)).toEqual(names);
    expect(rows.every((row) => row.finished && /^[0-9a-f]{64}$/.test(row.checksum))).toBe(true);
  });

  it('report an applied migration that was edited afterwards', async () => {
    await pglite.query(`UPDATE _prisma_migrations SET checksum = repeat('0', 64)`);
    const { applied, edited } = await applyPendingMigrations(adapter);
    expect(applied).toEqual([]);
    expect(edited).toEqual((await readMigrations()).migrationDirectories.map((directory) => directory.path));
  });
});

describe.skipIf(!process.env.TEST_POSTGRES_URL)('migrations on PostgreSQL', () => {
  const server = process.env.TEST_POSTGRES_URL ?? '';
  const name = testDatabaseName('cohort_migrations');
  const url = () => Object.assign(new URL(server), { pathname: `/${name}` }).toString();

  afterAll(async () => {
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });

  it('build the same tables, columns, indexes, constraints and enums as on PGlite', async () => {
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();

    const adapter = new PrismaPg({ connectionString: url() });
    expect((await applyPendingMigrations(adapter)).applied.length).toBeGreaterThan(0);
    expect((await applyPendingMigrations(adapter)).applied).toEqual([]);

    // PGlite's database was shown above to match schema.prisma exactly (the schema engine's
    // introspection cannot read char(n) columns through adapter-pg, so compare catalogues).
    const pglite = new PGlite();
    await applyPendingMigrations(new PrismaPGlite(pglite));
    const client = new pg.Client({ connectionString: url() });
    await client.connect();
    const onPostgres = await catalogue(async (sql) => (await client.query<{ line: string }>(sql)).rows);
    const onPglite = await catalogue(async (sql) => (await pglite.query<{ line: string }>(sql)).rows);
    await client.end();
    await pglite.close();
    expect(onPostgres.length).toBeGreaterThan(100);
    expect(onPostgres).toEqual(onPglite);
  });
});
