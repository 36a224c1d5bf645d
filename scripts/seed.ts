// `npm run seed`: loads the demo shop (scripts/demo-seed.ts) into the configured database,
// with a few segments and promotions to try in GraphiQL or the console. Running it again
// replaces the previous demo data instead of duplicating it.
import { database } from '../src/db/client.js';
import { migrateDatabase } from '../src/db/migrate.js';
import { builtinPlugins } from '../plugins/index.js';
import { configuredRegistry } from '../src/registry/load.js';
import { seedDemoShop } from './demo-seed.js';
import { openRuntime } from '../src/runtime.js';

// The root of this script: the configured database, opened.
const { config } = openRuntime();

const started = performance.now();
const registry = await configuredRegistry(builtinPlugins, config.plugins);
await migrateDatabase(database);
const shop = await seedDemoShop(registry);

console.log(
  `Seeded the demo shop in ${((performance.now() - started) / 1000).toFixed(1)} s: ${shop.products.length} products, ${shop.customers.length} customers, ` +
    `${shop.orders.length} orders (${shop.orderLines.length} lines), ${shop.views.length} product views, ${shop.carts.length} carts, ${shop.wishlist.length} wishlist items, ` +
    `8 segments (5 from the built-in templates) and 4 promotions; RFM thresholds and the retention baseline computed.`,
);
await database.close();
