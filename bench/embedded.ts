// The cart-page benchmark on the embedded default, a new user's first impression: PGlite in a
// fresh folder, `npm run seed`'s demo shop, then the server as `npm start` runs it and the
// document bench/cart-page.graphql (or BENCH_DOCUMENT) against { __typename } in alternating rounds, for a demo shopper of median
// activity and for an anonymous one. PGlite runs inside the server's process, so its CPU is the
// server's. There is no target; it prints its figures. BENCH_PORT, BENCH_SECONDS,
// BENCH_ROUNDS and BENCH_CONCURRENCY adjust it, as for bench:eligibility.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { answerShape, describeMode, measureMode, processCpu, startServer, type Load } from './load.js';

const PORT = Number(process.env.BENCH_PORT ?? 4_101);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);

// The storefront's cart page, as its team keeps it; BENCH_DOCUMENT sends another one as it is.
const cartPage = readFileSync(process.env.BENCH_DOCUMENT ? resolve(process.env.BENCH_DOCUMENT) : new URL('./cart-page.graphql', import.meta.url), 'utf8');

const folder = mkdtempSync(join(tmpdir(), 'cohort-embedded-bench-'));
const DATABASE_URL = `pglite:${join(folder, 'data')}`;
process.env.DATABASE_URL = DATABASE_URL;
process.env.LOG_LEVEL = 'error';

const seeding = performance.now();
const seed = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/seed.ts'], { env: process.env, stdio: ['ignore', 'ignore', 'inherit'] });
if (seed.status !== 0) throw new Error('npm run seed failed');
const seedSeconds = (performance.now() - seeding) / 1000;

// The storefront key, the demo shopper and the demo SKUs; then the folder is left to the server.
(await import('../src/runtime.js')).openRuntime();
const { database, prisma } = await import('../src/db/client.js');
const { createApiKey } = await import('../src/access/api-keys.js');
const { secret } = await createApiKey('bench storefront', ['STOREFRONT']);
const byActivity = await prisma.$queryRaw<
  { externalId: string; orders: number }[]
>`SELECT c."externalId", count(*)::int AS orders FROM "Order" o JOIN "Customer" c ON c.id = o."customerId" GROUP BY 1 ORDER BY count(*), 1`;
const shopper = byActivity[Math.floor(byActivity.length / 2)] as { externalId: string; orders: number };
const skus = (await prisma.product.findMany({ select: { sku: true }, orderBy: { sku: 'asc' } })).map((product) => product.sku);
const [sizes] = await prisma.$queryRaw<
  { customers: number; orders: number; promotions: number; segments: number }[]
>`SELECT (SELECT count(*) FROM "Customer")::int AS customers, (SELECT count(*) FROM "Order")::int AS orders, (SELECT count(*) FROM "Promotion" WHERE status = 'ACTIVE')::int AS promotions, (SELECT count(*) FROM "Segment")::int AS segments`;
await database.close();

let state = 29;
const random = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const carts = Array.from({ length: 240 }, () => {
  const lines = new Map<string, number>();
  const size = 1 + Math.floor(random() * Math.min(8, skus.length));
  while (lines.size < size) lines.set(skus[Math.floor(random() * skus.length)] as string, 1 + Math.floor(random() * 3));
  return { currency: 'USD', lines: [...lines].map(([sku, quantity]) => ({ sku, quantity })), shipping: 100 * Math.floor(random() * 15) };
});
const bodiesFor = (externalId: string | null) =>
  carts.map((cart) =>
    JSON.stringify({ query: cartPage, operationName: 'CartPage', variables: { input: { ...(externalId ? { customer: { externalId } } : {}), cart } } }),
  );

const server = await startServer(PORT, { DATABASE_URL });
const load: Load = {
  url: server.url,
  headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
  concurrency: CONCURRENCY,
  cpu: async () => ({ server: processCpu(server.process.pid as number) }),
};
console.log(
  `Embedded PGlite (${folder}), demo shop seeded in ${seedSeconds.toFixed(1)} s: ${sizes?.customers} customers, ${sizes?.orders} orders, ${sizes?.segments} segments, ${sizes?.promotions} active promotions`,
);
console.log(`${carts.length} carts of 1 to 8 demo products with shipping, ${CONCURRENCY} clients, ${ROUNDS} rounds of ${SECONDS} s per side; no target`);
for (const [name, label, bodies] of [
  ['known', `demo shopper ${shopper.externalId} (${shopper.orders} orders, median)`, bodiesFor(shopper.externalId)],
  ['anonymous', 'anonymous shopper', bodiesFor(null)],
] as const) {
  const result = await measureMode(load, [...bodies], ROUNDS, SECONDS);
  console.log(describeMode(name, label, await answerShape(load, [...bodies]), result));
}
server.stop();
await new Promise((resolve) => server.process.once('exit', resolve));
rmSync(folder, { recursive: true, force: true });
process.exit(0);
