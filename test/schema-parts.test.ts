// The schema's parts run in any order: built from them shuffled, the schema is exactly the
// committed one. A part that needs another to have run first (a type it reads while declaring
// its own, a ref threaded from one to the next) fails here under some order.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { buildSchema, printSchemaSDL, schemaParts } from '../src/server/schema.js';
import { registry } from './support/registry.js';
import { schemaOptions } from './support/runtime.js';

/** A small seeded generator (mulberry32): the same seed gives the same order, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function shuffled<T>(items: T[], seed: number): T[] {
  const next = random(seed);
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(next() * (index + 1));
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
}

describe('the schema by parts', () => {
  const options = schemaOptions();
  const parts = schemaParts(options);
  const committed = readFile(new URL('../schema.graphql', import.meta.url), 'utf8');

  it('builds the committed schema from its parts in reverse order', async () => {
    expect(printSchemaSDL(buildSchema(registry, options, [...parts].reverse()))).toBe(await committed);
  });

  it.each(Array.from({ length: 10 }, (_, index) => index + 1))('builds the committed schema from its parts shuffled with seed %i', async (seed) => {
    expect(printSchemaSDL(buildSchema(registry, options, shuffled(parts, seed)))).toBe(await committed);
  });
});
