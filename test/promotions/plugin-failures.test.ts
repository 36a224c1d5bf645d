// A plugin's bug costs its promotion, never the storefront: an effect that throws is left out
// of that cart (the others still apply, the totals as if it were not there), an effect that
// asks for nonsense amounts takes nothing it should not, and a server refuses at start an
// effect that gives effects no plugin defines.
import { defineEffect, definePlugin, outputField, z } from '@cohort/plugin-sdk';
import { applyEffects } from '@cohort/plugin-sdk/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { percentageOff } from '../../plugins/discounts/index.js';
import { prisma } from '../../src/db/client.js';
import { PluginRegistry } from '../../src/registry/registry.js';
import { createTestClient, type TestClient } from '../support/http.js';
import { registryWith } from '../support/registry.js';

const output = { name: 'AcmeBrokenEffect', fields: { broken: outputField<{ when: string }>({ type: 'String', resolve: ({ when }) => when }) } };

/** Fails when asked to, after taking something: what it took must be given back. */
const broken = defineEffect({
  type: 'acmeBroken',
  label: 'Fails when the cart holds a given SKU',
  params: z.object({ when: z.string() }),
  output,
  describe: () => 'broken',
  apply: ({ when }, cart) => {
    cart.discountLines([0], { amount: 100 });
    if (cart.cart.lines.some((line) => line.sku === when)) throw new Error('acme bug');
  },
});

/** Asks for amounts no cart can take: duplicate lines, fractions, not-a-number. */
const greedy = defineEffect({
  type: 'acmeGreedy',
  label: 'Asks for nonsense',
  params: z.object({ note: z.string().nullish() }),
  output: {
    name: 'AcmeGreedyEffect',
    fields: { note: outputField<{ note?: string | null }>({ type: 'String', nullable: true, resolve: ({ note }) => note ?? null }) },
  },
  describe: () => 'greedy',
  apply: (_params, cart) => {
    cart.discountLines([0, 0, 0], { percent: 100 });
    cart.takeFromLines([
      { line: 0, amount: 0.4 },
      { line: 0, amount: Number.NaN },
    ]);
    cart.discountShipping({ amount: 10.6 });
  },
});

describe('plugin failures', () => {
  let client: TestClient;
  const ELIGIBLE = `query ($input: EligibilityInput!) { eligiblePromotions(input: $input) { ... on QueryEligiblePromotionsSuccess { data {
    promotions { promotion { name } discount { amount } } total { amount } } } } }`;
  const price = async (sku: string) =>
    (await client.request(ELIGIBLE, { input: { cart: { currency: 'USD', lines: [{ sku, quantity: 1 }] } } }, 'storefront')).data.eligiblePromotions.data;

  beforeAll(async () => {
    client = await createTestClient({ registry: registryWith(definePlugin({ name: 'acme-broken', effects: [broken, greedy] })) });
    await prisma.product.createMany({
      data: [
        { sku: 'FAIL-OK', name: 'Fine', price: 1_000, currency: 'USD' },
        { sku: 'FAIL-BUG', name: 'Trigger', price: 1_000, currency: 'USD' },
      ],
    });
    for (const [name, priority, effects] of [
      ['Broken on FAIL-BUG', 2, [{ acmeBroken: { when: 'FAIL-BUG' } }]],
      ['Ten percent', 1, [{ percentageOff: { percent: 10 } }]],
    ] as const) {
      const created = await client.request(
        'mutation ($input: CreatePromotionInput!) { createPromotion(input: $input) { __typename ... on Error { message } } }',
        { input: { name, priority, status: 'ACTIVE', currency: 'USD', effects } },
      );
      expect(created.data.createPromotion.__typename).toBe('MutationCreatePromotionSuccess');
    }
  });

  it('leave a throwing effect’s promotion out of that cart, and answer with the others', async () => {
    expect(await price('FAIL-OK')).toEqual({
      promotions: [
        { promotion: { name: 'Broken on FAIL-BUG' }, discount: { amount: 100 } },
        { promotion: { name: 'Ten percent' }, discount: { amount: 90 } },
      ],
      total: { amount: 810 },
    });
    // The broken promotion took 100 before failing: it is given back, and 10% is of the full 1,000.
    expect(await price('FAIL-BUG')).toEqual({ promotions: [{ promotion: { name: 'Ten percent' }, discount: { amount: 100 } }], total: { amount: 900 } });
  });

  it('hold the money rules whatever an effect asks: each line once, whole minor units, nothing from nonsense', () => {
    const outcome = applyEffects({ give: [{ effect: greedy, params: {} }], cart: { lines: [{ sku: 'A', unitPrice: 1_000 }], shipping: 500 } });
    expect(outcome.lineDiscounts).toEqual([1_000]);
    expect(outcome.shippingDiscount).toBe(11);
    expect(outcome.applied.every((applied) => Number.isInteger(applied.priced.amount))).toBe(true);
  });

  it('refuse at start an effect that gives effects no plugin on the server defines', () => {
    const suggestionsOnly = defineEffect({
      ...percentageOff,
      type: 'acmeTiers',
      gives: ['acmeMissing'],
      output: { ...percentageOff.output, name: 'AcmeTiersEffect' },
    });
    expect(() => new PluginRegistry([definePlugin({ name: 'acme-tiers', effects: [suggestionsOnly] })])).toThrow(
      'Effect "acmeTiers" (plugin "acme-tiers") gives effects of type "acmeMissing", which no plugin on this server defines',
    );
  });
});
