// Who reads the privacy answers, through the API: admin and analyst keys read the export and
// the audit log, and the schema says so; a storefront key learns nothing of an audit entry or
// a customer by asking for its node.
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/access/api-keys.js';
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
    const analyst = await client.request(`{ auditLog(first: 1) { totalCount } customerDataExport(customer: { externalId: "access-nobody" }) { __typename } }`, {}, { key: analystKey });
    expect(analyst.errors).toBeUndefined();
    expect(analyst.data.customerDataExport.__typename).toBe('NotFoundError');
  });
});
