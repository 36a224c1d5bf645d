// Generates the benchmark data set in PostgreSQL, deterministically (setseed), in SQL:
// customers, orders with lines, product views, redemptions, and a realistic catalogue of
// 300 segments and 5,000 promotions (500 active), with messages, tiers, product targets,
// buy X get Y, schedules, exclusivity, per-customer and periodic limits and voucher-only
// offers. Tables are loaded set-wise without their secondary indexes and foreign keys, which
// are built afterwards (much faster than maintaining them row by row), then vacuumed.
//
// Usage: npm run bench:data [-- --scale 10]   (scale 1: 100,000 customers, 1,000,000 orders,
// 2,000,000 views; scale 10: 1,000,000 customers, 10,000,000 orders, 20,000,000 views)
// BENCH_DATABASE_URL chooses the database (dropped and recreated, then migrated as any).
import { parseArgs } from 'node:util';
import pg from 'pg';

export const BENCH_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/cohort_bench';

/** Runs a statement on `client` and prints how long it took. */
const timedSteps = (client: pg.Client) => async (label: string, sql: string) => {
  const at = performance.now();
  await client.query(sql);
  console.log(`${label.padEnd(34)} ${((performance.now() - at) / 1000).toFixed(1)} s`);
};

export function sizes(scale: number) {
  return {
    customers: 100_000 * scale,
    orders: 1_000_000 * scale,
    views: 2_000_000 * scale,
    products: 2_000,
    brands: 20,
    categories: 30,
    segments: 300,
    promotions: 5_000,
    activePromotions: 500,
  };
}

async function recreateDatabase(url: string) {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  const server = new URL(url);
  server.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
}

const BULK_TABLES = ['Customer', 'Address', 'Order', 'OrderLine', 'ProductView', 'Redemption'];

/** Drops the bulk tables' secondary indexes and foreign keys, returning the statements that rebuild them. */
async function dropSecondaryStructures(client: pg.Client): Promise<string[]> {
  const foreignKeys = await client.query<{ table: string; name: string; definition: string }>(
    `
    SELECT conrelid::regclass::text AS table, conname AS name, pg_get_constraintdef(oid) AS definition
    FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text = ANY($1::text[])`,
    [BULK_TABLES.map((table) => `"${table}"`)],
  );
  const indexes = await client.query<{ name: string; definition: string }>(
    `
    SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
    WHERE i.schemaname = 'public' AND i.tablename = ANY($1::text[])
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
    [BULK_TABLES],
  );
  for (const key of foreignKeys.rows) await client.query(`ALTER TABLE ${key.table} DROP CONSTRAINT "${key.name}"`);
  for (const index of indexes.rows) await client.query(`DROP INDEX "${index.name}"`);
  return [
    ...indexes.rows.map((index) => index.definition),
    ...foreignKeys.rows.map((key) => `ALTER TABLE ${key.table} ADD CONSTRAINT "${key.name}" ${key.definition}`),
  ];
}

async function main() {
  const { values } = parseArgs({ options: { scale: { type: 'string', default: process.env.BENCH_SCALE ?? '1' } } });
  const scale = Number(values.scale);
  if (!Number.isInteger(scale) || scale < 1) throw new Error('--scale must be a whole number of at least 1');
  const url = BENCH_DATABASE_URL;
  const started = performance.now();
  await recreateDatabase(url);
  process.env.DATABASE_URL = url;
  process.env.LOG_LEVEL = 'error';
  (await import('../src/runtime.js')).openRuntime();
  const { database } = await import('../src/db/client.js');
  const { migrateDatabase } = await import('../src/db/migrate.js');
  await migrateDatabase(database);

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const step = timedSteps(client);
  const size = sizes(scale);
  const { products, brands, categories, customers, orders, views } = size;
  await client.query(`SELECT setseed(0.42)`);
  await client.query("SET maintenance_work_mem = '512MB'");
  const rebuild = await dropSecondaryStructures(client);

  await step(
    'products',
    `INSERT INTO "Product" (id, sku, name, brand, category, price, currency, "updatedAt")
     SELECT 'p' || i, 'SKU-' || lpad(i::text, 5, '0'), 'Product ' || i, 'Brand ' || (i % ${brands}), 'Category ' || (i % ${categories}),
            500 + (i * 7919) % 20000, 'USD', now()
     FROM generate_series(1, ${products}) AS i`,
  );
  await step(
    'customers',
    `INSERT INTO "Customer" (id, "externalId", email, "firstName", "lastName", category, groups, tags, "registeredAt", "newsletterSubscribed", "marketingConsent", "marketingChannels", "loyaltyMember", "customFields", "updatedAt")
     SELECT 'c' || lpad(i::text, 7, '0'), 'ext-' || i, 'customer' || i || '@example.com', 'First' || (i % 997), 'Last' || (i % 991),
            CASE WHEN random() < 0.1 THEN 'wholesale' WHEN random() < 0.11 THEN 'vip' ELSE 'retail' END,
            CASE WHEN random() < 0.05 THEN ARRAY['staff'] ELSE ARRAY[]::text[] END,
            CASE WHEN random() < 0.2 THEN ARRAY['newsletter-2025'] ELSE ARRAY[]::text[] END,
            now() - (random() * interval '1500 days'), random() < 0.4, random() < 0.5, ARRAY['email'], random() < 0.3, '{}'::jsonb, now()
     FROM generate_series(1, ${customers}) AS i`,
  );
  await step(
    'addresses',
    `INSERT INTO "Address" (id, "customerId", "isDefault", country, city)
     SELECT 'a' || i, 'c' || lpad(i::text, 7, '0'), true, (ARRAY['US','CA','FR','DE','GB'])[1 + (i % 5)], 'City ' || (i % 300)
     FROM generate_series(1, ${customers}) AS i`,
  );
  // Customers are drawn with a skew (power of a uniform), so some buy often and many rarely.
  await step(
    'orders',
    `INSERT INTO "Order" (id, "externalId", "customerId", status, "placedAt", currency, subtotal, total, "shippingMethod")
     SELECT 'o' || i, 'ord-' || i, 'c' || lpad((1 + floor(power(random(), 2) * ${customers}))::int::text, 7, '0'),
            (CASE WHEN random() < 0.9 THEN 'VALIDATED' WHEN random() < 0.5 THEN 'CANCELLED' ELSE 'REFUNDED' END)::"OrderStatus",
            now() - (random() * interval '730 days'), 'USD', amount, amount, CASE WHEN random() < 0.3 THEN 'SoColissimo' ELSE 'Courier' END
     FROM (SELECT i, (1000 + floor(random() * 40000))::int AS amount FROM generate_series(1, ${orders}) AS i) AS generated`,
  );
  await step(
    'order lines',
    `INSERT INTO "OrderLine" (id, "orderId", "productId", quantity, "unitPrice", "lineTotal", brand, category)
     SELECT 'l' || o.i, 'o' || o.i, 'p' || p, 1, o.subtotal, o.subtotal, 'Brand ' || (p % ${brands}), 'Category ' || (p % ${categories})
     FROM (SELECT substring(id from 2)::int AS i, subtotal, 1 + floor(power(random(), 3) * ${products})::int AS p FROM "Order") AS o`,
  );
  await step(
    'product views',
    `INSERT INTO "ProductView" ("customerId", "productId", "viewedAt")
     SELECT 'c' || lpad((1 + floor(power(random(), 2) * ${customers}))::int::text, 7, '0'), 'p' || (1 + floor(power(random(), 3) * ${products}))::int,
            now() - (random() * interval '365 days')
     FROM generate_series(1, ${views})`,
  );
  for (const statement of rebuild) {
    const at = performance.now();
    await client.query(statement);
    console.log(
      `${`  ${/^CREATE/.test(statement) ? 'index' : 'foreign key'} ${/"([^"]+)"/.exec(statement)?.[1] ?? ''}`.padEnd(34)} ${((performance.now() - at) / 1000).toFixed(1)} s`,
    );
  }
  // Statistics before the catalogue: creating a segment records its members in its transaction,
  // and on tables without statistics the planner's guesses made the first one take 383 s (past
  // the transaction's 120 s) where it takes 3 s once analysed, as autovacuum has in a shop.
  const analysed = performance.now();
  await client.query('ANALYZE');
  console.log(`${'  analyze'.padEnd(34)} ${((performance.now() - analysed) / 1000).toFixed(1)} s`);
  await client.end();

  const catalogueStarted = performance.now();
  const { createCatalogue } = await import('./catalogue.js');
  const catalogue = await createCatalogue(size);
  console.log(
    `${'catalogue'.padEnd(34)} ${((performance.now() - catalogueStarted) / 1000).toFixed(1)} s (${catalogue.segments} segments, ${catalogue.promotions} promotions, ${catalogue.codes} codes)`,
  );

  const finish = new pg.Client({ connectionString: url });
  await finish.connect();
  const finishStep = timedSteps(finish);
  // Redemptions: 3% of validated orders used one of the active, code-free promotions.
  await finishStep(
    'redemptions',
    `WITH promotions AS (SELECT array_agg(id ORDER BY id) AS ids FROM "Promotion" WHERE status = 'ACTIVE' AND NOT "requiresVoucher")
     INSERT INTO "Redemption" (id, "promotionId", "customerId", "orderRef", "idempotencyKey", currency, "discountAmount", "orderTotal", "segmentIds", "redeemedAt")
     SELECT 'r' || o.id, p.ids[1 + (abs(hashtext(o.id)) % array_length(p.ids, 1))], o."customerId", o."externalId", o."externalId", o.currency, o.total / 20, o.total, '{}', o."placedAt"
     FROM "Order" o, promotions p WHERE o.status = 'VALIDATED' AND abs(hashtext(o.id || 'r')) % 100 < 3`,
  );
  await finishStep(
    'promotion counters',
    `UPDATE "Promotion" p SET "redemptionCount" = r.count, "discountGiven" = LEAST(r.given, 2000000000)
     FROM (SELECT "promotionId", count(*)::int AS count, sum("discountAmount") AS given FROM "Redemption" GROUP BY 1) r WHERE r."promotionId" = p.id`,
  );
  // A database in service has been vacuumed: hint bits and the visibility map are set (and
  // autovacuum may be off where the bench runs).
  await finishStep('vacuum and analyze', 'VACUUM (ANALYZE)');
  await finish.end();
  await database.close();
  console.log(`Generated in ${((performance.now() - started) / 1000).toFixed(0)} s at scale ${scale}: ${JSON.stringify(size)} at ${url}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
