// Process configuration, read from the environment once, by the composition root
// (`loadConfig()` in main.ts, the test setup, scripts): nothing below the server reads it.
// Everything has a default so that `npm start` with no environment runs the embedded database.
import { resolve } from 'node:path';
import type { RateLimits } from './server/rate-limits.js';
import type { PersistedOperations } from './server/persisted-operations.js';
import type { DatabaseOptions } from './db/client.js';
import { parseAllowList, type AllowList } from './webhooks/targets.js';

/** Cost limits on every request (server/limits.ts applies them). */
export interface RequestLimits {
  /** Request body, in bytes (HTTP 413 above it). */
  maxBodyBytes: number;
  /** Nesting of braces, brackets and parentheses in the query text, checked before parsing. */
  maxQueryNesting: number;
  /** Lexical tokens in the query text. */
  maxTokens: number;
  /** Depth of the selection. */
  maxDepth: number;
  /** Aliased fields in an operation. */
  maxAliases: number;
  /** Directives in an operation. */
  maxDirectives: number;
  /** Estimated cost of an operation: fields cost 1, lists multiply by 10, pages by their size, and some fields cost more (see their `complexity`). */
  maxCost: number;
  /** Nesting of objects and lists in the variables. */
  maxVariableDepth: number;
  /** Values (objects, lists, scalars) in the variables, all together. */
  maxVariableValues: number;
}

export const defaultRequestLimits: RequestLimits = {
  maxBodyBytes: 1_048_576,
  maxQueryNesting: 64,
  maxTokens: 5_000,
  maxDepth: 20,
  maxAliases: 30,
  maxDirectives: 20,
  maxCost: 20_000,
  maxVariableDepth: 64,
  maxVariableValues: 50_000,
};

export type DatabaseTarget =
  | { kind: 'postgres'; url: string }
  | { kind: 'pglite'; dataDir: string | null; /** For an in-memory database: a dump of a data folder to start from (tests). */ loadFrom?: string };

export interface Config {
  port: number;
  /** NODE_ENV=production: the defaults say little to strangers (introspection for admins, no GraphiQL, rate limits on). */
  production: boolean;
  /** COHORT_PLUGINS: the partner plugins to load beside the built-ins, comma-separated module specifiers (docs/plugins.md). */
  plugins: string[];
  database: DatabaseTarget;
  /** The request pool (DATABASE_POOL_SIZE, default 10; DATABASE_POOL_TIMEOUT_MS, how long a request waits for a connection, default 5 s) and query events (COHORT_QUERY_EVENTS=1, tests). */
  databaseOptions: DatabaseOptions;
  /** Folder for the embedded database and local state. */
  homeDir: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Run queries compiled by graphql-jit (src/server/jit.ts); `COHORT_GRAPHQL_JIT=off` turns it off. */
  graphqlJit: boolean;
  /** Cost limits on every request (server/limits.ts), each settable as COHORT_LIMIT_<NAME> (e.g. COHORT_LIMIT_MAX_ALIASES=50). */
  limits: RequestLimits;
  /** Origins allowed to call the API from a browser (COHORT_CORS_ORIGINS, comma-separated); none by default. */
  corsOrigins: string[];
  /** Who may introspect the schema (COHORT_INTROSPECTION): everyone, admin keys only, or nobody. */
  introspection: 'on' | 'admin' | 'off';
  /** Whether GET /graphql in a browser serves GraphiQL (COHORT_GRAPHIQL). */
  graphiql: boolean;
  /** Persisted operations (server/persisted-operations.ts): COHORT_PERSISTED_OPERATIONS, COHORT_PERSISTED_ONLY. */
  persistedOperations: PersistedOperations;
  /** Requests per minute per API key and per IP without one (server/rate-limits.ts), shared through Redis when REDIS_URL is set. */
  rateLimits: RateLimits;
  /** Minutes between scheduled recomputations of the RFM thresholds (COHORT_RFM_REFRESH_MINUTES); 0: on demand only. */
  rfmRefreshMinutes: number;
  /** Minutes between reconciliations of recorded segment memberships (COHORT_RECONCILE_MINUTES); 0: at start only. */
  reconcileMinutes: number;
  /** COHORT_SHUTDOWN_TIMEOUT_MS: how long a stopping process lets the requests in flight finish (10 s). */
  shutdownTimeoutMs: number;
  /** Background jobs (jobs/jobs.ts): how many run at once in this process, how often it looks for jobs come due, and (PostgreSQL) for jobs of dead processes. */
  jobs: { concurrency: number; pollMs: number; sweepMs: number };
  /** Webhook delivery (webhooks/delivery.ts). */
  webhooks: WebhookSettings;
  /** How long a console session lasts, in hours (COHORT_CONSOLE_SESSION_HOURS). */
  consoleSessionHours: number;
  /** How long the live promotions are kept before checking for changes made elsewhere, in milliseconds (COHORT_CATALOGUE_TTL_MS). */
  livePromotionsTtlMs: number;
  /** What the purge job (privacy/purge.ts) removes, and how often it runs. */
  privacy: PrivacySettings;
}

export interface PrivacySettings {
  /** Days raw events are kept: product views, carts, webhook events with their delivery logs, membership events (COHORT_RAW_EVENTS_KEEP_DAYS); 0: for ever. */
  rawEventsDays: number;
  /** Days audit log entries are kept (COHORT_AUDIT_LOG_KEEP_DAYS); 0: for ever. */
  auditLogDays: number;
  /** Minutes between purges (COHORT_PURGE_MINUTES); 0: once, at start. */
  purgeMinutes: number;
}

export interface WebhookSettings {
  /** Waits before each retry, in milliseconds (COHORT_WEBHOOK_RETRIES): a delivery gets one try more than there are waits. */
  retryDelaysMs: number[];
  /** How long a receiver has to answer (COHORT_WEBHOOK_TIMEOUT_MS). */
  timeoutMs: number;
  /** The key that encrypts signing secrets at rest (COHORT_SECRETS_KEY: 32 bytes, base64 or hex); null: webhooks cannot be created. */
  secretsKey: Buffer | null;
  /** Each endpoint's circuit breaker (webhooks/circuit.ts): COHORT_WEBHOOK_CIRCUIT_FAILURES and COHORT_WEBHOOK_CIRCUIT_COOLDOWNS. */
  circuit: CircuitSettings;
  /** Host names, addresses and ranges that endpoints may reach although they are private or special (COHORT_WEBHOOK_ALLOWED_HOSTS). */
  allowedHosts: AllowList;
}

export interface CircuitSettings {
  /** Tries in a row that failed without an answer (or with 5xx, 429) that open an endpoint's circuit; 0: never. */
  failures: number;
  /** How long an open circuit holds the endpoint's deliveries, for its first opening in a row, its second…; the last repeats. */
  cooldownsMs: number[];
}

/** The Standard Webhooks schedule (Svix's): immediately, then after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h: 8 tries over 27 h 35 min. */
export const DEFAULT_WEBHOOK_RETRIES = '5s,5m,30m,2h,5h,10h,10h';

/** An endpoint's circuit opens after 5 tries in a row failed, for 30 s, then 1, 2, 5 and 10 minutes while its trials fail. */
export const DEFAULT_WEBHOOK_CIRCUIT_COOLDOWNS = '30s,1m,2m,5m,10m';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** "5s,5m,2h" → [5000, 300000, 7200000]. */
export function parseDurations(name: string, raw: string): number[] {
  return raw.split(',').map((part) => {
    const match = /^\s*(\d+)\s*(ms|s|m|h)\s*$/.exec(part);
    if (!match) throw new Error(`${name} must be durations separated by commas, such as 5s,5m,2h (got "${raw}")`);
    return Number(match[1]) * (UNIT_MS[match[2] as string] as number);
  });
}

function secretsKey(env: NodeJS.ProcessEnv): Buffer | null {
  const raw = env.COHORT_SECRETS_KEY?.trim();
  if (!raw) return null;
  const key = /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  if (key.length !== 32) throw new Error('COHORT_SECRETS_KEY must be 32 bytes, in base64 or hex (`openssl rand -base64 32`)');
  return key;
}

function count(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, 0 for no limit (got "${raw}")`);
  return value;
}

/** A choice among `allowed` from the environment, or `fallback` when unset. */
function choice<const T extends string>(env: NodeJS.ProcessEnv, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!allowed.includes(raw as T)) throw new Error(`${name} must be ${allowed.join(', ')} (got "${raw}")`);
  return raw as T;
}

/** `maxAliases` → `COHORT_LIMIT_MAX_ALIASES`. */
export const limitVariable = (name: string) => `COHORT_LIMIT_${name.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase()}`;

function readLimits(env: NodeJS.ProcessEnv): RequestLimits {
  const limits = { ...defaultRequestLimits };
  for (const name of Object.keys(limits) as (keyof RequestLimits)[]) {
    const raw = env[limitVariable(name)];
    if (raw === undefined || raw === '') continue;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1) throw new Error(`${limitVariable(name)} must be a whole number of at least 1 (got "${raw}")`);
    limits[name] = value;
  }
  return limits;
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
  // In production, by default, the schema is introspected by admin keys only and GraphiQL is off.
  const production = env.NODE_ENV === 'production';
  return {
    port,
    production,
    homeDir,
    logLevel,
    plugins: (env.COHORT_PLUGINS ?? '')
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean),
    database: parseDatabaseUrl(env.DATABASE_URL, homeDir),
    databaseOptions: {
      poolSize: Math.max(1, count(env, 'DATABASE_POOL_SIZE', 10)),
      poolTimeoutMs: count(env, 'DATABASE_POOL_TIMEOUT_MS', 5_000),
      queryEvents: env.COHORT_QUERY_EVENTS === '1',
    },
    graphqlJit: choice(env, 'COHORT_GRAPHQL_JIT', ['on', 'off'], 'on') === 'on',
    introspection: choice(env, 'COHORT_INTROSPECTION', ['on', 'admin', 'off'], production ? 'admin' : 'on'),
    graphiql: choice(env, 'COHORT_GRAPHIQL', ['on', 'off'], production ? 'off' : 'on') === 'on',
    limits: readLimits(env),
    persistedOperations: {
      manifest: env.COHORT_PERSISTED_OPERATIONS ? resolve(env.COHORT_PERSISTED_OPERATIONS) : null,
      only: choice(env, 'COHORT_PERSISTED_ONLY', ['off', 'storefront', 'all'], 'off'),
    },
    rateLimits: {
      // A storefront key carries a whole shop's traffic: its limit is the shop's to set. Requests
      // without a valid key are limited per address in production by default.
      perKey: count(env, 'COHORT_RATE_LIMIT_PER_KEY', 0),
      perAnonymousIp: count(env, 'COHORT_RATE_LIMIT_PER_IP', production ? 600 : 0),
      windowSeconds: 60,
      redisUrl: env.REDIS_URL || null,
    },
    rfmRefreshMinutes: count(env, 'COHORT_RFM_REFRESH_MINUTES', 60),
    consoleSessionHours: Math.max(1, count(env, 'COHORT_CONSOLE_SESSION_HOURS', 12)),
    livePromotionsTtlMs: count(env, 'COHORT_CATALOGUE_TTL_MS', 2_000),
    reconcileMinutes: count(env, 'COHORT_RECONCILE_MINUTES', 60),
    shutdownTimeoutMs: count(env, 'COHORT_SHUTDOWN_TIMEOUT_MS', 10_000),
    privacy: {
      rawEventsDays: count(env, 'COHORT_RAW_EVENTS_KEEP_DAYS', 400),
      auditLogDays: count(env, 'COHORT_AUDIT_LOG_KEEP_DAYS', 400),
      purgeMinutes: count(env, 'COHORT_PURGE_MINUTES', 60),
    },
    jobs: {
      concurrency: Math.max(1, count(env, 'COHORT_JOB_CONCURRENCY', 4)),
      pollMs: Math.max(50, count(env, 'COHORT_JOB_POLL_MS', 500)),
      sweepMs: Math.max(100, count(env, 'COHORT_JOB_SWEEP_MS', 5_000)),
    },
    webhooks: {
      retryDelaysMs: parseDurations('COHORT_WEBHOOK_RETRIES', env.COHORT_WEBHOOK_RETRIES || DEFAULT_WEBHOOK_RETRIES),
      timeoutMs: Math.max(1, count(env, 'COHORT_WEBHOOK_TIMEOUT_MS', 10_000)),
      secretsKey: secretsKey(env),
      circuit: {
        failures: count(env, 'COHORT_WEBHOOK_CIRCUIT_FAILURES', 5),
        cooldownsMs: parseDurations('COHORT_WEBHOOK_CIRCUIT_COOLDOWNS', env.COHORT_WEBHOOK_CIRCUIT_COOLDOWNS || DEFAULT_WEBHOOK_CIRCUIT_COOLDOWNS),
      },
      allowedHosts: parseAllowList('COHORT_WEBHOOK_ALLOWED_HOSTS', env.COHORT_WEBHOOK_ALLOWED_HOSTS ?? ''),
    },
    corsOrigins: (env.COHORT_CORS_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
  };
}
