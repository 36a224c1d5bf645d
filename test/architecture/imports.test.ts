// Importing a module opens nothing (docs/architecture.md): the composition root (main.ts, the
// test setup, a script) opens the database, Redis and timers. A child process imports every
// module under src/ and plugins/ with DATABASE_URL and REDIS_URL pointing at a listener of this
// test's: afterwards nothing connected to it and the child holds no socket and no timer.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let listener: Server;
let connections = 0;
let port = 0;

beforeAll(async () => {
  listener = createServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  port = (listener.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => listener.close(() => resolve())));

describe('importing any module', () => {
  it('opens no connection and starts no timer', async () => {
    const script = fileURLToPath(new URL('./import-everything.ts', import.meta.url));
    const env = { ...process.env, DATABASE_URL: `postgres://cohort@127.0.0.1:${port}/cohort`, REDIS_URL: `redis://127.0.0.1:${port}`, NODE_ENV: 'production' };
    const output = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ['--import', 'tsx', script], { env, cwd: fileURLToPath(new URL('../..', import.meta.url)) }, (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
      ),
    );
    // Before the imports the child holds its stdio pipes; after them it must hold nothing more.
    const { files, before, after } = JSON.parse(output.trim().split('\n').at(-1)!) as { files: number; before: string[]; after: string[] };
    expect(files).toBeGreaterThan(150);
    expect(after).toEqual(before);
    expect(connections).toBe(0);
  }, 120_000);
});

/** Every TypeScript file under `dir`, relative to the checkout. */
function sources(dir: string): string[] {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const walk = (folder: string): string[] =>
    readdirSync(folder).flatMap((name) => {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) return name === 'generated' || name === 'node_modules' ? [] : walk(path);
      return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [relative(root, path)] : [];
    });
  return walk(join(root, dir));
}

describe('the configuration', () => {
  it('is read only by the composition roots: no module below them imports a value from config.ts', () => {
    const roots = new Set(['src/main.ts', 'src/runtime.ts', 'src/access/cli.ts']);
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const readers = [...sources('src'), ...sources('plugins')].filter((file) => {
      if (roots.has(file)) return false;
      const text = readFileSync(join(root, file), 'utf8');
      // Types (`import type`, `type X` inside braces) are descriptions, not reads.
      return [...text.matchAll(/import\s*\{([^}]*)\}\s*from\s*'[./]*config\.js'/g)].some(([, names]) =>
        names!.split(',').some((name) => name.trim() !== '' && !name.trim().startsWith('type ')),
      );
    });
    expect(readers).toEqual([]);
  });

  it('is read from the environment only by the roots: no other module reads process.env', () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    // Besides the roots (and config.ts, which they call): who started the process, for a lock's holder; Prisma's engine log, a debugging switch.
    const allowed = new Set(['src/main.ts', 'src/runtime.ts', 'src/config.ts', 'src/access/cli.ts', 'src/db/data-folder-lock.ts', 'src/db/schema-engine.ts']);
    const readers = [...sources('src'), ...sources('plugins')].filter(
      (file) => !allowed.has(file) && /process\.env\b/.test(readFileSync(join(root, file), 'utf8')),
    );
    expect(readers).toEqual([]);
  });
});
