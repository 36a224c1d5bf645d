// docs/configuration.md lists every environment variable the code reads, and only those.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { limitVariable } from '../../src/config.js';
import { defaultRequestLimits } from '../../src/server/limits.js';
import { ROOT } from '../support/processes.js';

function sources(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (name === 'node_modules' || name === 'generated' || path.endsWith(join('test', 'docs'))) return [];
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|mts|mjs|js)$/.test(name) ? [path] : [];
  });
}

/** Every variable read as env.X or env['X'] in the project's code, and the derived limit variables. */
function variablesRead(): Set<string> {
  const names = new Set(Object.keys(defaultRequestLimits).map(limitVariable));
  for (const file of ['src', 'scripts', 'plugins', 'bench', 'test', 'examples'].flatMap((folder) => sources(join(ROOT, folder)))) {
    // env.NAME, env['NAME'], and config.ts's choice(env, 'NAME', …).
    for (const match of readFileSync(file, 'utf8').matchAll(/\benv(?:\.|\[['"]|, ')([A-Z][A-Z0-9_]*)/g)) names.add(match[1] as string);
  }
  return names;
}

const documented = () =>
  new Set([...readFileSync(join(ROOT, 'docs/configuration.md'), 'utf8').matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)].map((match) => match[1] as string));

describe('docs/configuration.md', () => {
  it('lists every environment variable the code reads', () => {
    const missing = [...variablesRead()].filter((name) => !documented().has(name));
    expect(missing).toEqual([]);
  });

  it('lists no variable the code does not read', () => {
    const read = variablesRead();
    expect([...documented()].filter((name) => !read.has(name))).toEqual([]);
  });
});
