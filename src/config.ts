// Process configuration, read once from the environment. Everything has a default
// so that `npm start` with no environment runs the embedded database.
import { resolve } from 'node:path';

export type DatabaseTarget =
  | { kind: 'postgres'; url: string }
  | { kind: 'pglite'; dataDir: string | null; /** For an in-memory database: a dump of a data folder to start from (tests). */ loadFrom?: string };

export interface Config {
  port: number;
  database: DatabaseTarget;
  /** Folder for the embedded database and local state. */
  homeDir: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Run queries compiled by graphql-jit (src/server/jit.ts); `COHORT_GRAPHQL_JIT=off` turns it off. */
  graphqlJit: boolean;
}

/**
 * `DATABASE_URL` selects the database:
 * - `postgres://…` or `postgresql://…`: PostgreSQL through `@prisma/adapter-pg`;
 * - `pglite:memory`: an in-memory PGlite (tests); `pglite:memory?from=<file>` starts it from a
 *   dump of a data folder (PGlite's `dumpDataDir`), as the test suite does with its migrated template;
 * - `pglite:<folder>` or unset: PGlite persisted in that folder (default `.cohort/data`).
 */
export function parseDatabaseUrl(url: string | undefined, homeDir: string): DatabaseTarget {
  if (!url || url === 'pglite:' || url === 'pglite') return { kind: 'pglite', dataDir: resolve(homeDir, 'data') };
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: 'postgres', url };
  if (url === 'pglite:memory') return { kind: 'pglite', dataDir: null };
  if (url.startsWith('pglite:memory?from=')) return { kind: 'pglite', dataDir: null, loadFrom: resolve(url.slice('pglite:memory?from='.length)) };
  if (url.startsWith('pglite:')) return { kind: 'pglite', dataDir: resolve(url.slice('pglite:'.length)) };
  throw new Error(`DATABASE_URL must start with postgres://, postgresql:// or pglite: (got "${url}")`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const homeDir = resolve(env.COHORT_HOME ?? '.cohort');
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number (got "${env.PORT}")`);
  const logLevel = (env.LOG_LEVEL ?? 'info') as Config['logLevel'];
  if (env.COHORT_GRAPHQL_JIT && !['on', 'off'].includes(env.COHORT_GRAPHQL_JIT)) throw new Error(`COHORT_GRAPHQL_JIT must be on or off (got "${env.COHORT_GRAPHQL_JIT}")`);
  return { port, homeDir, logLevel, database: parseDatabaseUrl(env.DATABASE_URL, homeDir), graphqlJit: env.COHORT_GRAPHQL_JIT !== 'off' };
}

export const config = loadConfig();
