// Who reads the privacy answers, through the API: admin and analyst keys read the export and
// the audit log, and the schema says so; a storefront key learns nothing of an audit entry or
// a customer by asking for its node.
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/access/api-keys.js';
import { prisma } from '../../src/db/client.js';
import { createTestClient, type TestClient } from '../support/http.js';

let client: TestClient;
let analystKey: string;

beforeAll(async () => {
  client = await createTestClient();
  analystKey = (await createApiKey('access analyst', ['ANALYST'])).secret;
});

describe('the privacy answers', () => {
  it('are read by admin and analyst keys, as their descriptions say', async () => {
    const query = await client.request(`{ __type(name: "Query") { fields { name description } } }`, {}, 'admin');
    const entry = await client.request(`{ __type(name: "AuditEntry") { description } }`, {}, 'admin');
    const fields = Object.fromEntries(query.data.__type.fields.map((field: any) => [field.name, field.description as string]));
    for (const description of [fields.customerDataExport, fields.auditLog, entry.data.__type.description]) {
      expect(description).toMatch(/admin and analyst keys/);
      expect(description).not.toMatch(/Admin only/);
    }
    const analyst = await client.request(
      `{ auditLog(first: 1) { totalCount } customerDataExport(customer: { externalId: "access-nobody" }) { __typename } }`,
      {},
      { key: analystKey },
    );
    expect(analyst.errors).toBeUndefined();
    expect(analyst.data.customerDataExport.__typename).toBe('NotFoundError');
  });

  it('tell a storefront key nothing of an audit entry or a customer asked for by ID, not even its type', async () => {
    const created = await client.request(
      'mutation { upsertCustomer(input: { externalId: "access-customer" }) { ... on MutationUpsertCustomerSuccess { data { customer { id } } } } }',
      {},
      'admin',
    );
    const customerId = created.data.upsertCustomer.data.customer.id as string;
    const product = await client.request(
      'mutation { upsertProduct(input: { sku: "ACCESS-ITEM", name: "Item", price: { amount: 100, currency: "USD" } }) { ... on MutationUpsertProductSuccess { data { product { id } } } } }',
      {},
      'admin',
    );
    const productId = product.data.upsertProduct.data.product.id as string;
    const entry = await prisma.auditEntry.findFirstOrThrow({ where: { operation: 'upsertCustomer' } });
    const auditId = Buffer.from(`AuditEntry:${entry.id}`).toString('base64');
    const unknownAuditId = Buffer.from('AuditEntry:00000000-0000-7000-8000-000000000000').toString('base64');
    const NODE = 'query ($id: ID!) { node(id: $id) { __typename } }';
    const NODES = 'query ($ids: [ID!]!) { nodes(ids: $ids) { __typename } }';

    for (const id of [auditId, customerId, unknownAuditId]) {
      const answer = await client.request(NODE, { id }, 'storefront');
      expect(answer.data.node).toBeNull();
      expect(answer.errors?.map((error: any) => error.extensions.code)).toEqual(['FORBIDDEN']);
      expect(JSON.stringify(answer)).not.toMatch(/AuditEntry|Customer/);
    }
    const many = await client.request(NODES, { ids: [productId, auditId, customerId] }, 'storefront');
    expect(many.data.nodes).toEqual([{ __typename: 'Product' }, null, null]);
    expect(many.errors?.map((error: any) => [error.extensions.code, error.path])).toEqual([
      ['FORBIDDEN', ['nodes', 1]],
      ['FORBIDDEN', ['nodes', 2]],
    ]);
    expect((await client.request(NODE, { id: productId }, 'storefront')).data.node).toEqual({ __typename: 'Product' });

    // Admin and analyst keys see them as before.
    expect((await client.request(NODES, { ids: [auditId, customerId, unknownAuditId] }, 'admin')).data.nodes).toEqual([
      { __typename: 'AuditEntry' },
      { __typename: 'Customer' },
      null,
    ]);
    expect((await client.request(NODE, { id: auditId }, { key: analystKey })).data.node).toEqual({ __typename: 'AuditEntry' });
  });
});
