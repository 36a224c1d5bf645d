// Starts Cohort: applies pending migrations, creates the first keys on a fresh embedded
// database, and serves GraphQL on PORT (default 4000).
import { createServer as createHttpServer } from 'node:http';
import { bootstrapKeys } from './access/api-keys.js';
import { config } from './config.js';
import { database } from './db/client.js';
import { applyPendingMigrations } from './db/migrate.js';
import { logger } from './shared/logger.js';

const startedAt = performance.now();
const migrations = await applyPendingMigrations(database.adapterFactory);
if (migrations.applied.length > 0) logger.info(`Applied migrations: ${migrations.applied.join(', ')}`);
if (migrations.edited.length > 0) logger.warn(`These applied migrations were edited afterwards; the database does not have the edits: ${migrations.edited.join(', ')}`);

if (config.database.kind === 'pglite' && config.database.dataDir) {
  const keys = await bootstrapKeys();
  if (keys.length > 0) {
    console.log('\nFirst start: created these API keys. They are shown once; store them now.\n');
    for (const { apiKey, secret } of keys) console.log(`  ${apiKey.scopes.join(',').padEnd(10)} ${secret}`);
    console.log('\nSend one as "Authorization: Bearer <key>". Manage keys with `npm run keys`.\n');
  }
}

const { createServer } = await import('./server/yoga.js');
const yoga = createServer();
const server = createHttpServer(yoga);
server.listen(config.port, () => {
  const where = config.database.kind === 'postgres' ? 'PostgreSQL' : `PGlite (${config.database.dataDir ?? 'in memory'})`;
  logger.info(`Cohort is serving GraphQL at http://localhost:${config.port}${yoga.graphqlEndpoint} on ${where}, ready in ${Math.round(performance.now() - startedAt)} ms`);
});

const shutdown = () => {
  server.close();
  database.close().finally(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
