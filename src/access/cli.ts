// `npm run keys -- <command>`: create, list and revoke API keys from a shell.
import { parseArgs } from 'node:util';
import { prisma, database } from '../db/client.js';
import { migrateDatabase } from '../db/migrate.js';
import type { ApiKeyScope } from '../generated/prisma/enums.js';
import { createApiKey, revokeApiKey } from './api-keys.js';

const usage = `Usage:
  npm run keys -- create --name <name> --scope admin|analyst|storefront [--scope …]
  npm run keys -- list
  npm run keys -- revoke <id or prefix>`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { name: { type: 'string' }, scope: { type: 'string', multiple: true } },
});

async function main(): Promise<number> {
  await migrateDatabase(database);
  const [command, argument] = positionals;
  if (command === 'create') {
    const scopes = (values.scope ?? []).map((scope) => scope.toUpperCase());
    if (!values.name || scopes.length === 0 || scopes.some((scope) => scope !== 'ADMIN' && scope !== 'ANALYST' && scope !== 'STOREFRONT')) {
      console.error(usage);
      return 2;
    }
    const { apiKey, secret } = await createApiKey(values.name, scopes as ApiKeyScope[]);
    console.log(`Created ${apiKey.scopes.join(',')} key "${apiKey.name}" (prefix ${apiKey.prefix}). Store it now; it is not shown again:\n\n  ${secret}\n`);
    return 0;
  }
  if (command === 'list') {
    const keys = await prisma.apiKey.findMany({ orderBy: { createdAt: 'asc' } });
    for (const key of keys) {
      const state = key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : 'active';
      console.log(`${key.prefix}  ${key.scopes.join(',').padEnd(17)} ${state.padEnd(32)} ${key.name}`);
    }
    if (keys.length === 0) console.log('No keys yet.');
    return 0;
  }
  if (command === 'revoke' && argument) {
    const key = await revokeApiKey(argument);
    console.log(`Revoked key "${key.name}" (prefix ${key.prefix}).`);
    return 0;
  }
  console.error(usage);
  return 2;
}

const code = await main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  return 1;
});
await database.close();
process.exit(code);
