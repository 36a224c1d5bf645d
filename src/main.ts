// Starts Cohort, the composition root: applies pending migrations, creates the first keys on
// a database that has none, loads the plugins (the built-ins and COHORT_PLUGINS), builds the
// registry and the server from it, serves GraphQL on PORT (default 4000), and on SIGTERM or
// SIGINT stops accepting, lets the requests in flight finish (for COHORT_SHUTDOWN_TIMEOUT_MS at
// most), closes the database and exits.
import { createServer as createHttpServer } from 'node:http';
import { builtinPlugins } from '../plugins/index.js';
import { bootstrapKeys } from './access/api-keys.js';
import { serveKeyCommands } from './access/key-commands.js';
import { loadConfig } from './config.js';
import { listenForChanges } from './db/changes.js';
import { describeConnectionError } from './db/connections.js';
import { DatabaseSetupError, ensureDatabase } from './db/create-database.js';
import { isUnavailable } from './db/errors.js';
import { migrateDatabase } from './db/migrate.js';
import { runJobs } from './jobs/jobs.js';
import { cohortTasks } from './jobs/tasks.js';
import { schedulePurge } from './privacy/purge.js';
import { configuredRegistry } from './registry/load.js';
import { scheduleRfmRefresh } from './rfm/schedule.js';
import { EXPERIMENT_CHECK_MINUTES, scheduleExperimentChecks } from './experiments/alerts.js';
import { openRuntime } from './runtime.js';
import { carryMembershipChanges } from './segments/membership-changes.js';
import { scheduleReconciliation } from './segments/reconcile-schedule.js';
import { MembershipTracker } from './segments/tracking.js';
import { closeRateLimitStores } from './server/rate-limits.js';
import { trackConnections } from './server/shutdown.js';
import { createServer } from './server/yoga.js';
import { logger } from './shared/logger.js';
import { startTracing } from './shared/tracing.js';
import { deliveryOptions } from './webhooks/delivery.js';
import { targetPolicy } from './webhooks/targets.js';

const startedAt = performance.now();
// The configuration is read here, once; everything below is given what it needs.
const config = loadConfig();
// Off unless an OTLP endpoint is configured (shared/tracing.ts): started before the database is opened, so that its first queries are traced too.
const tracing = startTracing(process.env);
const runtime = openRuntime(config);
const { database, changes } = runtime;
// A promise nobody awaited that fails (a library's background write after a dropped connection)
// is logged; it does not take the API down with it.
process.on('unhandledRejection', (reason) => logger.error('Unhandled rejection', reason));
const migrations = await prepareDatabase().catch((error: unknown) => {
  // Start-up problems an operator fixes (no database, no server there) are one line, not a stack trace.
  console.error(`Cohort cannot start: ${startFailure(error)}`);
  process.exit(1);
});
if (migrations.applied.length > 0) logger.info(`Applied migrations: ${migrations.applied.join(', ')}`);
if (migrations.edited.length > 0)
  logger.warn(`These applied migrations were edited afterwards; the database does not have the edits: ${migrations.edited.join(', ')}`);

if (config.database.kind === 'postgres' || config.database.dataDir) {
  const keys = await bootstrapKeys();
  if (keys.length > 0) {
    console.log('\nFirst start: created these API keys. They are shown once; store them now.\n');
    for (const { apiKey, secret } of keys) console.log(`  ${apiKey.scopes.join(',').padEnd(10)} ${secret}`);
    console.log('\nSend one as "Authorization: Bearer <key>". Manage keys with `npm run keys` (also while Cohort runs).\n');
  }
}
// The embedded database is this process's alone: `npm run keys` asks it through a socket beside the data folder.
const keyCommands =
  config.database.kind === 'pglite' && config.database.dataDir
    ? serveKeyCommands(config.homeDir, database.query, () => void changes.announce('apiKeys', null))
    : null;

// Several instances on one PostgreSQL: each drops its caches as soon as any of them (or the CLI, or SQL) writes.
const databaseChanges = config.database.kind === 'postgres' ? listenForChanges(config.database.url, changes) : null;
// Subscriptions hear the other instances' segment entries and exits through Redis when there is one.
const membershipChanges = config.rateLimits.redisUrl ? carryMembershipChanges(changes, config.rateLimits.redisUrl) : null;
const registry = await configuredRegistry(builtinPlugins, config.plugins);
const rfmRefresh = scheduleRfmRefresh(config.rfmRefreshMinutes, runtime.clock);
// Running experiments checked for a result or a broken split, which webhooks announce (experiments/alerts.ts).
const experimentChecks = scheduleExperimentChecks(EXPERIMENT_CHECK_MINUTES, runtime.clock);
// Where webhooks may go: checked by the API when an endpoint is registered and by every delivery (webhooks/targets.ts).
const webhookTargets = targetPolicy(config.webhooks.allowedHosts);
// Who is in which segment, recorded as customers change (ingestion, through the server), as time passes (jobs) and by the reconciliation.
const tracker = new MembershipTracker(registry, runtime.clock);
const yoga = createServer({ runtime, registry, webhookTargets, tracker });
const reconciliation = scheduleReconciliation(tracker, config.reconcileMinutes);
// Time-driven membership changes and webhook deliveries: graphile-worker on PostgreSQL, in-process on PGlite (jobs/jobs.ts).
// The retention purge (docs/privacy.md): raw events and audit entries older than they are kept.
const purge = schedulePurge(config.privacy, runtime.clock, tracker);
const jobs = await runJobs(cohortTasks(tracker, runtime.clock, { ...deliveryOptions(config.webhooks), targets: webhookTargets }), {
  clock: runtime.clock,
  ...config.jobs,
});
const server = createHttpServer(yoga);
const connections = trackConnections(server);
server.listen(config.port, () => {
  const where = config.database.kind === 'postgres' ? 'PostgreSQL' : `PGlite (${config.database.dataDir ?? 'in memory'})`;
  logger.info(
    `Cohort is serving GraphQL at http://localhost:${config.port}${yoga.graphqlEndpoint} on ${where}, ready in ${Math.round(performance.now() - startedAt)} ms`,
  );
});

const drainMs = config.shutdownTimeoutMs;
let stopping = false;
const shutdown = (signal: NodeJS.Signals) => {
  if (stopping) return;
  stopping = true;
  logger.info(`${signal}: no longer accepting requests; finishing those in flight`);
  void connections.drain(drainMs).then(async (drained) => {
    if (!drained) logger.warn(`Requests still in flight after ${drainMs} ms: their connections were closed`);
    // Background work finishes its current step (a reconciliation stops between segments) before the database closes.
    await Promise.race([
      Promise.all([rfmRefresh.stop(), experimentChecks.stop(), reconciliation.stop(), purge.stop(), jobs.stop()]),
      new Promise((resolve) => setTimeout(resolve, 10_000)),
    ]);
    await databaseChanges?.close();
    await keyCommands?.close();
    await closeRateLimitStores();
    await membershipChanges?.close();
    await tracing?.shutdown();
    await database.close();
    process.exit(drained ? 0 : 1);
  });
};
process.on('SIGINT', shutdown);

/** Creates a missing PostgreSQL database when allowed, then applies pending migrations. */
async function prepareDatabase() {
  if (config.database.kind === 'postgres' && (await ensureDatabase(config.database.url))) logger.info(`Created the database named in DATABASE_URL`);
  return migrateDatabase(database);
}

function startFailure(error: unknown): string {
  if (error instanceof DatabaseSetupError) return error.message;
  if (isUnavailable(error))
    return `the database cannot be reached (${describeConnectionError(error)}): is PostgreSQL running at the address DATABASE_URL names?`;
  return error instanceof Error ? error.message : String(error);
}
process.on('SIGTERM', shutdown);
