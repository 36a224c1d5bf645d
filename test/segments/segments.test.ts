// Segments through the API: rule trees, previews, members, static lists and exports.
import { beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '../../src/db/client.js';
import { createServer } from '../../src/server/yoga.js';
import { createTestClient, type TestClient } from '../support/http.js';
import { registry as pluginRegistry } from '../support/registry.js';

let client: TestClient;
const ids: Record<string, string> = {};

const SEGMENT_FIELDS = `id name kind memberCount ruleDescription members(first: 10) { edges { node { externalId } } }`;
const CREATE = `mutation ($input: CreateSegmentInput!) { createSegment(input: $input) { __typename ... on MutationCreateSegmentSuccess { data { segment { ${SEGMENT_FIELDS} } } } ... on Error { message } } }`;

const category = (...categories: string[]) => ({ condition: { customerCategory: { categories } } });

beforeAll(async () => {
  client = await createTestClient();
  for (const [externalId, category] of [
    ['seg-ana', 'wholesale'],
    ['seg-ben', 'vip'],
    ['seg-cy', 'retail'],
    ['seg-dee', null],
  ] as const) {
    const customer = await prisma.customer.create({
      data: { externalId, category, email: `${externalId}@example.com`, registeredAt: new Date('2025-01-01T00:00:00Z') },
    });
    ids[externalId] = customer.id;
  }
});

async function createSegment(input: Record<string, unknown>) {
  const result = await client.request(CREATE, { input });
  expect(result.errors).toBeUndefined();
  return result.data.createSegment.data.segment;
}

const externalIds = (segment: { members: { edges: { node: { externalId: string } }[] } }) => segment.members.edges.map((edge) => edge.node.externalId).sort();

describe('rule trees', () => {
  it('combines AND, OR and NOT to any depth', async () => {
    const segment = await createSegment({
      name: 'Not retail, wholesale or vip',
      rule: { and: [{ or: [category('wholesale'), category('vip')] }, { not: category('retail') }] },
    });
    expect(segment.ruleDescription).toBe('((customer category is wholesale OR customer category is vip) AND NOT customer category is retail)');
    expect(segment.memberCount).toBe(2);
    expect(externalIds(segment)).toEqual(['seg-ana', 'seg-ben']);
  });

  it('treats a customer with no category as not matching, and NOT of it as matching', async () => {
    const segment = await createSegment({ name: 'Anything but wholesale', rule: { not: category('wholesale') } });
    expect(externalIds(segment)).toEqual(['seg-ben', 'seg-cy', 'seg-dee']);
  });

  it('rejects bad parameters, naming the field', async () => {
    const result = await client.request(CREATE, { input: { name: 'Bad', rule: { condition: { customerCategory: { categories: [] } } } } });
    expect(result.errors?.[0]?.extensions?.issues).toEqual([
      { path: 'input.rule.condition.customerCategory.categories', message: 'name at least one category' },
    ]);
  });

  it('rejects a tree deeper than the limit', async () => {
    let rule: Record<string, unknown> = category('x');
    for (let depth = 0; depth < 13; depth += 1) rule = { not: rule };
    const result = await client.request(CREATE, { input: { name: 'Deep', rule } });
    expect(result.errors?.[0]?.message).toContain('rules may be nested at most 12 levels deep');
  });

  it('rejects a condition input naming two condition types at once', async () => {
    const result = await client.request(CREATE, {
      input: { name: 'Two', rule: { condition: { customerCategory: { categories: ['a'] }, brandPurchased: { brands: ['b'] } } } },
    });
    expect(result.errors?.[0]?.message).toMatch(/exactly one/i);
  });

  it('refuses a duplicate name with a typed conflict', async () => {
    await createSegment({ name: 'Unique name', rule: category('vip') });
    const result = await client.request(CREATE, { input: { name: 'Unique name', rule: category('vip') } });
    expect(result.data.createSegment).toEqual({ __typename: 'ConflictError', message: 'A segment named "Unique name" already exists' });
  });
});

describe('questions about segments', () => {
  it('previews a rule without saving it', async () => {
    const before = await prisma.segment.count();
    const result = await client.request(
      `query ($rule: SegmentRuleInput!) { previewSegment(rule: $rule) { memberCount ruleDescription sample { externalId } } }`,
      { rule: category('vip', 'wholesale') },
    );
    expect(result.data.previewSegment).toMatchObject({ memberCount: 2, ruleDescription: 'customer category is vip or wholesale' });
    expect(result.data.previewSegment.sample.map((customer: { externalId: string }) => customer.externalId).sort()).toEqual(['seg-ana', 'seg-ben']);
    expect(await prisma.segment.count()).toBe(before);
  });

  it('pages through members with cursors', async () => {
    const segment = await createSegment({ name: 'Everyone with a category', rule: category('wholesale', 'vip', 'retail') });
    const page = `query ($id: ID!, $after: String) { node(id: $id) { ... on Segment { members(first: 2, after: $after) { pageInfo { hasNextPage endCursor } edges { node { externalId } } } } } }`;
    const first = await client.request(page, { id: segment.id });
    const second = await client.request(page, { id: segment.id, after: first.data.node.members.pageInfo.endCursor });
    expect(first.data.node.members.pageInfo.hasNextPage).toBe(true);
    expect(second.data.node.members.pageInfo.hasNextPage).toBe(false);
    const seen = [...first.data.node.members.edges, ...second.data.node.members.edges]
      .map((edge: { node: { externalId: string } }) => edge.node.externalId)
      .sort();
    expect(seen).toEqual(['seg-ana', 'seg-ben', 'seg-cy']);
  });

  it("lists a customer's segments and checks one membership", async () => {
    const vip = await createSegment({ name: 'VIP only', rule: category('vip') });
    const result = await client.request(`query ($id: ID!) { node(id: $id) { ... on Customer { segments { name } } } }`, {
      id: globalId('Customer', ids['seg-ben']!),
    });
    expect(result.data.node.segments.map((segment: { name: string }) => segment.name)).toContain('VIP only');
    const check = `query ($segment: ID!, $customer: CustomerRefInput!) { segmentMembership(segment: $segment, customer: $customer) { ... on QuerySegmentMembershipSuccess { data { isMember } } } }`;
    expect((await client.request(check, { segment: vip.id, customer: { externalId: 'seg-ben' } })).data.segmentMembership.data.isMember).toBe(true);
    expect((await client.request(check, { segment: vip.id, customer: { externalId: 'seg-cy' } })).data.segmentMembership.data.isMember).toBe(false);
  });
});

describe('static segments', () => {
  it('start as a snapshot of their rule and then only change by hand', async () => {
    const segment = await createSegment({ name: 'Launch-day VIPs', kind: 'STATIC', rule: category('vip') });
    expect(externalIds(segment)).toEqual(['seg-ben']);

    // A new VIP joins the dynamic rule's members, not the snapshot.
    await prisma.customer.update({ where: { id: ids['seg-cy'] }, data: { category: 'vip' } });
    const read = await client.request(`query ($id: ID!) { node(id: $id) { ... on Segment { memberCount } } }`, { id: segment.id });
    expect(read.data.node.memberCount).toBe(1);

    const add = await client.request(
      `mutation ($input: StaticSegmentMembersInput!) { addCustomersToSegment(input: $input) { ... on MutationAddCustomersToSegmentSuccess { data { segment { memberCount } } } } }`,
      { input: { segment: segment.id, customers: [{ externalId: 'seg-dee' }, { externalId: 'seg-ben' }] } },
    );
    expect(add.data.addCustomersToSegment.data.segment.memberCount).toBe(2);

    const refresh = await client.request(
      `mutation ($input: RefreshStaticSegmentInput!) { refreshStaticSegment(input: $input) { ... on MutationRefreshStaticSegmentSuccess { data { segment { ${SEGMENT_FIELDS} } } } } }`,
      { input: { segment: segment.id } },
    );
    expect(externalIds(refresh.data.refreshStaticSegment.data.segment)).toEqual(['seg-ben', 'seg-cy']);
    await prisma.customer.update({ where: { id: ids['seg-cy'] }, data: { category: 'retail' } });
  });

  it('refuse hand edits on a dynamic segment', async () => {
    const segment = await createSegment({ name: 'Dynamic retail', rule: category('retail') });
    const result = await client.request(
      `mutation ($input: StaticSegmentMembersInput!) { addCustomersToSegment(input: $input) { __typename ... on Error { message } } }`,
      { input: { segment: segment.id, customers: [{ externalId: 'seg-ana' }] } },
    );
    expect(result.data.addCustomersToSegment).toEqual({
      __typename: 'InvalidInputError',
      message: 'Segment "Dynamic retail" is dynamic: its members follow its rule',
    });
  });
});

describe('exporting members', () => {
  let segmentId: string;
  const yoga = createServer({ registry: pluginRegistry });
  const download = (path: string, key?: string) => yoga.fetch(`http://cohort.test${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });

  beforeAll(async () => {
    segmentId = (await createSegment({ name: 'Export me', rule: category('wholesale', 'vip') })).id;
  });

  it('gives admins a CSV of the members', async () => {
    const response = await download(`/export/segments/${segmentId}/members.csv`, client.keys.admin);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const lines = (await response.text()).trim().split('\n');
    expect(lines[0]).toBe('id,externalId,email,firstName,lastName,phone,category,country,registeredAt');
    expect(
      lines
        .slice(1)
        .map((line) => line.split(',')[1])
        .sort(),
    ).toEqual(['seg-ana', 'seg-ben']);
  });

  it('gives admins JSON too', async () => {
    const response = await download(`/export/segments/${segmentId}/members.json`, client.keys.admin);
    const rows = (await response.json()) as { externalId: string; email: string }[];
    expect(rows.map((row) => row.email).sort()).toEqual(['seg-ana@example.com', 'seg-ben@example.com']);
  });

  it('streams a large segment whole, in id order, each member once, with its default address', async () => {
    const count = 2_345; // more than two batches of the stream
    await prisma.customer.createMany({
      data: Array.from({ length: count }, (_, index) => ({
        externalId: `bulk-${index}`,
        category: 'bulk-export',
        registeredAt: new Date('2025-02-01T00:00:00Z'),
      })),
    });
    const bulk = await prisma.customer.findMany({ where: { category: 'bulk-export' }, select: { id: true, externalId: true }, orderBy: { id: 'asc' } });
    await prisma.address.createMany({
      data: bulk.flatMap((customer, index) =>
        index % 2 === 0
          ? [
              { customerId: customer.id, country: 'FR' },
              { customerId: customer.id, country: 'DE', isDefault: true },
            ]
          : [],
      ),
    });
    const segment = await createSegment({ name: 'Bulk export', rule: category('bulk-export') });
    const response = await download(`/export/segments/${segment.id}/members.csv`, client.keys.admin);
    const rows = (await response.text())
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(','));
    expect(rows.map((row) => row[1])).toEqual(bulk.map((customer) => customer.externalId));
    expect(rows.map((row) => row[7])).toEqual(bulk.map((_, index) => (index % 2 === 0 ? 'DE' : '')));
  });

  it('gives its connection back when the client stops reading', async () => {
    const segment = await createSegment({ name: 'Bulk export, abandoned', rule: category('bulk-export') });
    // More abandoned downloads than the pool has connections (5 in tests): none may keep one.
    for (let attempt = 0; attempt < 12; attempt += 1) {
      const response = await download(`/export/segments/${segment.id}/members.csv`, client.keys.admin);
      const reader = response.body!.getReader();
      expect((await reader.read()).done).toBe(false);
      await reader.cancel();
    }
    const after = await client.request(`{ segments(first: 1) { totalCount } }`);
    expect(after.errors).toBeUndefined();
    const complete = await download(`/export/segments/${segment.id}/members.json`, client.keys.admin);
    expect(((await complete.json()) as unknown[]).length).toBe(2_345);
  });

  it('runs a bounded number of exports at once, and cuts one whose client stops reading', async () => {
    const limited = createServer({ registry: pluginRegistry, exportLimits: { concurrent: 1, idleMs: 300 } });
    const get = (path: string) => limited.fetch(`http://cohort.test${path}`, { headers: { authorization: `Bearer ${client.keys.admin}` } });
    const segment = await createSegment({ name: 'Bulk export, paused', rule: category('bulk-export') });
    const paused = await get(`/export/segments/${segment.id}/members.csv`);
    const reader = paused.body!.getReader();
    expect((await reader.read()).done).toBe(false);
    const second = await get(`/export/segments/${segment.id}/members.csv`);
    expect(second.status).toBe(503);
    expect(second.headers.get('retry-after')).toBe('10');
    await second.body?.cancel();
    // The first client reads nothing more: after the idle time its download is cut and its slot freed.
    await new Promise((resolve) => setTimeout(resolve, 600));
    await expect(
      (async () => {
        for (;;) if ((await reader.read()).done) return 'ended';
      })(),
    ).rejects.toThrow('The client read nothing for 300 ms');
    const third = await get(`/export/segments/${segment.id}/members.json`);
    expect(((await third.json()) as unknown[]).length).toBe(2_345);
  });

  it('never without an admin key', async () => {
    expect((await download(`/export/segments/${segmentId}/members.csv`)).status).toBe(401);
    expect((await download(`/export/segments/${segmentId}/members.csv`, client.keys.storefront)).status).toBe(403);
    expect((await download(`/export/segments/not-an-id/members.csv`, client.keys.admin)).status).toBe(404);
  });
});

function globalId(type: string, id: string) {
  return Buffer.from(`${type}:${id}`).toString('base64');
}
