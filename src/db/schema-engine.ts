// Prisma's schema engine compiled to WebAssembly, driven through a driver adapter: it
// diffs schemas and applies migrations with no native binary and no download. Node 20
// cannot import .wasm modules without a flag, so the module is instantiated here, once.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import * as engineBindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';

let instantiated: Promise<void> | null = null;

function instantiate(): Promise<void> {
  instantiated ??= (async () => {
    const wasmPath = createRequire(import.meta.url)
      .resolve('@prisma/schema-engine-wasm')
      .replace(/schema_engine\.js$/, 'schema_engine_bg.wasm');
    const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), {
      './schema_engine_bg.js': engineBindings as unknown as WebAssembly.ModuleImports,
    });
    engineBindings.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
  })();
  return instantiated;
}

export const NO_FILTERS = { externalTables: [], externalEnums: [] };

/** Opens a schema engine on the database behind `adapterFactory`, knowing `schema` (the Prisma schema text). */
export async function openSchemaEngine(adapterFactory: SqlMigrationAwareDriverAdapterFactory, schema: string): Promise<SchemaEngine> {
  await instantiate();
  const log = (message: string) => {
    if (process.env.PRISMA_ENGINE_LOG) console.error(message);
  };
  return engineBindings.SchemaEngine.new({ datamodels: [['schema.prisma', schema]] }, log, bindMigrationAwareSqlAdapterFactory(adapterFactory));
}
