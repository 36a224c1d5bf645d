// Introspection and GraphiQL as configured (COHORT_INTROSPECTION, COHORT_GRAPHIQL): production
// defaults introspection to admin keys only and turns GraphiQL off.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createServer } from '../../src/server/yoga.js';
import { createTestClient } from '../support/http.js';
import { registry as pluginRegistry } from '../support/registry.js';

const introspect = async (server: ReturnType<typeof createServer>, key?: string) => {
  const response = await server.fetch('http://cohort.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }),
  });
  const body = (await response.json()) as { data?: { __schema?: { queryType: { name: string } } }; errors?: unknown[] };
  return body.data?.__schema?.queryType.name ?? 'refused';
};

describe('introspection and GraphiQL', () => {
  it('default to on in development, and in production to admin keys only and off', () => {
    expect(loadConfig({})).toMatchObject({ introspection: 'on', graphiql: true });
    expect(loadConfig({ NODE_ENV: 'production' })).toMatchObject({ introspection: 'admin', graphiql: false });
    expect(loadConfig({ NODE_ENV: 'production', COHORT_INTROSPECTION: 'on', COHORT_GRAPHIQL: 'on' })).toMatchObject({ introspection: 'on', graphiql: true });
    expect(() => loadConfig({ COHORT_INTROSPECTION: 'maybe' })).toThrow('COHORT_INTROSPECTION must be on, admin, off (got "maybe")');
  });

  it('let admin keys only introspect when set to admin, and nobody when off', async () => {
    const { keys } = await createTestClient();
    const admin = createServer({ registry: pluginRegistry, introspection: 'admin' });
    expect(await introspect(admin)).toBe('refused');
    expect(await introspect(admin, keys.storefront)).toBe('refused');
    expect(await introspect(admin, keys.admin)).toBe('Query');
    expect(await introspect(admin)).toBe('refused'); // not from a cache filled by the admin's request
    expect(await introspect(createServer({ registry: pluginRegistry, introspection: 'off' }), keys.admin)).toBe('refused');
    expect(await introspect(createServer({ registry: pluginRegistry, introspection: 'on' }))).toBe('Query');
  });

  it('suggest field names only to callers who may introspect (no "Did you mean" for the others)', async () => {
    const { keys } = await createTestClient();
    const ask = async (server: ReturnType<typeof createServer>, query: string, key?: string) => {
      const response = await server.fetch('http://cohort.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(key ? { 'x-api-key': key } : {}) },
        body: JSON.stringify({ query }),
      });
      return ((await response.json()) as { errors: { message: string }[] }).errors.map((error) => error.message).join(' | ');
    };
    const admin = createServer({ registry: pluginRegistry, introspection: 'admin' });
    for (const query of ['{ custmer { id } }', 'mutation { createApiKy { __typename } }', '{ promotions(frist: 1) { edges { cursor } } }']) {
      expect(await ask(admin, query)).not.toContain('Did you mean');
      expect(await ask(admin, query, keys.storefront)).not.toContain('Did you mean');
      expect(await ask(admin, query, keys.admin)).toContain('Did you mean');
      expect(await ask(createServer({ registry: pluginRegistry, introspection: 'off' }), query, keys.admin)).not.toContain('Did you mean');
    }
    expect(await ask(admin, '{ custmer { id } }')).toBe('Cannot query field "custmer" on type "Query".');
    expect(await ask(createServer({ registry: pluginRegistry, introspection: 'on' }), '{ custmer { id } }')).toContain('Did you mean "customer');
  });

  it('serve GraphiQL only when on', async () => {
    const page = async (server: ReturnType<typeof createServer>) =>
      (await server.fetch('http://cohort.test/graphql', { headers: { accept: 'text/html' } })).text();
    expect(await page(createServer({ registry: pluginRegistry, graphiql: true }))).toContain('<title>Cohort</title>');
    expect(await page(createServer({ registry: pluginRegistry, graphiql: false }))).not.toContain('<title>Cohort</title>');
  });
});
