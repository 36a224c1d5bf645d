// schema.graphql is printed from the code and committed; this fails when it is stale.
import { readFile } from 'node:fs/promises';
import { getNamedType, isUnionType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSchema, printSchemaSDL } from '../src/server/schema.js';
import { registry } from './support/registry.js';
import { checkCompatibility } from '../scripts/schema-compat.js';
import { schemaOptions } from './support/runtime.js';

const schema = buildSchema(registry, schemaOptions());

describe('the committed schema', () => {
  it('matches the schema the code builds (run `npm run schema:print` after changing types)', async () => {
    const committed = await readFile(new URL('../schema.graphql', import.meta.url), 'utf8');
    expect(printSchemaSDL(schema)).toBe(committed);
  });

  it('guards every root field with an auth scope, so nothing is public by accident', () => {
    const unguarded = (['Query', 'Mutation'] as const).flatMap((typeName) => {
      const type = typeName === 'Query' ? schema.getQueryType() : schema.getMutationType();
      return Object.values(type?.getFields() ?? {})
        .filter((field) => !['node', 'nodes'].includes(field.name))
        .filter((field) => !(field.extensions as { pothosOptions?: { authScopes?: unknown } }).pothosOptions?.authScopes)
        .map((field) => `${typeName}.${field.name}`);
    });
    expect(unguarded).toEqual([]);
  });

  it('answers every mutation with one shape: a union of its Success and the Error types, each error with a code', () => {
    const plain = Object.values(schema.getMutationType()?.getFields() ?? {}).flatMap((field) => {
      const type = getNamedType(field.type);
      const members = isUnionType(type) ? type.getTypes().map((member) => member.name) : [];
      const success = `Mutation${field.name[0]?.toUpperCase()}${field.name.slice(1)}Success`;
      return members.includes(success) && members.includes('BaseError') ? [] : [field.name];
    });
    expect(plain).toEqual([]);
    const errorTypes = schema.getImplementations(schema.getType('Error') as never).objects;
    for (const type of errorTypes) expect(Object.keys(type.getFields())).toEqual(expect.arrayContaining(['code', 'message']));
  });
});

// `npm run schema:compat` (in .ci/run) compares schema.graphql with the last release; this is what it decides.
describe('the compatibility check', () => {
  const before = { version: '1.4.0', sdl: 'type Query { segments: [String!]! customers: [String!]! }' };
  const removed = 'type Query { customers: [String!]! }';

  it('refuses a breaking change in a minor or patch release', () => {
    const result = checkCompatibility(before, { version: '1.5.0', sdl: removed }, '## [1.5.0]\n### Breaking\n- Query.segments removed');
    expect(result.breaking).toEqual(['Query.segments was removed.']);
    expect(result.refusal).toMatch(/need a new major version/);
  });

  it('refuses a new major version whose CHANGELOG does not name the change', () => {
    expect(checkCompatibility(before, { version: '2.0.0', sdl: removed }, '## [2.0.0]\n### Added\n- things').refusal).toMatch(/must name each breaking change/);
  });

  it('allows it in a new major version whose CHANGELOG names it, and allows additions anytime', () => {
    expect(
      checkCompatibility(before, { version: '2.0.0', sdl: removed }, '## [2.0.0]\n### Breaking\n- `Query.segments` is gone: use `Query.segmentsConnection`.')
        .refusal,
    ).toBeNull();
    const added = checkCompatibility(before, { version: '1.4.1', sdl: 'type Query { segments: [String!]! customers: [String!]! products: [String!]! }' }, '');
    expect(added).toMatchObject({ breaking: [], refusal: null });
  });
});
