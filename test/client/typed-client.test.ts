// A new user's typed client: GraphQL Code Generator's client preset generates types from the
// committed schema.graphql for a storefront's and an admin's operations, a small client written
// against them handles every result with one pattern (a typed result's Success or Error by
// __typename, a request error by extensions.code), and TypeScript compiles it strictly. Then
// the client runs against a server and gets what the types say.
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { generate } from '@graphql-codegen/cli';
import { afterAll, describe, expect, it } from 'vitest';
import { createServer } from '../../src/server/yoga.js';
import { createTestClient } from '../support/http.js';
import { ROOT } from '../support/processes.js';
import { registry } from '../support/registry.js';

// Inside the project (ignored by git), so that the client resolves the packages a user's project would install.
const folder = join(ROOT, 'test', 'client', `.generated-${process.pid}`);
mkdirSync(folder, { recursive: true });
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const OPERATIONS = `
import { graphql } from './gql/index.js';

export const CartPage = graphql(\`
  query CartPage($input: EligibilityInput!) {
    eligiblePromotions(input: $input) {
      __typename
      ... on QueryEligiblePromotionsSuccess { data { customerKnown unknownSkus total { amount currency formatted } promotions { promotion { name } discount { amount } } } }
      ... on Error { code message }
    }
  }
\`);

export const Checkout = graphql(\`
  mutation Checkout($input: RedeemInput!) {
    redeem(input: $input) {
      __typename
      ... on MutationRedeemSuccess { data { replayed redemptions { id } } }
      ... on Error { code message }
    }
  }
\`);

export const Cancel = graphql(\`
  mutation Cancel($orderRef: String!) {
    rollbackRedemption(input: { orderRef: $orderRef }) {
      __typename
      ... on MutationRollbackRedemptionSuccess { data { redemptions { id status } } }
      ... on AlreadyRolledBackError { rolledBackAt }
      ... on Error { code message }
    }
  }
\`);

export const NewKey = graphql(\`
  mutation NewKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      __typename
      ... on MutationCreateApiKeySuccess { data { secret apiKey { id scopes } } }
      ... on Error { code message }
    }
  }
\`);

export const Customers = graphql(\`
  query Customers($first: Int!) {
    customers(first: $first) { totalCount pageInfo { hasNextPage endCursor } edges { node { id externalId } } }
  }
\`);
`;

const CLIENT = `
import type { TypedDocumentString } from './gql/graphql.js';
import { CartPage, Cancel, Checkout, Customers, NewKey } from './operations.js';

/** A request error (the response's errors list): one shape, with a code. */
export class RequestError extends Error {
  constructor(readonly code: string, message: string, readonly retryAfterSeconds: number | null) { super(message); }
}

export async function request<Result, Variables>(url: string, key: string, document: TypedDocumentString<Result, Variables>, variables: Variables): Promise<Result> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer ' + key }, body: JSON.stringify({ query: document.toString(), variables }) });
  const body = (await response.json()) as { data?: Result; errors?: { message: string; extensions?: { code?: string; retryAfterSeconds?: number } }[] };
  const error = body.errors?.[0];
  if (error) throw new RequestError(error.extensions?.code ?? 'UNKNOWN', error.message, error.extensions?.retryAfterSeconds ?? null);
  return body.data as Result;
}

/** Every typed result, one pattern: a Success carries data; anything else is an Error with a code. */
export function unwrap<Result extends { __typename?: string }>(result: Result): Extract<Result, { data: unknown }>['data'] {
  if ('data' in result) return (result as Extract<Result, { data: unknown }>).data;
  const failure = result as unknown as { code: string; message: string };
  throw new RequestError(failure.code, failure.message, null);
}

export async function cartPage(url: string, key: string) {
  const page = unwrap((await request(url, key, CartPage, { input: { customer: { externalId: 'typed-nobody' }, cart: { currency: 'USD', lines: [{ sku: 'TYPED-1', quantity: 2 }] } } })).eligiblePromotions);
  const total: number = page.total.amount;
  const known: boolean = page.customerKnown;
  return { total, known, promotions: page.promotions.map((entry) => entry.promotion.name) };
}

export async function checkoutAndCancel(url: string, key: string, orderRef: string) {
  const redeemed = unwrap((await request(url, key, Checkout, { input: { orderRef, cart: { currency: 'USD', lines: [{ sku: 'TYPED-1', quantity: 1 }] } } })).redeem);
  const first = unwrap((await request(url, key, Cancel, { orderRef })).rollbackRedemption);
  const second = (await request(url, key, Cancel, { orderRef })).rollbackRedemption;
  const again = second.__typename === 'AlreadyRolledBackError' ? second.rolledBackAt : null;
  return { replayed: redeemed.replayed, rolledBack: first.redemptions.length, again };
}

export async function adminWork(url: string, key: string) {
  const made = unwrap((await request(url, key, NewKey, { input: { name: 'typed', scopes: ['STOREFRONT'] } })).createApiKey);
  const page = (await request(url, key, Customers, { first: 2 })).customers;
  return { secret: made.secret, total: page.totalCount };
}
`;

const TSCONFIG = JSON.stringify({
  compilerOptions: {
    target: 'ES2022',
    module: 'ESNext',
    moduleResolution: 'Bundler',
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    lib: ['ES2022', 'DOM'],
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
  },
  include: ['*.ts', 'gql/*.ts'],
});

describe('a typed client from GraphQL Code Generator', () => {
  it('is generated from schema.graphql, handles every result with one pattern, and compiles strictly', async () => {
    writeFileSync(join(folder, 'operations.ts'), OPERATIONS);
    writeFileSync(join(folder, 'client.ts'), CLIENT);
    writeFileSync(join(folder, 'tsconfig.json'), TSCONFIG);
    writeFileSync(join(folder, 'package.json'), JSON.stringify({ type: 'module' }));
    await generate(
      {
        schema: join(ROOT, 'schema.graphql'),
        documents: [join(folder, 'operations.ts')],
        generates: {
          [join(folder, 'gql/')]: {
            preset: 'client',
            presetConfig: { fragmentMasking: false },
            config: {
              documentMode: 'string',
              useTypeImports: true,
              enumsAsTypes: true,
              scalars: { DateTime: 'string', Date: 'string', JSONObject: 'Record<string, unknown>', SafeInt: 'number' },
            },
          },
        },
        silent: true,
      },
      true,
    );
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const compiled = await promisify(execFile)(process.execPath, [tsc, '-p', join(folder, 'tsconfig.json')]).then(
      () => '',
      (error: { stdout?: string; stderr?: string }) => `${error.stdout ?? ''}${error.stderr ?? ''}`,
    );
    expect(compiled).toBe('');

    // The compiled client against a server: what the types say is what comes back.
    const { keys, request } = await createTestClient();
    await request(`mutation { upsertProduct(input: { sku: "TYPED-1", name: "Item", price: { amount: 1000, currency: "USD" } }) { __typename } }`);
    await request(
      `mutation { createPromotion(input: { name: "Typed 5%", status: ACTIVE, currency: "USD", effects: [{ percentageOff: { percent: 5 } }] }) { __typename } }`,
    );
    const server = createHttpServer(createServer({ registry }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    try {
      const client = (await import(join(folder, 'client.ts'))) as typeof import('./client-shape.js');
      expect(await client.cartPage(url, keys.storefront)).toEqual({ total: 1_900, known: false, promotions: ['Typed 5%'] });
      const checkout = await client.checkoutAndCancel(url, keys.storefront, 'TYPED-ORDER-1');
      expect(checkout).toMatchObject({ replayed: false, rolledBack: 1 });
      expect(typeof checkout.again).toBe('string');
      const admin = await client.adminWork(url, keys.admin);
      expect(admin.secret).toMatch(/^cohort_/);
      await expect(client.adminWork(url, keys.storefront)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }, 180_000);
});
