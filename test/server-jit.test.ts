// Queries run compiled by graphql-jit where it gives graphql-js' results (src/server/jit.ts).
import { parse, type OperationDefinitionNode } from 'graphql';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { prisma } from '../src/db/client.js';
import { changeBus } from '../src/shared/change-bus.js';
import { buildSchema } from '../src/server/schema.js';
import { jitSupport } from '../src/server/jit.js';
import { createServer } from '../src/server/yoga.js';
import { createTestClient, type TestClient } from './support/http.js';
import { registry as pluginRegistry } from './support/registry.js';
import { schemaOptions } from './support/runtime.js';

const schema = buildSchema(pluginRegistry, schemaOptions());

const support = (source: string) => jitSupport(schema, parse(source).definitions[0] as OperationDefinitionNode);

describe('compiled queries', () => {
  let client: TestClient;
  beforeAll(async () => {
    client = await createTestClient();
  });

  it('are queries only, with variables graphql-jit can take', () => {
    expect(support('{ __typename }')).toBe('yes');
    expect(support('query ($input: EligibilityInput!) { eligiblePromotions(input: $input) { __typename } }')).toBe('check variables');
    expect(support('query ($rule: SegmentRuleInput!) { previewSegment(rule: $rule) { memberCount } }')).toBe('no');
    expect(support('mutation { revokeApiKey(id: "x") { __typename } }')).toBe('no');
  });

  it('run the operation named in a document holding several', async () => {
    const yoga = createServer({ registry: pluginRegistry });
    const document = 'query A { a: __typename } query B { b: __typename } mutation M { revokeApiKey(input: { id: "QXBpS2V5Ong=" }) { __typename } }';
    const run = async (operationName: string) =>
      (await (
        await yoga.fetch('http://cohort.test/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${client.keys.admin}` },
          body: JSON.stringify({ query: document, operationName }),
        })
      ).json()) as { data?: unknown };
    expect((await run('A')).data).toEqual({ a: 'Query' });
    expect((await run('B')).data).toEqual({ b: 'Query' });
    expect((await run('M')).data).toEqual({ revokeApiKey: { __typename: 'NotFoundError' } });
  });

  it('still reject a @oneOf input with both members, as graphql-js does', async () => {
    const result = await client.request(
      'query ($input: EligibilityInput!) { eligiblePromotions(input: $input) { __typename } }',
      { input: { customer: { id: 'Q3VzdG9tZXI6eA==', externalId: 'x' }, cart: { currency: 'USD', lines: [] } } },
      'storefront',
    );
    expect(result.errors?.[0]?.message).toMatch(/exactly one key/i);
  });

  it('leave rule trees in variables (recursive inputs) to graphql-js', async () => {
    const result = await client.request('query ($rule: SegmentRuleInput!) { previewSegment(rule: $rule) { memberCount } }', {
      rule: { and: [{ not: { condition: { customerCategory: { categories: ['vip'] } } } }] },
    });
    expect(result.errors).toBeUndefined();
    expect(typeof result.data.previewSegment.memberCount).toBe('number');
  });

  it('mask an unexpected error for the client', async () => {
    await changeBus().announce('livePromotions', null);
    const failure = vi.spyOn(prisma.promotion, 'findMany').mockRejectedValue(new Error('connection to the database lost: secret host db-7.internal'));
    try {
      const result = await client.request(
        'query ($input: EligibilityInput!) { eligiblePromotions(input: $input) { __typename } }',
        { input: { cart: { currency: 'USD', lines: [] } } },
        'storefront',
      );
      expect(failure).toHaveBeenCalled();
      expect(result.errors).toEqual([expect.objectContaining({ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } })]);
      expect(JSON.stringify(result)).not.toContain('db-7');
    } finally {
      failure.mockRestore();
      await changeBus().announce('livePromotions', null);
    }
  });
});
