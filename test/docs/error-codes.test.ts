// Every code a failure can carry is declared once (src/shared/error-codes.ts for request errors,
// ERROR_CODES in src/shared/errors.ts for typed results) and listed in docs/api.md with its HTTP
// status and what a client should do; no code is written anywhere else in the source, so a new
// one cannot slip past the table.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REQUEST_ERROR_CODES } from '../../src/shared/error-codes.js';
import { ERROR_CODES } from '../../src/shared/errors.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const docs = readFileSync(join(ROOT, 'docs/api.md'), 'utf8');
const rows = new Map([...docs.matchAll(/^\| `([A-Z_]+)` \| (.+)$/gm)].map((row) => [`${row[1]}|${row[2]?.split(' | ').length}`, row[2] as string]));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'generated' ? [] : sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

describe('error codes', () => {
  it('are each in the table of docs/api.md, request errors with their HTTP status', () => {
    for (const [code, info] of Object.entries(REQUEST_ERROR_CODES)) {
      const row = rows.get(`${code}|3`);
      expect(row, `${code} is missing from the request errors' table`).toBeDefined();
      expect(row?.startsWith(`${info.status} |`), `${code}: the table says ${row?.split(' | ')[0]}, the code answers ${info.status}`).toBe(true);
    }
    for (const code of Object.keys(ERROR_CODES)) expect(rows.get(`${code}|2`), `${code} is missing from the typed results' table`).toBeDefined();
  });

  it('are written nowhere in the source but where they are declared', () => {
    const declared = new Set(['src/shared/error-codes.ts', 'src/shared/errors.ts']);
    const strays = sources(join(ROOT, 'src')).flatMap((path) => {
      const relative = path.slice(ROOT.length);
      if (declared.has(relative)) return [];
      // Node's system error codes (ENOTFOUND, ECONNREFUSED) are not the API's.
      return [...readFileSync(path, 'utf8').matchAll(/code: '([A-Z][A-Z_]+)'/g)]
        .filter((match) => !/^E[A-Z]+$/.test(match[1] as string))
        .map((match) => `${relative}: ${match[1]}`);
    });
    expect(strays).toEqual([]);
  });
});
