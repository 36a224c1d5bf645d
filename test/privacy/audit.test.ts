// The audit log of admin writes, through the API: each admin mutation is recorded with the key's
// id and name (never a secret), the operation, its input and the objects it named before and
// after, failures included; storefront writes are not admin writes; only admin keys read it.
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/access/api-keys.js';
import { prisma } from '../../src/db/client.js';
import { createTestClient, type TestClient } from '../support/http.js';

let client: TestClient;
let analystKey: string;

const AUDIT = `query ($operation: String) { auditLog(first: 50, operation: $operation) { totalCount edges { node { id at apiKeyId apiKeyName viaConsole operation outcome input before after } } } }`;
const entries = async (operation?: string) => (await client.ok(AUDIT, { operation })).auditLog;

let segmentId: string;

beforeAll(async () => {
  client = await createTestClient();
  analystKey = (await createApiKey('test analyst', ['ANALYST'])).secret;
  await prisma.auditEntry.deleteMany();
});

describe('the audit log', () => {
  it('records an admin write with the key, the input and what the mutation made', async () => {
    const created = await client.ok(
      `mutation ($input: CreateSegmentInput!) { createSegment(input: $input) { ... on MutationCreateSegmentSuccess { data { segment { id } } } } }`,
      {
        input: { name: 'Wholesale', rule: { condition: { customerCategory: { categories: ['wholesale'] } } } },
      },
    );
    segmentId = created.createSegment.data.segment.id;
    const log = await entries('createSegment');
    expect(log.totalCount).toBe(1);
    const [entry] = log.edges.map((edge: any) => edge.node);
    const key = await prisma.apiKey.findFirstOrThrow({ where: { name: 'test admin' } });
    expect(entry).toMatchObject({
      apiKeyName: 'test admin',
      viaConsole: false,
      operation: 'createSegment',
      outcome: 'SUCCESS',
      before: null,
      input: { input: { name: 'Wholesale' } },
    });
    expect(Buffer.from(entry.apiKeyId, 'base64').toString()).toBe(`ApiKey:${key.id}`);
    expect(entry.after).toMatchObject({ segment: { name: 'Wholesale', kind: 'DYNAMIC' } });
  });

  it('keeps the object as it was before and after an update, and the code of a failure', async () => {
    await client.ok(`mutation ($input: UpdateSegmentInput!) { updateSegment(input: $input) { __typename } }`, {
      input: { id: segmentId, name: 'Wholesale buyers' },
    });
    const [update] = (await entries('updateSegment')).edges.map((edge: any) => edge.node);
    expect(update.before[segmentId]).toMatchObject({ name: 'Wholesale' });
    expect(update.after[segmentId]).toMatchObject({ name: 'Wholesale buyers' });

    const missing = Buffer.from('Segment:00000000-0000-7000-8000-000000000000').toString('base64');
    // A typed error is the answer expected here.
    const failed = (
      await client.request(`mutation ($input: UpdateSegmentInput!) { updateSegment(input: $input) { __typename ... on Error { code } } }`, {
        input: { id: missing, name: 'Nobody' },
      })
    ).data;
    expect(failed.updateSegment.code).toBe('NOT_FOUND');
    const [latest] = (await entries('updateSegment')).edges.map((edge: any) => edge.node);
    expect(latest).toMatchObject({ outcome: 'NOT_FOUND', before: { [missing]: null }, after: { [missing]: null } });

    await client.ok(`mutation ($input: DeleteSegmentInput!) { deleteSegment(input: $input) { __typename } }`, { input: { id: segmentId } });
    const [deletion] = (await entries('deleteSegment')).edges.map((edge: any) => edge.node);
    expect(deletion).toMatchObject({ outcome: 'SUCCESS', before: { [segmentId]: { name: 'Wholesale buyers' } }, after: { [segmentId]: null } });
  });

  it('never records a key or a secret', async () => {
    const hook = await client.ok(
      `mutation ($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { ... on MutationCreateWebhookEndpointSuccess { data { secret endpoint { id } } } } }`,
      {
        input: { url: 'https://crm.example.com/hooks', eventTypes: ['SEGMENT_ENTERED'] },
      },
    );
    const { secret, endpoint } = hook.createWebhookEndpoint.data;
    await client.ok(`mutation ($input: RotateWebhookSecretInput!) { rotateWebhookSecret(input: $input) { __typename } }`, { input: { id: endpoint.id } });
    const key = await client.ok(
      `mutation { createApiKey(input: { name: "another", scopes: [STOREFRONT] }) { ... on MutationCreateApiKeySuccess { data { secret } } } }`,
    );
    const everything = JSON.stringify(await entries());
    expect(everything).toContain('createWebhookEndpoint');
    expect(everything).toContain('rotateWebhookSecret');
    expect(everything).toContain('createApiKey');
    expect(everything).toContain('[redacted]');
    for (const hidden of [secret, key.createApiKey.data.secret, client.keys.admin, 'whsec_', 'v1:']) expect(everything).not.toContain(hidden);
    const stored = await prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: Buffer.from(endpoint.id, 'base64').toString().split(':')[1] } });
    expect(everything).not.toContain(stored.secretEncrypted);
  });

  it('records admin writes only: a storefront write is not one, and an analyst may write nothing', async () => {
    const before = (await entries()).totalCount;
    await client.ok('mutation ($input: ProductInput!) { upsertProduct(input: $input) { __typename } }', {
      input: { sku: 'AUDIT-ITEM', name: 'Item', price: { amount: 1_000, currency: 'USD' } },
    });
    await client.ok('mutation ($input: CustomerInput!) { upsertCustomer(input: $input) { __typename } }', { input: { externalId: 'audit-cust' } });
    await client.ok(
      'mutation ($input: RecordProductViewsInput!) { recordProductViews(input: $input) { __typename } }',
      { input: { views: [{ customer: { externalId: 'audit-cust' }, sku: 'AUDIT-ITEM' }] } },
      'storefront',
    );
    const refused = await client.request('mutation { createApiKey(input: { name: "x", scopes: [ADMIN] }) { __typename } }', {}, { key: analystKey });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const log = await entries();
    expect(log.totalCount).toBe(before + 2);
    expect(log.edges.slice(0, 2).map((edge: any) => edge.node.operation)).toEqual(['upsertCustomer', 'upsertProduct']);
    // An upsert names its object by external ID or SKU: before is null the first time (nothing yet), after is the row.
    const [upsert] = (await entries('upsertProduct')).edges.map((edge: any) => edge.node);
    expect(Object.values(upsert.before)).toEqual([null]);
    expect(Object.values(upsert.after)).toMatchObject([{ sku: 'AUDIT-ITEM', price: 1_000 }]);
  });

  it('is read with an admin key only', async () => {
    const storefront = await client.request(AUDIT, {}, 'storefront');
    expect(storefront.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(storefront.data).toBeNull();
    const anonymous = await client.request(AUDIT, {}, 'anonymous');
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(JSON.stringify(anonymous)).not.toContain('createSegment');
    // A read-only key reads what an admin reads.
    const analyst = await client.request(`{ auditLog(first: 1) { totalCount } }`, {}, { key: analystKey });
    expect(analyst.data.auditLog.totalCount).toBeGreaterThan(0);
    // Pages are like every other list.
    const page = await client.ok(`{ auditLog(first: 2) { totalCount pageInfo { hasNextPage endCursor } edges { node { operation } } } }`);
    expect(page.auditLog.edges).toHaveLength(2);
    expect(page.auditLog.pageInfo.hasNextPage).toBe(true);
  });
});
