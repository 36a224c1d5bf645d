// Prints the GraphQL schema from the code to schema.graphql; with --check, fails when the
// committed file is stale instead of writing it.
import { readFile, writeFile } from 'node:fs/promises';

import { loadConfig } from '../src/config.js';
import { buildSchema, printSchemaSDL } from '../src/server/schema.js';
import { PluginRegistry } from '../src/registry/registry.js';
import { webhookSchemaOptions } from '../src/webhooks/webhook-endpoint.graphql.js';
import { builtinPlugins } from '../plugins/index.js';

const target = new URL('../schema.graphql', import.meta.url);
// The committed schema is that of the built-in plugins.
// Built without a database: building a schema reads none.
const printed = printSchemaSDL(buildSchema(new PluginRegistry(builtinPlugins), { webhooks: webhookSchemaOptions(loadConfig().webhooks) }));

if (process.argv.includes('--check')) {
  const committed = await readFile(target, 'utf8').catch(() => '');
  if (committed !== printed) {
    console.error('schema.graphql is stale: run `npm run schema:print` and commit the result.');
    process.exit(1);
  }
  console.log('schema.graphql is up to date.');
} else {
  await writeFile(target, printed);
  console.log('Wrote schema.graphql');
}
process.exit(0);
