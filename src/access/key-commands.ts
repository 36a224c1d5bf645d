// `npm run keys` while the server runs on the embedded database: PGlite belongs to one process,
// so the server answers the command's requests itself, over a Unix socket in Cohort's home
// folder that only the user who runs Cohort may open (mode 0600, as the data folder next to it
// is theirs alone). One JSON request per connection, one JSON answer.
import { chmodSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { join } from 'node:path';
import type { Query } from '@cohort/plugin-sdk';
import { insertKey, listKeys, revokeKey, type KeyScope, type StoredKey } from './key-store.js';

export type KeyCommand = { command: 'create'; name: string; scopes: KeyScope[] } | { command: 'list' } | { command: 'revoke'; idOrPrefix: string };
export type KeyAnswer = { key: StoredKey; secret: string } | { keys: StoredKey[] } | { key: StoredKey | null } | { error: string };

/** Where the running server listens for key commands: beside the data folder. */
export const keySocketPath = (homeDir: string) => join(homeDir, 'keys.sock');

/** Runs one command on the database (the CLI on a database no server holds, and the server for the CLI). */
export async function runKeyCommand(query: Query, command: KeyCommand): Promise<KeyAnswer> {
  if (command.command === 'create') return insertKey(query, command.name, command.scopes);
  if (command.command === 'list') return { keys: await listKeys(query) };
  return { key: await revokeKey(query, command.idOrPrefix) };
}

/** Serves key commands on the socket; `changed` is called after a key was created or revoked (the server forgets the keys it remembers). */
export function serveKeyCommands(homeDir: string, query: Query, changed: () => void): { close(): Promise<void> } {
  const path = keySocketPath(homeDir);
  rmSync(path, { force: true });
  const server: Server = createServer((socket) => {
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => {
      text += chunk;
      if (!text.includes('\n')) return;
      void (async () => {
        let answer: KeyAnswer;
        try {
          const command = JSON.parse(text.slice(0, text.indexOf('\n'))) as KeyCommand;
          answer = await runKeyCommand(query, command);
          if (command.command !== 'list') changed();
        } catch (error) {
          answer = { error: (error as Error).message };
        }
        socket.end(`${JSON.stringify(answer)}\n`);
      })();
    });
    socket.on('error', () => undefined);
  });
  server.listen(path, () => chmodSync(path, 0o600));
  return {
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        rmSync(path, { force: true });
      }),
  };
}

/** Sends a command to the running server. */
export function sendKeyCommand(homeDir: string, command: KeyCommand): Promise<KeyAnswer> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(keySocketPath(homeDir));
    let text = '';
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(`${JSON.stringify(command)}\n`));
    socket.on('data', (chunk) => (text += chunk));
    socket.on('end', () => {
      try {
        resolve(JSON.parse(text) as KeyAnswer);
      } catch (error) {
        reject(error as Error);
      }
    });
    socket.on('error', reject);
  });
}
