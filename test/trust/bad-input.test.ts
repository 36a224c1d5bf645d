// Bad input is BAD_USER_INPUT with `issues` naming the field, never INTERNAL, and nothing is
// written: NUL characters anywhere (variables or literals, single and bulk writes, rule
// strings, cart references), malformed or wrong-type IDs, and cursors that do not decode.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '../../src/db/client.js';
import { createTestClient, type GraphQLResponse, type TestClient } from '../support/http.js';

let client: TestClient;
let customerId: string;
let segmentId: string;

const issuesOf = (result: GraphQLResponse) => {
  expect(result.errors?.[0]?.extensions?.code, JSON.stringify(result)).toBe('BAD_USER_INPUT');
  return result.errors?.[0]?.extensions?.issues as { path: string; message: string }[];
};

beforeAll(async () => {
  client = await createTestClient();
  const customer = await client.request(
    `mutation { upsertCustomer(input: { externalId: "bad-input-1" }) { ... on MutationUpsertCustomerSuccess { data { customer { id } } } } }`,
  );
  customerId = customer.data.upsertCustomer.data.customer.id;
  const segment = await client.request(
    `mutation { createSegment(input: { name: "Bad input VIPs", rule: { condition: { customerCategory: { categories: ["vip"] } } } }) { ... on MutationCreateSegmentSuccess { data { segment { id } } } } }`,
  );
  segmentId = segment.data.createSegment.data.segment.id;
  await client.request(`mutation { upsertProduct(input: { sku: "BAD-1", name: "Item", price: { amount: 100, currency: "USD" } }) { __typename } }`);
});

describe('NUL characters', () => {
  it('are refused in every kind of input, naming the field, and nothing is written', async () => {
    const before = { customers: await prisma.customer.count(), segments: await prisma.segment.count() };
    const cases: [string, Record<string, unknown>, string][] = [
      [
        'mutation ($input: CustomerInput!) { upsertCustomer(input: $input) { __typename } }',
        { input: { externalId: 'nul', firstName: 'An\u0000a' } },
        'input.firstName',
      ],
      ['mutation ($input: CustomerInput!) { upsertCustomer(input: $input) { __typename } }', { input: { externalId: 'nul\u0000id' } }, 'input.externalId'],
      [
        'mutation ($input: CreateSegmentInput!) { createSegment(input: $input) { __typename } }',
        { input: { name: 'Seg\u0000ment', rule: { condition: { customerCategory: { categories: ['vip'] } } } } },
        'input.name',
      ],
      [
        'mutation ($input: CreateSegmentInput!) { createSegment(input: $input) { __typename } }',
        { input: { name: 'Rule', rule: { condition: { customerCategory: { categories: ['v\u0000ip'] } } } } },
        'input.rule.condition.customerCategory.categories.0',
      ],
      [
        'mutation ($input: UpsertCustomersInput!) { upsertCustomers(input: $input) { __typename } }',
        { input: { customers: [{ externalId: 'ok-1' }, { externalId: 'ok-2', tags: ['a\u0000'] }] } },
        'input.customers.1.tags.0',
      ],
      [
        'query ($input: EligibilityInput!) { eligiblePromotions(input: $input) { __typename } }',
        { input: { cartRef: 'cart\u0000', cart: { currency: 'USD', lines: [] } } },
        'input.cartRef',
      ],
      [
        'mutation ($input: CustomerInput!) { upsertCustomer(input: $input) { __typename } }',
        { input: { externalId: 'nul-json', customFields: { note: 'x\u0000' } } },
        'input.customFields.note',
      ],
    ];
    for (const [query, variables, path] of cases) {
      expect(issuesOf(await client.request(query, variables)), path).toEqual([{ path, message: 'must not contain NUL characters (\\u0000)' }]);
    }
    // As a literal in the query text.
    const literal = await client.request(`mutation { upsertCustomer(input: { externalId: "lit\\u0000eral" }) { __typename } }`);
    expect(issuesOf(literal)).toEqual([{ path: 'query', message: 'string values must not contain NUL characters (\\u0000)' }]);
    expect({ customers: await prisma.customer.count(), segments: await prisma.segment.count() }).toEqual(before);
  });
});

describe('instants', () => {
  it('outside the years 0001–9999 in UTC are refused before they are stored', async () => {
    const result = await client.request(`mutation ($input: CustomerInput!) { upsertCustomer(input: $input) { __typename } }`, {
      input: { externalId: 'far-future', registeredAt: '9999-12-31T23:59:59-14:00' },
    });
    expect(issuesOf(result)[0]?.path).toBe('input.registeredAt');
    const rule = await client.request(`mutation ($input: CreateSegmentInput!) { createSegment(input: $input) { __typename } }`, {
      input: { name: 'Far future', rule: { condition: { brandPurchased: { brands: ['x'], within: { to: '9999-12-31T23:59:59-14:00' } } } } },
    });
    expect(rule.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('and calendar dates outside the years 0001–9999 are refused where the scalar is parsed, naming the field', async () => {
    for (const dateOfBirth of ['0000-01-01', '10000-01-01']) {
      const variables = await client.request(`mutation ($input: CustomerInput!) { upsertCustomer(input: $input) { __typename } }`, {
        input: { externalId: 'year-zero', dateOfBirth },
      });
      expect(issuesOf(variables)[0]?.path).toBe('input.dateOfBirth');
    }
    const literal = await client.request(`mutation { upsertCustomer(input: { externalId: "year-zero", dateOfBirth: "0000-01-01" }) { __typename } }`);
    expect(issuesOf(literal)[0]?.path).toBe('input.dateOfBirth');
    expect(await prisma.customer.count({ where: { externalId: 'year-zero' } })).toBe(0);
  });
});

describe('amounts', () => {
  it('whose total would overflow are refused, naming the field', async () => {
    const cart = { currency: 'USD', lines: [{ sku: 'BAD-1', quantity: 100_000, unitPrice: 2_000_000 }] };
    const result = await client.request(
      `query ($input: EligibilityInput!) { eligiblePromotions(input: $input) { __typename ... on InvalidInputError { path message } } }`,
      { input: { cart } },
      'storefront',
    );
    expect(result.data.eligiblePromotions).toMatchObject({ __typename: 'InvalidInputError', path: ['input', 'cart', 'lines'] });
  });
});

describe('IDs and cursors', () => {
  it('malformed or of the wrong type, name the field', async () => {
    expect(issuesOf(await client.request(`{ node(id: "!!!") { id } }`))).toEqual([{ path: 'id', message: 'Invalid global ID: !!!' }]);
    const wrongType = await client.request(`mutation ($input: DeleteSegmentInput!) { deleteSegment(input: $input) { __typename } }`, {
      input: { id: customerId },
    });
    expect(issuesOf(wrongType)).toEqual([{ path: 'input.id', message: `ID: ${customerId} is not of type: Segment` }]);
    const inList = await client.request(`mutation ($input: CreatePromotionInput!) { createPromotion(input: $input) { __typename } }`, {
      input: { name: 'Wrong segment', currency: 'USD', effects: [{ freeShipping: true }], includeSegments: [segmentId, customerId] },
    });
    expect(issuesOf(inList)).toEqual([{ path: 'input.includeSegments.1', message: `ID: ${customerId} is not of type: Segment` }]);
    expect(issuesOf(await client.request(`{ node(id: "${encodeGlobalID('Segment', 'a\u0000b')}") { id } }`))[0]?.path).toBe('id');
    // An ID that decodes but names nothing is not an error: there is no such node.
    expect(await client.request(`{ node(id: "${encodeGlobalID('Segment', 'no-such-segment')}") { id } }`)).toEqual({ data: { node: null } });
  });

  it('that decode to the wrong kind of value are refused before they reach the database', async () => {
    for (const kind of ['N:1', 'J:{"a":1}', 'D:notadate', 'S:a\u0000b']) {
      const cursor = Buffer.from(`GPC:${kind}`).toString('base64');
      for (const query of [
        `{ customers(first: 2, after: "${cursor}") { edges { cursor } } }`,
        `{ promotions(first: 2, before: "${cursor}") { edges { cursor } } }`,
      ]) {
        const issues = issuesOf(await client.request(query));
        expect(issues[0]?.message, kind).toBe(`Invalid cursor: ${cursor}`);
      }
    }
  });

  it('that do not decode are refused on every connection, segment members included', async () => {
    for (const query of [`{ segments(after: "zzz") { edges { cursor } } }`, `{ customers(first: 2, after: "zzz") { edges { cursor } } }`]) {
      expect(issuesOf(await client.request(query))).toEqual([{ path: 'after', message: 'Invalid cursor: zzz' }]);
    }
    const members = await client.request(`query ($id: ID!) { node(id: $id) { ... on Segment { members(first: 1, after: "zzz") { edges { cursor } } } } }`, {
      id: segmentId,
    });
    expect(issuesOf(members)).toEqual([{ path: 'after', message: 'Invalid cursor: zzz' }]);
    const raw = await client.request(
      `query ($id: ID!, $after: String!) { node(id: $id) { ... on Segment { members(first: 1, after: $after) { edges { cursor } } } } }`,
      { id: segmentId, after: decodeURIComponent('0193') },
    );
    expect(issuesOf(raw)[0]?.path).toBe('after');
  });

  it('member cursors are opaque, and they page', async () => {
    await client.request(
      `mutation { upsertCustomers(input: { customers: [{ externalId: "vip-a", category: "vip" }, { externalId: "vip-b", category: "vip" }] }) { __typename } }`,
    );
    const page = async (after?: string) =>
      (
        await client.request(
          `query ($id: ID!, $after: String) { node(id: $id) { ... on Segment { members(first: 1, after: $after) { edges { cursor node { externalId } } pageInfo { hasNextPage } } } } }`,
          { id: segmentId, after },
        )
      ).data.node.members;
    const first = await page();
    expect(first.edges[0].cursor).not.toMatch(/^[0-9a-f-]{36}$/);
    const second = await page(first.edges[0].cursor);
    expect([first.edges[0].node.externalId, second.edges[0].node.externalId].sort()).toEqual(['vip-a', 'vip-b']);
  });
});
