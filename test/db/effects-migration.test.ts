// Promotions stored before effects became plugins keep what they give: the migration
// effects_as_plugins rewrites every effect of the closed shape into { type, params }, and
// each reads back through its plugin, with the same description as before.
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { afterAll, describe, expect, it } from 'vitest';
import { applyPendingMigrations, MIGRATIONS_DIR } from '../../src/db/migrate.js';
import { describeEffect } from '../../src/promotions/effects.js';
import { readStoredEffects } from '../../src/rules/effects.js';
import { registry as pluginRegistry } from '../support/registry.js';
import { testDatabaseName } from '../support/names.js';

const before = mkdtempSync(join(tmpdir(), 'cohort-migrations-'));
afterAll(() => rmSync(before, { recursive: true, force: true }));

const legacy = [
  { type: 'percentageOff', basisPoints: 1_250, target: { kind: 'ORDER' } },
  { type: 'amountOff', amount: 500, target: { kind: 'PRODUCTS', products: { brands: ['Trailblaze'] } } },
  { type: 'percentageOff', basisPoints: 5_000, target: { kind: 'SHIPPING' } },
  { type: 'freeShipping' },
  {
    type: 'tiered',
    tiers: [
      { minSubtotal: 5_000, effects: [{ type: 'percentageOff', basisPoints: 500, target: { kind: 'ORDER' } }] },
      { minSubtotal: 10_000, effects: [{ type: 'amountOff', amount: 1_000, target: { kind: 'ORDER' } }, { type: 'freeShipping' }] },
    ],
  },
  { type: 'buyXGetY', buy: { skus: ['SOCK'] }, buyQuantity: 2, get: { skus: ['SOCK'] }, getQuantity: 1, basisPoints: 10_000 },
  { type: 'suggestion', when: { skus: ['BOOT'] }, suggestSkus: ['WAX'], basisPoints: 1_000, text: 'Keep them dry' },
  { type: 'suggestion', when: { skus: ['BOOT'] }, suggestSkus: ['LACES'], basisPoints: null, text: null },
  { type: 'loyaltyPoints', earn: true, multiplierPercent: 200 },
  { type: 'message', text: 'Add {missing} more for free shipping', link: null, imageUrl: null, placement: 'CART' },
];

for (const entry of readdirSync(MIGRATIONS_DIR, { withFileTypes: true })) {
  if (entry.isFile() || entry.name < '20261204130000') cpSync(join(MIGRATIONS_DIR, entry.name), join(before, entry.name), { recursive: true });
}

/** A database migrated up to the migration before effects_as_plugins: PGlite, or a new PostgreSQL database when TEST_POSTGRES_URL is set. */
async function databaseBefore(): Promise<{
  adapter: SqlMigrationAwareDriverAdapterFactory;
  query: (text: string, values?: unknown[]) => Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}> {
  const serverUrl = process.env.TEST_POSTGRES_URL;
  if (!serverUrl) {
    const pglite = new PGlite();
    return {
      adapter: new PrismaPGlite(pglite),
      query: async (text, values) => (await pglite.query<Record<string, unknown>>(text, values)).rows,
      close: () => pglite.close(),
    };
  }
  const name = testDatabaseName('cohort_effects_migration');
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  return {
    adapter: new PrismaPg(pool),
    query: async (text, values) => (await pool.query(text, values)).rows,
    close: async () => {
      await pool.end();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

describe('the effects_as_plugins migration', () => {
  it('rewrites stored effects into { type, params }, each read back by its plugin and described as before', async () => {
    const database = await databaseBefore();
    const { adapter } = database;
    await applyPendingMigrations(adapter, { migrationsDir: before });
    await database.query(`INSERT INTO "Promotion" (id, name, currency, effects, "updatedAt") VALUES ('legacy', 'Legacy', 'USD', $1::jsonb, now())`, [
      JSON.stringify(legacy),
    ]);
    const { applied } = await applyPendingMigrations(adapter);
    expect(applied).toContain('20261204130000_effects_as_plugins');

    const [row] = await database.query(`SELECT effects FROM "Promotion" WHERE id = 'legacy'`);
    const read = readStoredEffects(row?.effects, pluginRegistry);
    if (!('effects' in read)) throw new Error(read.unreadable);
    expect(read.effects.map(({ type, params }) => ({ type, params }))).toEqual([
      { type: 'percentageOff', params: { percent: 12.5, appliesTo: null } },
      { type: 'amountOff', params: { amount: 500, appliesTo: { products: { brands: ['Trailblaze'] } } } },
      { type: 'percentageOff', params: { percent: 50, appliesTo: { shipping: true } } },
      { type: 'freeShipping', params: true },
      {
        type: 'tiered',
        params: {
          tiers: [
            { minSubtotal: 5_000, effects: [{ percentageOff: { percent: 5, appliesTo: null } }] },
            { minSubtotal: 10_000, effects: [{ amountOff: { amount: 1_000, appliesTo: null } }, { freeShipping: true }] },
          ],
        },
      },
      { type: 'buyXGetY', params: { buy: { skus: ['SOCK'] }, buyQuantity: 2, get: { skus: ['SOCK'] }, getQuantity: 1, percent: 100 } },
      { type: 'suggestion', params: { when: { skus: ['BOOT'] }, suggestSkus: ['WAX'], percent: 10, text: 'Keep them dry' } },
      { type: 'suggestion', params: { when: { skus: ['BOOT'] }, suggestSkus: ['LACES'], percent: null, text: null } },
      { type: 'loyaltyPoints', params: { earn: true, multiplier: 2 } },
      { type: 'message', params: { text: 'Add {missing} more for free shipping', link: null, imageUrl: null, placement: 'CART' } },
    ]);
    expect(read.effects.map((effect) => describeEffect(effect, 'USD'))).toEqual([
      '12.5% off the order',
      '$5.00 off a Trailblaze product',
      '50% off shipping',
      'free shipping',
      'from $50.00: 5% off the order; from $100.00: $10.00 off the order and free shipping',
      'buy 2 of SOCK, get 1 of SOCK free',
      'with BOOT, suggest WAX at 10% off',
      'with BOOT, suggest LACES',
      'earns 2× loyalty points',
      'message: Add {missing} more for free shipping',
    ]);
    await database.close();
  });
});
