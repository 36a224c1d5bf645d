// A partner's plugin project, outside the repository, as the guide (docs/plugins.md) has a
// partner build one: the SDK packed with `npm pack` and installed from the tarball, a
// condition written in plain JavaScript against the data contract, its agreement tests run
// in the partner's own folder (node:test, on the kit's in-memory database), then the plugin
// loaded into a running Cohort through COHORT_PLUGINS and used in a segment over HTTP.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, isAlive, ROOT, run, userEnvironment, type RunningProcess } from '../support/processes.js';

const exec = promisify(execFile);
const partner = mkdtempSync(join(tmpdir(), 'acme-cohort-plugin-'));
const home = mkdtempSync(join(tmpdir(), 'cohort-partner-server-'));
let server: RunningProcess | null = null;

afterAll(() => {
  if (server?.child.pid && isAlive(server.child.pid)) server.child.kill('SIGKILL');
  rmSync(partner, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
});

const PLUGIN = `// Acme's condition: customers who placed an order of at least some amount (one order, not a sum).
import { defineCondition, definePlugin, describeWindow, formatMoney, inWindow, moneySchema, ordersFact, sql, timeWindowSchema, windowSql, z } from '@cohort/plugin-sdk';

export const bigOrder = defineCondition({
  type: 'acmeBigOrder',
  label: 'Placed one order of at least an amount',
  params: z.object({
    minTotal: moneySchema.describe('One validated order totalled at least this, in this currency.'),
    within: timeWindowSchema.nullish(),
  }),
  facts: [ordersFact],
  evaluate: ({ minTotal, within }, { orders }, { now }) =>
    orders.some((order) => order.status === 'VALIDATED' && order.currency === minTotal.currency && order.total >= minTotal.amount && inWindow(order.placedAt, within, now)),
  toSql: ({ minTotal, within }, { customer, now }) => sql\`EXISTS (
    SELECT 1 FROM cohort_v1.orders o
    WHERE o.customer_id = \${customer}.id AND o.status = 'VALIDATED' AND o.currency = \${minTotal.currency} AND o.total >= \${minTotal.amount}
      AND \${windowSql(sql\`o.placed_at\`, within, now)})\`,
  describe: ({ minTotal, within }) => \`placed an order of at least \${formatMoney(minTotal)} \${describeWindow(within)}\`,
});

export default definePlugin({ name: '@acme/cohort-big-order', conditions: [bigOrder] });
`;

const TEST = `import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkAgreement, createTestDatabase, writeShop } from '@cohort/plugin-sdk/testing';
import { bigOrder } from './index.js';

const now = new Date('2026-06-01T12:00:00Z');
const daysAgo = (days) => new Date(now.getTime() - days * 86_400_000);
let db;
let shop;

before(async () => {
  db = await createTestDatabase();
  shop = await writeShop(db, [{ sku: 'SOFA', price: 90_000 }], [
    { name: 'one big order', orders: [{ placedAt: daysAgo(3), lines: [{ sku: 'SOFA', unitPrice: 90_000 }] }] },
    { name: 'two small orders', orders: [1, 2].map((days) => ({ placedAt: daysAgo(days), lines: [{ sku: 'SOFA', unitPrice: 45_000 }] })) },
    { name: 'big but cancelled', orders: [{ status: 'CANCELLED', placedAt: daysAgo(3), lines: [{ sku: 'SOFA', unitPrice: 90_000 }] }] },
    { name: 'big, long ago', orders: [{ placedAt: daysAgo(400), lines: [{ sku: 'SOFA', unitPrice: 90_000 }] }] },
    { name: 'never ordered' },
  ]);
});
after(() => db.close());

test('memory, SQL agree: one order of at least $500 in the last year', async () => {
  const result = await checkAgreement({ db, condition: bigOrder, params: { minTotal: { amount: 50_000, currency: 'USD' }, within: { lastDays: 365 } }, shop, now });
  assert.deepEqual(result.inMemory, ['one big order']);
});

test('without a window, an old order counts too', async () => {
  const result = await checkAgreement({ db, condition: bigOrder, params: { minTotal: { amount: 50_000, currency: 'USD' } }, shop, now });
  assert.deepEqual(result.inMemory, ['big, long ago', 'one big order']);
});
`;

async function graphql(port: number, key: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: Record<string, any>; errors?: unknown[] };
}

// Once per CI run (the PGlite pass): it starts its own server on its own embedded database.
describe.skipIf(process.env.TEST_POSTGRES_URL)('a partner project outside the repository', () => {
  beforeAll(async () => {
    // The SDK as a partner receives it: a tarball made by npm pack (which builds it).
    const { stdout } = await exec('npm', ['pack', '--pack-destination', partner, '--json'], { cwd: join(ROOT, 'packages/plugin-sdk') });
    const tarball = (JSON.parse(stdout) as { filename: string }[])[0]?.filename as string;
    writeFileSync(join(partner, 'package.json'), JSON.stringify({ name: 'acme-cohort-big-order', version: '1.0.0', type: 'module', private: true }, null, 2));
    await exec('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(partner, tarball)], { cwd: partner });
    writeFileSync(join(partner, 'index.js'), PLUGIN);
    writeFileSync(join(partner, 'index.test.js'), TEST);
  }, 180_000);

  it('installs the packed SDK: built JavaScript with type declarations and the migrations, no TypeScript source needed', () => {
    const installed = join(partner, 'node_modules/@cohort/plugin-sdk');
    expect(readdirSync(join(installed, 'dist'))).toEqual(expect.arrayContaining(['index.js', 'index.d.ts', 'testing.js', 'testing.d.ts']));
    expect(readdirSync(join(installed, 'migrations')).some((file) => file.endsWith('_partner_contract_v1.sql'))).toBe(true);
  });

  it("runs the partner's agreement tests in the partner's folder", async () => {
    const { stdout } = await exec(process.execPath, ['--test', 'index.test.js'], { cwd: partner });
    expect(stdout).toMatch(/# pass 2/);
    expect(stdout).toMatch(/# fail 0/);
  }, 120_000);

  it('loads into a running server through configuration, and answers in a segment over HTTP', async () => {
    const port = await freePort();
    server = run('npm', ['start'], userEnvironment({ COHORT_HOME: home, PORT: String(port), COHORT_PLUGINS: join(partner, 'index.js') }));
    await server.waitFor(/serving GraphQL at/, 90_000);
    const key = /ADMIN\s+(cohort_\S+)/.exec(server.output())?.[1] as string;

    const input = await graphql(port, key, '{ __type(name: "AcmeBigOrderConditionInput") { description inputFields { name description type { kind name ofType { name } } } } }');
    expect(input.data?.__type.description).toBe('Placed one order of at least an amount (condition type "acmeBigOrder", plugin "@acme/cohort-big-order").');
    expect(input.data?.__type.inputFields).toEqual([
      { name: 'minTotal', description: 'One validated order totalled at least this, in this currency.', type: { kind: 'NON_NULL', name: null, ofType: { name: 'MoneyInput' } } },
      { name: 'within', description: null, type: { kind: 'INPUT_OBJECT', name: 'TimeWindowInput', ofType: null } },
    ]);

    const write = async (query: string, variables: Record<string, unknown>) => expect((await graphql(port, key, query, variables)).errors).toBeUndefined();
    await write('mutation ($input: ProductInput!) { upsertProduct(input: $input) { product { sku } } }', { input: { sku: 'ACME-SOFA', name: 'Sofa', price: { amount: 90_000, currency: 'USD' } } });
    for (const [customer, total] of [['acme-1', 90_000], ['acme-2', 20_000]] as const) {
      await write('mutation ($input: CustomerInput!) { upsertCustomer(input: $input) { __typename } }', { input: { externalId: customer, registeredAt: '2025-01-01T00:00:00Z' } });
      await write('mutation ($input: OrderInput!) { upsertOrder(input: $input) { __typename } }', {
        input: { externalId: `${customer}-order`, customer: { externalId: customer }, status: 'VALIDATED', placedAt: new Date().toISOString(), currency: 'USD', lines: [{ sku: 'ACME-SOFA', quantity: 1, unitPrice: total }] },
      });
    }
    const created = await graphql(port, key, 'mutation ($input: CreateSegmentInput!) { createSegment(input: $input) { ... on MutationCreateSegmentSuccess { data { segment { memberCount ruleDescription members(first: 5) { edges { node { externalId } } } } } } ... on Error { message } } }', {
      input: { name: 'Big spenders at once', rule: { condition: { acmeBigOrder: { minTotal: { amount: 50_000, currency: 'USD' }, within: { lastDays: 30 } } } } },
    });
    expect(created.errors).toBeUndefined();
    expect(created.data?.createSegment.data.segment).toEqual({ memberCount: 1, ruleDescription: 'placed an order of at least $500.00 in the last 30 days', members: { edges: [{ node: { externalId: 'acme-1' } }] } });

    // Unknown parameters are refused by the partner's own schema, through the derived input.
    const misspelt = await graphql(port, key, 'mutation { createSegment(input: { name: "x", rule: { condition: { acmeBigOrder: { minTotl: { amount: 1, currency: "USD" } } } } }) { __typename } }');
    expect(JSON.stringify(misspelt.errors)).toContain('minTotl');
  }, 180_000);
});
