// Prints the GraphQL schema from the code to schema.graphql; with --check, fails when the
// committed file is stale instead of writing it.
import { readFile, writeFile } from 'node:fs/promises';

process.env.DATABASE_URL = 'pglite:memory';
const { buildSchema, printSchemaSDL } = await import('../src/schema/index.js');
const { PluginRegistry } = await import('../src/registry/registry.js');
const { builtinPlugins } = await import('../plugins/index.js');
const target = new URL('../schema.graphql', import.meta.url);
// The committed schema is that of the built-in plugins.
const printed = printSchemaSDL(buildSchema(new PluginRegistry(builtinPlugins)));

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
