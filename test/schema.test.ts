// schema.graphql is printed from the code and committed; this fails when it is stale.
import { readFile } from 'node:fs/promises';
import { getNamedType, isUnionType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSchema, printSchemaSDL } from '../src/schema/index.js';
import { registry } from './support/registry.js';

const schema = buildSchema(registry);

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
