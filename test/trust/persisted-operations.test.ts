// Persisted operations from a manifest, and the allow-list mode in which storefront keys may
// run listed operations only (COHORT_PERSISTED_OPERATIONS, COHORT_PERSISTED_ONLY).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readManifest } from '../../src/server/persisted-operations.js';
import { createServer } from '../../src/server/yoga.js';
import { createTestClient } from '../support/http.js';
import { registry as pluginRegistry } from '../support/registry.js';

const folder = mkdtempSync(join(tmpdir(), 'cohort-persisted-'));
const manifest = join(folder, 'operations.json');
writeFileSync(manifest, JSON.stringify({ 'shop-name-v1': 'query ShopName { shopSettings { timeZone } }', 'typename-v1': 'query Typename { __typename }' }));

let keys: { admin: string; storefront: string };
beforeAll(async () => {
  keys = (await createTestClient()).keys;
});

const send = async (server: ReturnType<typeof createServer>, body: object, key?: string) => {
  const response = await server.fetch('http://cohort.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify(body),
  });
  return (await response.json()) as { data?: Record<string, unknown>; errors?: { extensions?: { code?: string } }[] };
};

describe('persisted operations', () => {
  it('run by id, as Apollo sends it or as documentId; an unknown id is refused', async () => {
    const server = createServer({ registry: pluginRegistry, persistedOperations: { manifest, only: 'off' } });
    expect((await send(server, { extensions: { persistedQuery: { version: 1, sha256Hash: 'typename-v1' } } }, keys.storefront)).data).toEqual({
      __typename: 'Query',
    });
    expect((await send(server, { documentId: 'typename-v1' }, keys.storefront)).data).toEqual({ __typename: 'Query' });
    expect((await send(server, { documentId: 'nope' }, keys.storefront)).errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await send(server, { query: '{ __typename }' }, keys.storefront)).data).toEqual({ __typename: 'Query' }); // text still allowed
  });

  it('in allow-list mode, hold storefront keys and anonymous callers to the list, not admins', async () => {
    const server = createServer({ registry: pluginRegistry, persistedOperations: { manifest, only: 'storefront' } });
    expect((await send(server, { query: '{ __typename }' }, keys.storefront)).errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_ONLY');
    expect((await send(server, { query: '{ __typename }' })).errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_ONLY');
    expect((await send(server, { documentId: 'typename-v1' }, keys.storefront)).data).toEqual({ __typename: 'Query' });
    expect((await send(server, { query: '{ __typename }' }, keys.admin)).data).toEqual({ __typename: 'Query' });
    // An id sent with its document (as some clients do) runs the listed operation, for admins and storefronts alike.
    for (const key of [keys.admin, keys.storefront])
      expect((await send(server, { documentId: 'typename-v1', query: 'query Typename { __typename }' }, key)).data).toEqual({ __typename: 'Query' });
    const all = createServer({ registry: pluginRegistry, persistedOperations: { manifest, only: 'all' } });
    expect((await send(all, { query: '{ __typename }' }, keys.admin)).errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_ONLY');
  });

  it('refuse a manifest whose document does not parse, naming the entry', () => {
    const broken = join(folder, 'broken.json');
    writeFileSync(broken, JSON.stringify({ 'bad-v1': 'query { ' }));
    expect(() => readManifest(broken)).toThrow(`${broken}: the document of "bad-v1" does not parse`);
  });
});
