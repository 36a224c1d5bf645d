// `npm run keys -- <command>`: create, list and revoke API keys from a shell, with the same
// DATABASE_URL as the server. It carries none of the server's weight (plain SQL, no ORM, no
// migrations), so it answers in well under two seconds. On PostgreSQL it writes directly; on
// the embedded database, a running server holds the data folder, so the command asks it
// through its key socket (access/key-commands.ts), and opens the folder itself only when no
// server runs.
import { parseArgs } from 'node:util';
import { valueParsers, type Query } from '@cohort/plugin-sdk';
import { parseDatabaseUrl } from '../config.js';
import { resolve } from 'node:path';
import { DataFolderInUseError, lockDataFolder } from '../db/data-folder-lock.js';
import { runKeyCommand, sendKeyCommand, type KeyAnswer, type KeyCommand } from './key-commands.js';
import { KEY_SCOPES, type KeyScope, type StoredKey } from './key-store.js';

const usage = `Usage:
  npm run keys -- create --name <name> --scope admin|analyst|storefront [--scope …]
  npm run keys -- list
  npm run keys -- revoke <id or prefix>`;

function commandOf(positionals: string[], values: { name?: string; scope?: string[] }): KeyCommand | null {
  const [command, argument] = positionals;
  if (command === 'create') {
    const scopes = (values.scope ?? []).map((scope) => scope.toUpperCase());
    if (!values.name?.trim() || scopes.length === 0 || scopes.some((scope) => !KEY_SCOPES.includes(scope as KeyScope))) return null;
    return { command: 'create', name: values.name.trim(), scopes: scopes as KeyScope[] };
  }
  if (command === 'list' && !argument) return { command: 'list' };
  if (command === 'revoke' && argument) return { command: 'revoke', idOrPrefix: argument };
  return null;
}

const NO_DATABASE = 'There is no Cohort database here yet: start Cohort once (`npm start`); it creates the database and prints the first keys.';

/** Runs the command on PostgreSQL at `url`. */
async function onPostgres(url: string, command: KeyCommand): Promise<KeyAnswer> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, application_name: 'cohort-keys' });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const types = {
      getTypeParser: (oid: number) => (valueParsers as Record<number, (value: string) => unknown>)[oid] ?? pg.types.getTypeParser(oid, 'text'),
    } as import('pg').CustomTypesConfig;
    const query: Query = async (statement) => (await client.query({ text: statement.text, values: statement.values as unknown[], types })).rows;
    if (!(await query<{ exists: boolean }>({ text: `SELECT to_regclass('"ApiKey"') IS NOT NULL AS exists`, values: [] }))[0]?.exists)
      throw new Error(NO_DATABASE);
    return await runKeyCommand(query, command);
  } finally {
    await client.end();
  }
}

/** Runs the command on the embedded database in `dataDir`: through the server that holds it, or directly when none does. */
async function onEmbedded(homeDir: string, dataDir: string, command: KeyCommand): Promise<KeyAnswer> {
  const { existsSync } = await import('node:fs');
  if (!existsSync(`${dataDir}/PG_VERSION`)) throw new Error(NO_DATABASE);
  let release: () => void;
  try {
    release = lockDataFolder(dataDir);
  } catch (error) {
    if (!(error instanceof DataFolderInUseError)) throw error;
    return sendKeyCommand(homeDir, command).catch((failure: Error) => {
      throw new Error(
        `Cohort (process ${error.holder.pid}) holds the database but did not answer on its key socket (${failure.message}): is it still starting? Try again in a few seconds.`,
      );
    });
  }
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const pglite = new PGlite(dataDir);
    try {
      const query: Query = async (statement) =>
        (await pglite.query<never>(statement.text, statement.values as unknown[], { parsers: valueParsers as never })).rows;
      return await runKeyCommand(query, command);
    } finally {
      await pglite.close();
    }
  } finally {
    release();
  }
}

const date = (value: Date | string | null) => (value === null ? '—' : new Date(value).toISOString().replace('T', ' ').slice(0, 16));

function print(command: KeyCommand, answer: KeyAnswer): number {
  if ('error' in answer) {
    console.error(answer.error);
    return 1;
  }
  if ('secret' in answer) {
    console.log(
      `Created ${answer.key.scopes.join(',')} key "${answer.key.name}" (prefix ${answer.key.prefix}). Store it now; it is not shown again:\n\n  ${answer.secret}\n`,
    );
    return 0;
  }
  if ('keys' in answer) {
    if (answer.keys.length === 0) {
      console.log('No keys yet.');
      return 0;
    }
    const rows = answer.keys.map((key: StoredKey) => [
      key.prefix,
      key.scopes.join(','),
      key.revokedAt ? `revoked ${date(key.revokedAt)}` : 'active',
      date(key.createdAt),
      date(key.lastUsedAt),
      key.name,
    ]);
    const header = ['PREFIX', 'SCOPES', 'STATE', 'CREATED (UTC)', 'LAST USED (UTC)', 'NAME'];
    const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] as string).length)));
    for (const row of [header, ...rows])
      console.log(row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] as number))).join('  '));
    return 0;
  }
  if (!answer.key) {
    console.error(`No key has the id or prefix "${(command as { idOrPrefix: string }).idOrPrefix}" (npm run keys -- list shows them).`);
    return 1;
  }
  console.log(`Revoked key "${answer.key.name}" (prefix ${answer.key.prefix}).`);
  return 0;
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { name: { type: 'string' }, scope: { type: 'string', multiple: true } } });
  const command = commandOf(positionals, values);
  if (!command) {
    console.error(usage);
    return 2;
  }
  const homeDir = resolve(process.env.COHORT_HOME ?? '.cohort');
  const target = parseDatabaseUrl(process.env.DATABASE_URL, homeDir);
  if (target.kind === 'postgres') return print(command, await onPostgres(target.url, command));
  if (!target.dataDir) throw new Error('An in-memory database has no keys to manage from a shell.');
  return print(command, await onEmbedded(homeDir, target.dataDir, command));
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  return 1;
});
