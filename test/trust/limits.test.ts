// Hostile requests are refused before they cost anything, with a coded error: oversized
// bodies before parsing, deep or wide documents and variables before execution. Nothing runs
// (no SQL statement is sent), and the server keeps answering.
import { describe, expect, it } from 'vitest';
import { defaultRequestLimits } from '../../src/server/limits.js';
import { createServer } from '../../src/server/yoga.js';
import { loadConfig } from '../../src/config.js';
import { createTestClient } from '../support/http.js';
import { recordQueries } from '../support/queries.js';
import { registry as pluginRegistry } from '../support/registry.js';

const client = await createTestClient();
const yoga = createServer({ registry: pluginRegistry });
const limits = defaultRequestLimits;

async function post(body: string | ReadableStream<Uint8Array>, as: 'admin' | 'storefront' = 'admin', headers: Record<string, string> = {}) {
  const { result, queries } = await recordQueries(async () => {
    const response = await yoga.fetch('http://cohort.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${client.keys[as]}`, ...headers },
      body,
      ...(typeof body === 'string' ? {} : { duplex: 'half' }),
    } as RequestInit);
    return {
      status: response.status,
      json: (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] },
    };
  });
  return { ...result, statements: queries.length };
}

// Keys are looked up once and remembered: warm them, so that a refusal's statement count is the refusal's own.
await post(JSON.stringify({ query: '{ __typename }' }), 'admin');
await post(JSON.stringify({ query: '{ __typename }' }), 'storefront');

const refusedWith = (outcome: Awaited<ReturnType<typeof post>>, code: string, limit: string) => {
  expect(outcome.json.errors?.[0]?.extensions, JSON.stringify(outcome.json).slice(0, 500)).toMatchObject({ code, limit });
  expect(outcome.json.errors?.[0]?.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
  expect(outcome.statements).toBe(0);
};

const cart = { currency: 'USD', lines: [] };
const rule = (depth: number): unknown => (depth === 0 ? { condition: { customerCategory: { categories: ['vip'] } } } : { not: rule(depth - 1) });

describe('cost limits', () => {
  it('refuses 10,000 aliases, and the server still answers', async () => {
    const query = `{ ${Array.from({ length: 10_000 }, (_, index) => `a${index}: promotions(first: 1) { totalCount }`).join(' ')} }`;
    refusedWith(await post(JSON.stringify({ query })), 'QUERY_TOO_COMPLEX', 'maxTokens');
    const aliases = `{ ${Array.from({ length: limits.maxAliases + 1 }, (_, index) => `a${index}: shopSettings { timeZone }`).join(' ')} }`;
    refusedWith(await post(JSON.stringify({ query: aliases })), 'QUERY_TOO_COMPLEX', 'maxAliases');
    expect((await post(JSON.stringify({ query: '{ __typename }' }))).json).toEqual({ data: { __typename: 'Query' } });
  });

  it('refuses 1,000 aliased eligiblePromotions from a storefront key, and a few too many', async () => {
    const query = (count: number) =>
      `query ($input: EligibilityInput!) { ${Array.from({ length: count }, (_, index) => `e${index}: eligiblePromotions(input: $input) { __typename }`).join(' ')} }`;
    refusedWith(await post(JSON.stringify({ query: query(1_000), variables: { input: { cart } } }), 'storefront'), 'QUERY_TOO_COMPLEX', 'maxTokens');
    refusedWith(
      await post(JSON.stringify({ query: query(limits.maxAliases + 1), variables: { input: { cart } } }), 'storefront'),
      'QUERY_TOO_COMPLEX',
      'maxAliases',
    );
    refusedWith(await post(JSON.stringify({ query: query(25), variables: { input: { cart } } }), 'storefront'), 'QUERY_TOO_COMPLEX', 'maxCost');
  });

  it('refuses a selection nested 200 deep, and query text nested 10,000 deep', async () => {
    let selection = 'id';
    for (let depth = 0; depth < 200; depth += 1)
      selection = `promotion { ${depth % 2 ? 'id' : ''} ... on Promotion { includeSegments { id } } }`.replace('id }', `${selection} }`);
    refusedWith(await post(JSON.stringify({ query: `{ promotions(first: 1) { edges { node { ${selection} } } } }` })), 'QUERY_TOO_COMPLEX', 'maxQueryNesting');
    const deepSelection = `{ ${'a { '.repeat(30)}b${' }'.repeat(30)} }`;
    refusedWith(await post(JSON.stringify({ query: deepSelection })), 'QUERY_TOO_COMPLEX', 'maxDepth');
    const deepRule = `mutation { createSegment(input: { name: "deep", rule: ${'{ not: '.repeat(10_000)}{ condition: { customerCategory: { categories: ["x"] } } }${' }'.repeat(10_000)} }) { __typename } }`;
    const outcome = await post(JSON.stringify({ query: deepRule }));
    expect(outcome.status).not.toBe(500);
    refusedWith(outcome, 'QUERY_TOO_COMPLEX', 'maxQueryNesting');
  });

  it('refuses variables nested 10,000 deep or holding too many values, before parsing the query', async () => {
    const query = `mutation ($rule: SegmentRuleInput!) { createSegment(input: { name: "deep", rule: $rule }) { __typename } }`;
    // Built as text: JSON.stringify itself recurses.
    const deep = `${'{"not":'.repeat(10_000)}{"condition":{"customerCategory":{"categories":["x"]}}}${'}'.repeat(10_000)}`;
    const outcome = await post(`{"query":${JSON.stringify(query)},"variables":{"rule":${deep}}}`);
    expect(outcome.status).not.toBe(500);
    refusedWith(outcome, 'QUERY_TOO_COMPLEX', 'maxVariableDepth');
    const wide = { and: Array.from({ length: 12_000 }, () => ({ condition: { customerCategory: { categories: ['x'] } } })) };
    refusedWith(await post(JSON.stringify({ query, variables: { rule: wide } })), 'QUERY_TOO_COMPLEX', 'maxVariableValues');
  });

  it('refuses a rule tree over the node limit before parsing its conditions', async () => {
    const query = `mutation ($rule: SegmentRuleInput!) { createSegment(input: { name: "wide", rule: $rule }) { __typename } }`;
    const wide = { and: Array.from({ length: 5_000 }, () => ({ condition: { customerCategory: { categories: ['x'] } } })) };
    const outcome = await post(JSON.stringify({ query, variables: { rule: wide } }));
    expect(outcome.json.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(outcome.json.errors?.[0]?.message).toContain('a rule tree may have at most 200 nodes');
    expect(outcome.statements).toBe(0);
  });

  it('refuses a body over the size limit before parsing it, with or without Content-Length', async () => {
    const big = JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(limits.maxBodyBytes) } });
    const declared = await post(big, 'admin', { 'content-length': String(Buffer.byteLength(big)) });
    expect(declared.status).toBe(413);
    refusedWith(declared, 'PAYLOAD_TOO_LARGE', 'maxBodyBytes');
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let offset = 0; offset < big.length; offset += 65_536) controller.enqueue(new TextEncoder().encode(big.slice(offset, offset + 65_536)));
        controller.close();
      },
    });
    const streamed = await post(chunks);
    expect(streamed.status).toBe(413);
    refusedWith(streamed, 'PAYLOAD_TOO_LARGE', 'maxBodyBytes');
  });

  it('refuses too many directives and a page too costly', async () => {
    refusedWith(
      await post(JSON.stringify({ query: `{ __typename ${'@include(if: true) '.repeat(limits.maxDirectives + 1)}}` })),
      'QUERY_TOO_COMPLEX',
      'maxDirectives',
    );
    refusedWith(
      await post(JSON.stringify({ query: `{ customers(first: 1000) { edges { node { segments { id name } } } } }` })),
      'QUERY_TOO_COMPLEX',
      'maxCost',
    );
  });

  it('still count when an argument does not decode: the request is refused, not run uncounted', async () => {
    const costly = `customers(first: 500) { edges { node { id segments { id } orders(first: 100) { edges { node { id } } } } } }`;
    refusedWith(await post(JSON.stringify({ query: `{ ${costly} }` })), 'QUERY_TOO_COMPLEX', 'maxCost');
    const withBadId = await post(JSON.stringify({ query: `{ ${costly} x: node(id: "bad") { id } }` }));
    expect(withBadId.json.data).toBeUndefined();
    expect(withBadId.json.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(withBadId.statements).toBe(0);
  });

  it('read the query text as the parser does: block strings with odd quotes do not hide nesting', async () => {
    const deep = `${'['.repeat(3_000)}"x"${']'.repeat(3_000)}`;
    const outcome = await post(JSON.stringify({ query: `{ a: product(sku: """x " y""") { sku } b: nodes(ids: ${deep}) { id } }` }), 'storefront');
    expect(outcome.status).not.toBe(500);
    refusedWith(outcome, 'QUERY_TOO_COMPLEX', 'maxQueryNesting');
    // Braces inside a block string are text, not nesting.
    const quiet = await post(JSON.stringify({ query: `{ product(sku: """${'{'.repeat(100)}""") { sku } }` }), 'storefront');
    expect(quiet.json).toEqual({ data: { product: null } });
  });

  it('allow one introspection per operation, and count the IDs asked of nodes', async () => {
    refusedWith(
      await post(JSON.stringify({ query: '{ a: __schema { types { name } } b: __schema { types { name } } }' })),
      'QUERY_TOO_COMPLEX',
      'introspections',
    );
    expect((await post(JSON.stringify({ query: '{ __schema { queryType { name } } }' }))).json).toEqual({
      data: { __schema: { queryType: { name: 'Query' } } },
    });
    const ids = Array.from({ length: 15_000 }, (_, index) => Buffer.from(`Customer:id-${index}`).toString('base64'));
    refusedWith(await post(JSON.stringify({ query: 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', variables: { ids } })), 'QUERY_TOO_COMPLEX', 'maxCost');
  });

  it('are configurable, one variable per limit', () => {
    expect(loadConfig({ COHORT_LIMIT_MAX_ALIASES: '50', COHORT_LIMIT_MAX_BODY_BYTES: '2048' }).limits).toMatchObject({
      maxAliases: 50,
      maxBodyBytes: 2_048,
      maxDepth: limits.maxDepth,
    });
    expect(() => loadConfig({ COHORT_LIMIT_MAX_COST: 'lots' })).toThrow('COHORT_LIMIT_MAX_COST must be a whole number of at least 1 (got "lots")');
  });
});
