// Pagination keeps its word on every connection: a total count, a documented largest page
// (MAX_PAGE_SIZE) refused with BAD_USER_INPUT above it rather than cut silently, and an empty
// page (first: 0) that says whether there is a next one and carries no cursor.
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_PAGE_SIZE } from '../../src/server/input-errors.js';
import { createTestClient, type TestClient } from '../support/http.js';

let client: TestClient;
let segmentId = '';

beforeAll(async () => {
  client = await createTestClient();
  await client.request(
    `mutation { upsertCustomers(input: { customers: [{ externalId: "page-1", category: "paged" }, { externalId: "page-2", category: "paged" }, { externalId: "page-3", category: "paged" }] }) { __typename } }`,
  );
  const segment = await client.request(
    `mutation { createSegment(input: { name: "Paged", rule: { condition: { customerCategory: { categories: ["paged"] } } } }) { ... on MutationCreateSegmentSuccess { data { segment { id } } } } }`,
  );
  segmentId = segment.data.createSegment.data.segment.id;
});

const PAGE = 'totalCount pageInfo { hasNextPage endCursor } edges { cursor }';

/** Every connection of the API, as a query that pages it with `args` and selects `selection`. */
const connections = () => ({
  customers: (args: string, selection = PAGE) => `{ page: customers(${args}) { ${selection} } }`,
  segments: (args: string, selection = PAGE) => `{ page: segments(${args}) { ${selection} } }`,
  promotions: (args: string, selection = PAGE) => `{ page: promotions(${args}) { ${selection} } }`,
  products: (args: string, selection = PAGE) => `{ page: products(${args}) { ${selection} } }`,
  apiKeys: (args: string, selection = PAGE) => `{ page: apiKeys(${args}) { ${selection} } }`,
  webhookEndpoints: (args: string, selection = PAGE) => `{ page: webhookEndpoints(${args}) { ${selection} } }`,
  'Segment.members': (args: string, selection = PAGE) => `{ node(id: "${segmentId}") { ... on Segment { page: members(${args}) { ${selection} } } } }`,
});

const pageOf = (data: any) => data.page ?? data.node.page;

describe('connections', () => {
  it('count their items, and page through all of them', async () => {
    for (const [name, query] of Object.entries(connections())) {
      const first = await client.request(query('first: 2'));
      expect(first.errors, name).toBeUndefined();
      const total = pageOf(first.data).totalCount;
      expect(total, name).toBeGreaterThanOrEqual(pageOf(first.data).edges.length);
      let seen = pageOf(first.data).edges.length;
      let page = pageOf(first.data);
      while (page.pageInfo.hasNextPage) {
        page = pageOf((await client.request(query(`first: 2, after: "${page.pageInfo.endCursor}"`))).data);
        seen += page.edges.length;
      }
      expect(seen, name).toBe(total);
    }
    expect(pageOf((await client.request(connections()['Segment.members']('first: 10'))).data).totalCount).toBe(3);
  });

  it(`refuse a page larger than ${MAX_PAGE_SIZE} items with BAD_USER_INPUT naming the argument`, async () => {
    for (const [name, query] of Object.entries(connections())) {
      const refused = await client.request(query(`first: ${MAX_PAGE_SIZE + 1}`));
      expect(refused.errors?.[0]?.extensions, name).toMatchObject({
        code: 'BAD_USER_INPUT',
        issues: [{ path: 'first', message: `a page holds at most ${MAX_PAGE_SIZE} items: ask for the next page with \`after\`` }],
      });
      expect((await client.request(query(`last: ${MAX_PAGE_SIZE + 1}`))).errors?.[0]?.extensions?.code, name).toBe('BAD_USER_INPUT');
      expect((await client.request(query(`first: ${MAX_PAGE_SIZE}`, 'edges { cursor }'))).errors, name).toBeUndefined();
    }
    const asVariable = await client.request(`query ($size: Int) { customers(first: $size) { edges { cursor } } }`, { size: 5_000 });
    expect(asVariable.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('answer first: 0 with an empty page, no cursor, and hasNextPage only when there is a next page', async () => {
    for (const [name, query] of Object.entries(connections())) {
      const [empty, all] = await Promise.all([client.request(query('first: 0')), client.request(query('first: 1'))]);
      expect(empty.errors, name).toBeUndefined();
      expect(pageOf(empty.data).edges, name).toEqual([]);
      expect(pageOf(empty.data).pageInfo, name).toEqual({ hasNextPage: pageOf(all.data).edges.length > 0, endCursor: null });
    }
  });
});
