// Typed customer attributes, through the API: declared by an admin, checked and stored in one
// form on ingestion (a typed error naming the field otherwise), refused as a declaration while
// customers hold values the type would not take; and a subscription rule on a declared date,
// "renews within 7 days", entering and leaving on time, by the jobs, without a reconciliation.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eventually } from '../support/eventually.js';
import type { TestClient } from '../support/http.js';
import { serveWithJobsAt } from '../support/moving-clock.js';

// Monday 7 December 2026, 10:00 in Paris (the shop's zone).
const now = new Date('2026-12-07T09:00:00Z');
const setClock = (to: string) => vi.setSystemTime(new Date(to));

let client: TestClient;
let stop: () => Promise<void>;

const declare = (name: string, type: string) =>
  client.request(
    `mutation ($input: DeclareCustomerAttributeInput!) { declareCustomerAttribute(input: $input) { __typename ... on Error { message } ... on MutationDeclareCustomerAttributeSuccess { data { customerAttribute { name type } } } } }`,
    {
      input: { name, type, description: `${name}, typed` },
    },
  );
const upsert = (customers: { externalId: string; customFields: Record<string, unknown> }[]) =>
  client.request(`mutation ($input: UpsertCustomersInput!) { upsertCustomers(input: $input) { __typename } }`, { input: { customers } });
const fieldsOf = async (externalId: string) =>
  (await client.ok(`query ($q: String) { customers(first: 1, filter: { search: $q }) { edges { node { externalId customFields } } } }`, { q: externalId }))
    .customers.edges[0]?.node.customFields;

type Change = { segment: { name: string }; entered: boolean; at: string; cause: string };
const historyOf = async (externalId: string) => {
  const id = (await client.ok(`query ($q: String) { customers(first: 1, filter: { search: $q }) { edges { node { id } } } }`, { q: externalId })).customers
    .edges[0].node.id;
  return (
    await client.ok(`query ($id: ID!) { node(id: $id) { ... on Customer { segmentHistory { segment { name } entered at cause } } } }`, { id })
  ).node.segmentHistory
    .filter((change: Change) => change.segment.name === 'Renews within 7 days')
    .map(({ entered, at, cause }: Change) => ({ entered, at, cause }));
};

beforeAll(async () => {
  ({ client, stop } = await serveWithJobsAt(now));
  await client.ok(`mutation { updateShopSettings(input: { timeZone: "Europe/Paris" }) { __typename } }`);
});
afterAll(async () => {
  await stop();
});

describe('customer attributes', () => {
  it('are declared and listed by admins', async () => {
    for (const [name, type] of [
      ['renewsOn', 'DATE'],
      ['trialEndsAt', 'INSTANT'],
      ['credit', 'MONEY'],
      ['plans', 'STRING_LIST'],
      ['seats', 'NUMBER'],
    ]) {
      expect((await declare(name as string, type as string)).data?.declareCustomerAttribute).toEqual({
        __typename: 'MutationDeclareCustomerAttributeSuccess',
        data: { customerAttribute: { name, type } },
      });
    }
    const listed = await client.ok(`{ customerAttributes { name type description } }`);
    expect(listed.customerAttributes.map((attribute: { name: string }) => attribute.name)).toEqual(['credit', 'plans', 'renewsOn', 'seats', 'trialEndsAt']);
    const storefront = await client.request(`{ customerAttributes { name } }`, {}, 'storefront');
    expect(storefront.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('take their values in their type and store them in one form', async () => {
    const written = await upsert([
      {
        externalId: 'typed-1',
        customFields: {
          renewsOn: '2026-12-14',
          trialEndsAt: '2026-12-14T10:30:00+01:00',
          credit: { amount: 1500, currency: 'eur' },
          plans: ['coffee', 'tea'],
          seats: 3,
          note: 'free text',
        },
      },
    ]);
    expect(written.errors).toBeUndefined();
    expect(await fieldsOf('typed-1')).toEqual({
      renewsOn: '2026-12-14',
      trialEndsAt: '2026-12-14T09:30:00.000Z',
      credit: { amount: 1500, currency: 'EUR' },
      plans: ['coffee', 'tea'],
      seats: 3,
      note: 'free text',
    });
  });

  it('refuse a value of another type with a typed error naming the field, and write nothing of the batch', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ renewsOn: '2026-02-30' }, 'input.customers.1.customFields.renewsOn'],
      [{ renewsOn: '14/12/2026' }, 'input.customers.1.customFields.renewsOn'],
      [{ trialEndsAt: '2026-12-14T10:30:00' }, 'input.customers.1.customFields.trialEndsAt'],
      [{ credit: { amount: 15.5, currency: 'EUR' } }, 'input.customers.1.customFields.credit.amount'],
      [{ credit: { amount: 1500, currency: 'XXY' } }, 'input.customers.1.customFields.credit.currency'],
      [{ plans: 'coffee' }, 'input.customers.1.customFields.plans'],
      [{ seats: '3' }, 'input.customers.1.customFields.seats'],
      // An undeclared field holds a string, a number or a boolean only.
      [{ tastes: ['bitter'] }, 'input.customers.1.customFields.tastes'],
    ];
    for (const [customFields, path] of cases) {
      const result = await upsert([
        { externalId: 'typed-batch-ok', customFields: { seats: 1 } },
        { externalId: 'typed-batch-bad', customFields },
      ]);
      expect(result.errors?.[0]?.extensions?.code, JSON.stringify(customFields)).toBe('BAD_USER_INPUT');
      expect(
        (result.errors?.[0]?.extensions?.issues as { path: string }[]).map((issue) => issue.path),
        JSON.stringify(customFields),
      ).toEqual([path]);
    }
    expect(await fieldsOf('typed-batch-ok')).toBeUndefined();
  });

  it('cannot be declared, or retyped, while customers hold values the type would refuse', async () => {
    await upsert([
      { externalId: 'typed-size-1', customFields: { shoeSize: 42 } },
      { externalId: 'typed-size-2', customFields: { shoeSize: 'large' } },
    ]);
    const refused = await declare('shoeSize', 'NUMBER');
    expect(refused.data?.declareCustomerAttribute).toMatchObject({
      __typename: 'ConflictError',
      message: expect.stringContaining('1 customer(s) hold a value of "shoeSize" that is not a NUMBER (customer "typed-size-2"'),
    });
    expect((await declare('seats', 'STRING')).data?.declareCustomerAttribute.__typename).toBe('ConflictError');
    await upsert([{ externalId: 'typed-size-2', customFields: { shoeSize: 44 } }]);
    expect((await declare('shoeSize', 'NUMBER')).data?.declareCustomerAttribute.__typename).toBe('MutationDeclareCustomerAttributeSuccess');
    const removed = await client.request(
      `mutation { removeCustomerAttribute(name: "shoeSize") { __typename ... on MutationRemoveCustomerAttributeSuccess { data { customerAttribute { name type } } } } }`,
    );
    expect(removed.data?.removeCustomerAttribute).toEqual({
      __typename: 'MutationRemoveCustomerAttributeSuccess',
      data: { customerAttribute: { name: 'shoeSize', type: 'NUMBER' } },
    });
    const again = await client.request(`mutation { removeCustomerAttribute(name: "shoeSize") { __typename } }`);
    expect(again.data?.removeCustomerAttribute.__typename).toBe('NotFoundError');
  });

  it('"renews within 7 days" on a declared date enters and leaves on time, by time, without a reconciliation', async () => {
    await client.ok(`mutation ($input: CreateSegmentInput!) { createSegment(input: $input) { __typename } }`, {
      input: { name: 'Renews within 7 days', rule: { condition: { customField: { field: 'renewsOn', within: { nextDays: 7 } } } } },
    });
    // Renews on Monday 21 December: within 7 days from Monday 14 December, 00:00 in Paris (23:00 UTC the day before), until the 21st ends.
    expect((await upsert([{ externalId: 'renews-21', customFields: { renewsOn: '2026-12-21' } }])).errors).toBeUndefined();
    expect(await historyOf('renews-21')).toEqual([]);
    setClock('2026-12-13T22:59:59.999Z');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await historyOf('renews-21')).toEqual([]);
    setClock('2026-12-13T23:00:00.000Z');
    await eventually(async () => expect(await historyOf('renews-21')).toEqual([{ entered: true, at: '2026-12-13T23:00:00.000Z', cause: 'TIME' }]));
    setClock('2026-12-21T23:00:00.000Z');
    await eventually(async () =>
      expect(await historyOf('renews-21')).toEqual([
        { entered: false, at: '2026-12-21T23:00:00.000Z', cause: 'TIME' },
        { entered: true, at: '2026-12-13T23:00:00.000Z', cause: 'TIME' },
      ]),
    );
  });
});
