// A partner's effect, loaded through configuration (examples/free-gift), works through
// GraphQL like a built-in one: its input in PromotionEffectInput, its output in the
// PromotionEffect union, its reward in the storefront's answer, its words in the admin's.
import { beforeAll, describe, expect, it } from 'vitest';
import freeGift from '../../examples/free-gift/index.js';
import { prisma } from '../../src/db/client.js';
import { createTestClient } from '../support/http.js';
import { registryWith } from '../support/registry.js';

const PROMOTION = `mutation ($input: CreatePromotionInput!) { createPromotion(input: $input) {
  ... on MutationCreatePromotionSuccess { data { promotion { id effectDescriptions effects { __typename ... on FreeGiftEffect { sku quantity } } } } }
  ... on Error { message } } }`;

const ELIGIBLE = `query ($input: EligibilityInput!) { eligiblePromotions(input: $input) { ... on QueryEligiblePromotionsSuccess { data {
  freeItems { sku quantity promotion { name } } promotions { promotion { name } freeItems { sku } discount { amount } } notApplied { promotion { name } reason } } } } }`;

describe('a partner effect: a free tote bag with orders over $100', () => {
  let client: Awaited<ReturnType<typeof createTestClient>>;

  beforeAll(async () => {
    client = await createTestClient({ registry: registryWith(freeGift) });
    await prisma.product.createMany({
      data: [
        { sku: 'GIFT-BOOT', name: 'Boot', price: 12_000, currency: 'USD' },
        { sku: 'GIFT-SOCK', name: 'Sock', price: 900, currency: 'USD' },
      ],
    });
  });

  it('adds its input and output to the schema', async () => {
    const input = await client.request('{ __type(name: "PromotionEffectInput") { inputFields { name type { name } } } }');
    expect(input.data.__type.inputFields).toContainEqual({ name: 'freeGift', type: { name: 'FreeGiftEffectInput' } });
    const union = await client.request('{ __type(name: "PromotionEffect") { possibleTypes { name } } }');
    expect(union.data.__type.possibleTypes).toContainEqual({ name: 'FreeGiftEffect' });
  });

  it('is stored, shown and described; the storefront gets the gift once the cart reaches $100, and not before', async () => {
    const created = await client.request(PROMOTION, {
      input: {
        name: 'Tote bag over $100',
        status: 'ACTIVE',
        currency: 'USD',
        cartRule: { condition: { cartSubtotal: { subtotal: { atLeast: { amount: 10_000, currency: 'USD' } } } } },
        effects: [{ freeGift: { sku: 'TOTE-BAG' } }],
      },
    });
    expect(created.errors).toBeUndefined();
    expect(created.data.createPromotion.data.promotion).toMatchObject({
      effectDescriptions: ['a free TOTE-BAG'],
      effects: [{ __typename: 'FreeGiftEffect', sku: 'TOTE-BAG', quantity: 1 }],
    });

    const big = await client.request(ELIGIBLE, { input: { cart: { currency: 'USD', lines: [{ sku: 'GIFT-BOOT', quantity: 1 }] } } }, 'storefront');
    expect(big.data.eligiblePromotions.data.freeItems).toEqual([{ sku: 'TOTE-BAG', quantity: 1, promotion: { name: 'Tote bag over $100' } }]);
    expect(big.data.eligiblePromotions.data.promotions).toEqual([
      { promotion: { name: 'Tote bag over $100' }, freeItems: [{ sku: 'TOTE-BAG' }], discount: { amount: 0 } },
    ]);

    const small = await client.request(ELIGIBLE, { input: { cart: { currency: 'USD', lines: [{ sku: 'GIFT-SOCK', quantity: 1 }] } } }, 'storefront');
    expect(small.data.eligiblePromotions.data.freeItems).toEqual([]);
    expect(small.data.eligiblePromotions.data.notApplied).toEqual([{ promotion: { name: 'Tote bag over $100' }, reason: 'CART_CONDITION' }]);
  });

  it('refuses bad parameters through its own schema, naming the field', async () => {
    const refused = await client.request(PROMOTION, {
      input: { name: 'Bad gift', currency: 'USD', effects: [{ freeGift: { sku: 'TOTE-BAG', quantity: 0 } }] },
    });
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.extensions?.issues).toEqual([{ path: 'input.effects.0.freeGift.quantity', message: 'must be at least 1' }]);
  });
});
