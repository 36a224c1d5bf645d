// A partner's plugin project, outside the repository, as the guide (docs/plugins.md) has a
// partner build one: the SDK packed with `npm pack` and installed from the tarball, a
// condition on the data contract and an effect, in plain JavaScript, tested in the partner's
// own folder (node:test, the kit's in-memory database and pricing), then the plugin loaded
// into a running Cohort through COHORT_PLUGINS, used in a segment and a promotion over HTTP.
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

afterAll(async () => {
  // SIGTERM, which npm passes on to the server (SIGKILL would stop npm and leave the server running).
  if (server?.child.pid && isAlive(server.child.pid)) {
    server.child.kill('SIGTERM');
    await Promise.race([server.exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
  }
  rmSync(partner, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
}, 30_000);

const PLUGIN = `// Acme's condition: customers who placed an order of at least some amount (one order, not a sum).
import { defineCondition, defineEffect, definePlugin, describeWindow, formatMoney, inWindow, moneySchema, ordersFact, outputField, sql, timeWindowSchema, windowSql, z } from '@cohort/plugin-sdk';

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

// Acme's effect: gift wrapping free (the gift-wrap lines of the cart, at no charge).
export const freeGiftWrap = defineEffect({
  type: 'acmeFreeGiftWrap',
  label: 'Gift wrapping free',
  params: z.object({ wrapSkus: z.array(z.string().min(1)).min(1).describe('The SKUs of gift wrapping.') }),
  output: { name: 'AcmeFreeGiftWrapEffect', fields: { wrapSkus: outputField({ type: { list: 'String' }, resolve: ({ wrapSkus }) => wrapSkus }) } },
  describe: () => 'free gift wrapping',
  apply: ({ wrapSkus }, cart) => {
    const lines = cart.cart.lines.flatMap((line, index) => (wrapSkus.includes(line.sku) ? [index] : []));
    if (lines.length > 0) cart.discountLines(lines, { percent: 100 });
  },
});

export default definePlugin({ name: '@acme/cohort-big-order', conditions: [bigOrder], effects: [freeGiftWrap] });
`;

const TEST = `import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEffects, checkAgreement, createTestDatabase, writeShop } from '@cohort/plugin-sdk/testing';
import { bigOrder, freeGiftWrap } from './index.js';

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

test('gift wrapping comes off, to the cent, and nothing else does', () => {
  const outcome = applyEffects({ give: [{ effect: freeGiftWrap, params: { wrapSkus: ['WRAP'] } }], cart: { lines: [{ sku: 'SOFA', unitPrice: 90_000 }, { sku: 'WRAP', quantity: 2, unitPrice: 495 }] } });
  assert.deepEqual(outcome.lineDiscounts, [0, 990]);
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
    // The SDK as a partner receives it: a tarball made by npm pack, of the build `npm test` made
    // first (pretest). Not rebuilt here (prepack): that would rewrite the files that the test
    // files running at the same time import.
    const { stdout } = await exec('npm', ['pack', '--ignore-scripts', '--pack-destination', partner, '--json'], { cwd: join(ROOT, 'packages/plugin-sdk') });
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
    expect(stdout).toMatch(/# pass 3/);
    expect(stdout).toMatch(/# fail 0/);
  }, 120_000);

  it('loads into a running server through configuration: its condition answers in a segment, its effect in a promotion, over HTTP', async () => {
    const port = await freePort();
    server = run('npm', ['start'], userEnvironment({ COHORT_HOME: home, PORT: String(port), COHORT_PLUGINS: join(partner, 'index.js') }));
    await server.waitFor(/serving GraphQL at/, 90_000);
    const key = /ADMIN\s+(cohort_\S+)/.exec(server.output())?.[1] as string;

    const input = await graphql(
      port,
      key,
      '{ __type(name: "AcmeBigOrderConditionInput") { description inputFields { name description type { kind name ofType { name } } } } }',
    );
    expect(input.data?.__type.description).toBe('Placed one order of at least an amount (condition type "acmeBigOrder", plugin "@acme/cohort-big-order").');
    expect(input.data?.__type.inputFields).toEqual([
      {
        name: 'minTotal',
        description: 'One validated order totalled at least this, in this currency.',
        type: { kind: 'NON_NULL', name: null, ofType: { name: 'MoneyInput' } },
      },
      { name: 'within', description: null, type: { kind: 'INPUT_OBJECT', name: 'TimeWindowInput', ofType: null } },
    ]);

    const write = async (query: string, variables: Record<string, unknown>) => expect((await graphql(port, key, query, variables)).errors).toBeUndefined();
    await write(
      'mutation ($input: ProductInput!) { upsertProduct(input: $input) { ... on MutationUpsertProductSuccess { data { product { sku } } } ... on Error { message } } }',
      { input: { sku: 'ACME-SOFA', name: 'Sofa', price: { amount: 90_000, currency: 'USD' } } },
    );
    for (const [customer, total] of [
      ['acme-1', 90_000],
      ['acme-2', 20_000],
    ] as const) {
      await write('mutation ($input: CustomerInput!) { upsertCustomer(input: $input) { __typename } }', {
        input: { externalId: customer, registeredAt: '2025-01-01T00:00:00Z' },
      });
      await write('mutation ($input: OrderInput!) { upsertOrder(input: $input) { __typename } }', {
        input: {
          externalId: `${customer}-order`,
          customer: { externalId: customer },
          status: 'VALIDATED',
          placedAt: new Date().toISOString(),
          currency: 'USD',
          lines: [{ sku: 'ACME-SOFA', quantity: 1, unitPrice: total }],
        },
      });
    }
    const created = await graphql(
      port,
      key,
      'mutation ($input: CreateSegmentInput!) { createSegment(input: $input) { ... on MutationCreateSegmentSuccess { data { segment { memberCount ruleDescription members(first: 5) { edges { node { externalId } } } } } } ... on Error { message } } }',
      {
        input: {
          name: 'Big spenders at once',
          rule: { condition: { acmeBigOrder: { minTotal: { amount: 50_000, currency: 'USD' }, within: { lastDays: 30 } } } },
        },
      },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data?.createSegment.data.segment).toEqual({
      memberCount: 1,
      ruleDescription: 'placed an order of at least $500.00 in the last 30 days',
      members: { edges: [{ node: { externalId: 'acme-1' } }] },
    });

    // The partner's effect, in a promotion the storefront gets.
    await write(
      'mutation ($input: ProductInput!) { upsertProduct(input: $input) { ... on MutationUpsertProductSuccess { data { product { sku } } } ... on Error { message } } }',
      { input: { sku: 'ACME-WRAP', name: 'Gift wrap', price: { amount: 495, currency: 'USD' } } },
    );
    const promotion = await graphql(
      port,
      key,
      'mutation ($input: CreatePromotionInput!) { createPromotion(input: $input) { ... on MutationCreatePromotionSuccess { data { promotion { effectDescriptions } } } ... on Error { message } } }',
      {
        input: { name: 'Wrapped for free', status: 'ACTIVE', currency: 'USD', effects: [{ acmeFreeGiftWrap: { wrapSkus: ['ACME-WRAP'] } }] },
      },
    );
    expect(promotion.data?.createPromotion.data.promotion.effectDescriptions).toEqual(['free gift wrapping']);
    const storefrontKey = /STOREFRONT\s+(cohort_\S+)/.exec(server.output())?.[1] as string;
    const priced = await graphql(
      port,
      storefrontKey,
      'query ($input: EligibilityInput!) { eligiblePromotions(input: $input) { ... on QueryEligiblePromotionsSuccess { data { lines { sku discount { amount } } totalDiscount { amount } } } } }',
      {
        input: {
          cart: {
            currency: 'USD',
            lines: [
              { sku: 'ACME-SOFA', quantity: 1 },
              { sku: 'ACME-WRAP', quantity: 2 },
            ],
          },
        },
      },
    );
    expect(priced.data?.eligiblePromotions.data).toEqual({
      lines: [
        { sku: 'ACME-SOFA', discount: { amount: 0 } },
        { sku: 'ACME-WRAP', discount: { amount: 990 } },
      ],
      totalDiscount: { amount: 990 },
    });

    // Unknown parameters are refused by the partner's own schema, through the derived input.
    const misspelt = await graphql(
      port,
      key,
      'mutation { createSegment(input: { name: "x", rule: { condition: { acmeBigOrder: { minTotl: { amount: 1, currency: "USD" } } } } }) { __typename } }',
    );
    expect(JSON.stringify(misspelt.errors)).toContain('minTotl');
  }, 180_000);
});
