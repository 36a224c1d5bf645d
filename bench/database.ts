// The benchmarks' database (BENCH_DATABASE_URL), opened and migrated as the server does it:
// `const { database, prisma, query } = await import('./database.js')`.
import { BENCH_DATABASE_URL } from './generate-data.js';

process.env.DATABASE_URL = BENCH_DATABASE_URL;
process.env.LOG_LEVEL ??= 'error';
(await import('../src/runtime.js')).openRuntime();
const client = await import('../src/db/client.js');
const { migrateDatabase } = await import('../src/db/migrate.js');
await migrateDatabase(client.database);

export const { database, prisma, query } = client;
