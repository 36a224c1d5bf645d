// The audit log around an erasure: the erasure's entry never keeps the input that named the
// person, whatever the outcome; and an admin write about the person that ran while they were
// erased (its snapshots taken before the erasure committed, its entry inserted after) keeps
// neither its input nor its snapshots.
import { beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '../../src/db/client.js';
import { recordAuditEntry, snapshots, type Subject } from '../../src/privacy/audit.js';
import { createTestClient, type TestClient } from '../support/http.js';

let client: TestClient;

const ERASE = `mutation ($input: EraseCustomerInput!) { eraseCustomer(input: $input) { __typename ... on Error { code } } }`;
const AUDIT = `query ($operation: String) { auditLog(first: 50, operation: $operation) { edges { node { operation outcome input before after } } } }`;
const entries = async (operation: string) => (await client.ok(AUDIT, { operation })).auditLog.edges.map((edge: any) => edge.node);
const PERSON = { externalId: 'audit-1001', email: 'erin.erased@example.com', firstName: 'Erin', phone: '+44 20 7946 0000' };

beforeAll(async () => {
  client = await createTestClient();
  await prisma.auditEntry.deleteMany();
});

describe('the audit log around an erasure', () => {
  it('keeps no input of an erasure that did not succeed (nobody, or already erased)', async () => {
    expect((await client.request(ERASE, { input: { customer: { externalId: 'audit-nobody' } } })).data.eraseCustomer).toEqual({
      __typename: 'NotFoundError',
      code: 'NOT_FOUND',
    });
    const created = await client.ok(
      'mutation ($input: CustomerInput!) { upsertCustomer(input: $input) { ... on MutationUpsertCustomerSuccess { data { customer { id } } } } }',
      { input: { externalId: 'audit-twice' } },
    );
    const id = created.upsertCustomer.data.customer.id;
    expect((await client.ok(ERASE, { input: { customer: { id } } })).eraseCustomer.__typename).toBe('MutationEraseCustomerSuccess');
    expect((await client.request(ERASE, { input: { customer: { id } } })).data.eraseCustomer.code).toBe('NOT_FOUND');
    const log = await entries('eraseCustomer');
    expect(log).toEqual([
      { operation: 'eraseCustomer', outcome: 'NOT_FOUND', input: null, before: null, after: null },
      { operation: 'eraseCustomer', outcome: 'SUCCESS', input: { customer: { id } }, before: null, after: expect.any(Object) },
      { operation: 'eraseCustomer', outcome: 'NOT_FOUND', input: null, before: null, after: null },
    ]);
    expect(JSON.stringify(log)).not.toContain('audit-nobody');
  });

  it('keeps nothing of a write about a customer erased between its snapshot and its entry', async () => {
    await client.ok('mutation ($input: CustomerInput!) { upsertCustomer(input: $input) { __typename } }', { input: PERSON });
    // The write's start: its subject as stored (the whole profile).
    const subjects: Subject[] = [{ model: 'Customer', where: { externalId: PERSON.externalId } }];
    const before = await snapshots(subjects);
    expect(JSON.stringify(before)).toContain(PERSON.email);
    // The erasure commits in between.
    expect((await client.ok(ERASE, { input: { customer: { externalId: PERSON.externalId } } })).eraseCustomer.__typename).toBe('MutationEraseCustomerSuccess');
    // The write's end: its entry.
    const key = await prisma.apiKey.findFirstOrThrow({ where: { name: 'test admin' } });
    await recordAuditEntry({
      at: new Date(),
      caller: { keyId: key.id, name: key.name, session: null },
      operation: 'upsertCustomer',
      outcome: 'SUCCESS',
      args: { input: { ...PERSON, lastName: 'Late' } },
      subjects,
      before,
      result: null,
    });
    const log = await entries('upsertCustomer');
    expect(log[0]).toEqual({ operation: 'upsertCustomer', outcome: 'SUCCESS', input: { redacted: expect.any(String) }, before: null, after: null });
    for (const trace of Object.values(PERSON)) expect(JSON.stringify(log)).not.toContain(trace);
  });
});
