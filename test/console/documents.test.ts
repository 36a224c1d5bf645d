// The console is a client of the public API only: every document it sends (generated into
// packages/console/src/gql from its sources and schema.graphql) is valid against the schema the
// server builds now, so an API change that breaks the console fails here, not in a browser.
import { readFileSync } from 'node:fs';
import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSchema } from '../../src/server/schema.js';
import { registry } from '../support/registry.js';
import { schemaOptions } from '../support/runtime.js';

const generated = readFileSync(new URL('../../packages/console/src/gql/graphql.ts', import.meta.url), 'utf8');
// Fragments are generated as documents of their own too; the operations that use them carry them.
const documents = [...generated.matchAll(/new TypedDocumentString\(`([\s\S]*?)`/g)]
  .map((match) => match[1] as string)
  .filter((document) => !document.trimStart().startsWith('fragment'));

describe("the console's documents", () => {
  it('are all valid against the server schema', () => {
    expect(documents.length).toBeGreaterThan(30);
    const schema = buildSchema(registry, schemaOptions());
    const problems = documents.flatMap((document) => validate(schema, parse(document)).map((error) => `${document.slice(0, 60).trim()}…: ${error.message}`));
    expect(problems).toEqual([]);
  });
});
