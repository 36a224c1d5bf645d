// Generates the benchmark data set in PostgreSQL: 100,000 customers, 1,000,000 orders
// (with lines) and 2,000,000 product views, in SQL (generate_series), deterministically
// (setseed). Usage: npx tsx bench/generate-data.ts [postgres://…/cohort_bench]
// The database is dropped and recreated, then migrated like any Cohort database.
import pg from 'pg';

export const BENCH_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/cohort_bench';

export const SIZES = { customers: 100_000, orders: 1_000_000, views: 2_000_000, products: 2_000, brands: 20, categories: 30 } as const;

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

async function main() {
  const url = process.argv[2] ?? BENCH_DATABASE_URL;
  const started = performance.now();
  await recreateDatabase(url);
  process.env.DATABASE_URL = url;
  const { database } = await import('../src/db/client.js');
  const { applyPendingMigrations } = await import('../src/db/migrate.js');
  await applyPendingMigrations(database.adapterFactory);
  await database.close();

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const step = async (label: string, sql: string) => {
    const at = performance.now();
    await client.query(sql);
    console.log(`${label.padEnd(28)} ${((performance.now() - at) / 1000).toFixed(1)} s`);
  };
  await client.query(`SELECT setseed(0.42)`);
  const { products, brands, categories, customers, orders, views } = SIZES;
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
     SELECT 'c' || lpad(i::text, 6, '0'), 'ext-' || i, 'customer' || i || '@example.com', 'First' || (i % 997), 'Last' || (i % 991),
            CASE WHEN random() < 0.1 THEN 'wholesale' WHEN random() < 0.11 THEN 'vip' ELSE 'retail' END,
            CASE WHEN random() < 0.05 THEN ARRAY['staff'] ELSE ARRAY[]::text[] END,
            CASE WHEN random() < 0.2 THEN ARRAY['newsletter-2025'] ELSE ARRAY[]::text[] END,
            now() - (random() * interval '1500 days'), random() < 0.4, random() < 0.5, ARRAY['email'], random() < 0.3, '{}'::jsonb, now()
     FROM generate_series(1, ${customers}) AS i`,
  );
  await step(
    'addresses',
    `INSERT INTO "Address" (id, "customerId", "isDefault", country, city)
     SELECT 'a' || i, 'c' || lpad(i::text, 6, '0'), true, (ARRAY['US','CA','FR','DE','GB'])[1 + (i % 5)], 'City ' || (i % 300)
     FROM generate_series(1, ${customers}) AS i`,
  );
  // Customers are drawn with a skew (power of a uniform), so some buy often and many rarely.
  await step(
    'orders',
    `INSERT INTO "Order" (id, "externalId", "customerId", status, "placedAt", currency, subtotal, total, "shippingMethod")
     SELECT 'o' || i, 'ord-' || i, 'c' || lpad((1 + floor(power(random(), 2) * ${customers}))::int::text, 6, '0'),
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
     SELECT 'c' || lpad((1 + floor(power(random(), 2) * ${customers}))::int::text, 6, '0'), 'p' || (1 + floor(power(random(), 3) * ${products}))::int,
            now() - (random() * interval '365 days')
     FROM generate_series(1, ${views})`,
  );
  // A database in service has been vacuumed: hint bits and the visibility map are set (and
  // autovacuum may be off where the bench runs).
  await step('vacuum and analyze', 'VACUUM (ANALYZE)');
  await client.end();
  console.log(`Generated in ${((performance.now() - started) / 1000).toFixed(0)} s: ${JSON.stringify(SIZES)} at ${url}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
