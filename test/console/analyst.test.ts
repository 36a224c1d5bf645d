// The read-only scope through HTTP: an ANALYST key reads what an admin reads (customer data
// included) and every mutation of the schema is refused with FORBIDDEN, checked in one place
// (the Mutation type's `changes` scope), whatever the mutation and its arguments.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { getNamedType, isEnumType, isInputObjectType, isListType, isNonNullType, isScalarType, type GraphQLInputType, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/access/api-keys.js';
import { buildSchema } from '../../src/server/schema.js';
import { createTestClient } from '../support/http.js';
import { registry } from '../support/registry.js';
import { schemaOptions } from '../support/runtime.js';

const client = await createTestClient();
const analyst = { key: (await createApiKey('analyst', ['ANALYST'])).secret };
const schema: GraphQLSchema = buildSchema(registry, schemaOptions());

describe('an ANALYST key', () => {
  it('reads admin data, customers included', async () => {
    await client.request(`mutation { upsertCustomer(input: { externalId: "analyst-1", email: "a@example.com" }) { __typename } }`);
    const asAnalyst = await client.request(
      '{ viewer { scopes } customers(first: 5) { totalCount edges { node { email } } } segmentTemplates { key } apiKeys(first: 5) { edges { node { name } } } }',
      {},
      analyst,
    );
    expect(asAnalyst.errors).toBeUndefined();
    expect(asAnalyst.data.viewer.scopes).toEqual(['ANALYST']);
    expect(asAnalyst.data.customers.edges.map((edge: { node: { email: string } }) => edge.node.email)).toContain('a@example.com');
  });

  it('is refused every mutation with FORBIDDEN, signing in and out aside', async () => {
    const mutations = Object.values(schema.getMutationType()!.getFields()).filter((field) => field.name !== 'signIn' && field.name !== 'signOut');
    expect(mutations.length).toBeGreaterThan(35);
    const refused: string[] = [];
    const failures: string[] = [];
    for (const field of mutations) {
      const args = field.args.filter((arg) => isNonNullType(arg.type));
      const signature = args.length ? `(${args.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ')})` : '';
      const call = args.length ? `(${args.map((arg) => `${arg.name}: $${arg.name}`).join(', ')})` : '';
      const document = `mutation${signature} { ${field.name}${call} { __typename } }`;
      // Global IDs must name the right type to be decoded (before any resolver runs): the API says which when one does not.
      const idTypes = new Map<string, string>();
      for (let attempt = 0; ; attempt += 1) {
        const variables = Object.fromEntries(args.map((arg) => [arg.name, sampleValue(arg.type, arg.name, idTypes)]));
        const response = await client.request(document, variables, analyst);
        const wrongId = /ID: (\S+) is not of type: (\w+)/.exec(response.errors?.[0]?.message ?? '');
        if (wrongId && attempt < 5) {
          for (const [name, value] of lastIds) if (value === wrongId[1]) idTypes.set(name, wrongId[2] as string);
          continue;
        }
        if (response.errors?.[0]?.extensions?.code !== 'FORBIDDEN') failures.push(`${field.name}: ${JSON.stringify(response.errors)}`);
        else refused.push(field.name);
        break;
      }
    }
    expect(failures).toEqual([]);
    expect(refused).toContain('createSegment');
    expect(refused).toContain('redeem');
  });

  it('is refused every mutation before its arguments are read: malformed variables hear FORBIDDEN, not what was wrong with them', async () => {
    const mutations = Object.values(schema.getMutationType()!.getFields()).filter((field) => field.name !== 'signIn' && field.name !== 'signOut');
    const failures: string[] = [];
    for (const field of mutations) {
      const args = field.args.filter((arg) => isNonNullType(arg.type));
      if (args.length === 0) continue;
      const signature = `(${args.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ')})`;
      const call = `(${args.map((arg) => `${arg.name}: $${arg.name}`).join(', ')})`;
      // Every required variable is missing or of the wrong shape.
      const variables = Object.fromEntries(args.map((arg, index) => [arg.name, index % 2 === 0 ? { nonsense: 'x' } : undefined]));
      const response = await client.request(`mutation${signature} { ${field.name}${call} { __typename } }`, variables, analyst);
      if (response.errors?.[0]?.extensions?.code !== 'FORBIDDEN' || response.errors.length !== 1)
        failures.push(`${field.name}: ${JSON.stringify(response.errors)}`);
    }
    expect(failures).toEqual([]);
  });

  it('leaves a storefront key and an anonymous caller as unaware of an admin field’s arguments', async () => {
    const storefront = await client.request(
      'mutation ($input: CreateSegmentInput!) { createSegment(input: $input) { __typename } }',
      { input: { rule: 42 } },
      'storefront',
    );
    expect(storefront.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    const anonymous = await client.request('{ customers(first: -5, after: "not a cursor") { totalCount } }', {}, 'anonymous');
    expect(anonymous.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    // Through a fragment on the root type too.
    const spread = await client.request('fragment F on Mutation { createSegment(input: { name: "" }) { __typename } } mutation { ...F }', {}, 'storefront');
    expect(spread.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    // A key with the scope still hears what was wrong with its input.
    const admin = await client.request(
      'mutation ($input: CreateSegmentInput!) { createSegment(input: $input) { __typename } }',
      { input: { rule: 42 } },
      'admin',
    );
    expect(new Set(admin.errors?.map((error) => error.extensions?.code))).toEqual(new Set(['BAD_USER_INPUT']));
  });

  it('may sign out (a session, if it has one)', async () => {
    const response = await client.request('mutation { signOut { ... on MutationSignOutSuccess { data { signedOut } } } }', {}, analyst);
    expect(response.errors).toBeUndefined();
    expect(response.data.signOut.data.signedOut).toBe(false);
  });
});

/** Strings that input validation checks the form of: the first test sends well-formed input, so that only the scope can refuse it. */
const STRING_SAMPLES: Record<string, string> = {
  currency: 'USD',
  defaultCurrency: 'USD',
  url: 'https://example.com/hook',
  timeZone: 'UTC',
  startTime: '09:00',
  endTime: '17:00',
  sku: 'SKU-1',
};

/** The global IDs last generated, by the input field that holds them. */
const lastIds = new Map<string, string>();

/** A well-formed value of an input type: required fields only, the first field of a @oneOf input that does not recurse. */
function sampleValue(type: GraphQLInputType, name: string, idTypes: Map<string, string>): unknown {
  if (isNonNullType(type)) return sampleValue(type.ofType, name, idTypes);
  if (isListType(type)) return [sampleValue(type.ofType, name, idTypes)];
  const named = getNamedType(type);
  if (isEnumType(named)) return named.getValues()[0]?.name;
  if (isInputObjectType(named)) {
    const fields = Object.values(named.getFields());
    const chosen = named.isOneOf
      ? fields.filter((field) => getNamedType(field.type) !== named).slice(0, 1)
      : fields.filter((field) => isNonNullType(field.type));
    return Object.fromEntries(chosen.map((field) => [field.name, sampleValue(field.type, `${named.name}.${field.name}`, idTypes)]));
  }
  if (isScalarType(named)) {
    switch (named.name) {
      case 'ID': {
        const id = encodeGlobalID(idTypes.get(name) ?? 'Segment', '0190b7a4-0000-7000-8000-000000000000');
        lastIds.set(name, id);
        return id;
      }
      case 'Int':
      case 'SafeInt':
        return 1;
      case 'Float':
        return 1.5;
      case 'Boolean':
        return true;
      case 'DateTime':
        return '2026-12-01T00:00:00Z';
      case 'Date':
        return '2026-12-01';
      case 'JSONObject':
        return {};
      default:
        return STRING_SAMPLES[name.split('.').at(-1) as string] ?? 'x';
    }
  }
  throw new Error(`No sample for ${String(type)}`);
}
