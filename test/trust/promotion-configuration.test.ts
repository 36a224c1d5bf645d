// A promotion configured so that it could never work as meant is refused, naming the field,
// and nothing is written.
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeGlobalID } from '@pothos/plugin-relay';
import { prisma } from '../../src/db/client.js';
import { createTestClient, type TestClient } from '../support/http.js';

let client: TestClient;
beforeAll(async () => {
  client = await createTestClient();
});

const CREATE = `mutation ($input: CreatePromotionInput!) { createPromotion(input: $input) { ... on MutationCreatePromotionSuccess { data { promotion { id } } } ... on Error { message } } }`;
const UPDATE = `mutation ($input: UpdatePromotionInput!) { updatePromotion(input: $input) { ... on MutationUpdatePromotionSuccess { data { promotion { id currency } } } ... on Error { message } } }`;
const usdOver100 = { condition: { cartSubtotal: { subtotal: { atLeast: { amount: 10_000, currency: 'USD' } } } } };

describe('inconsistent promotions', () => {
  it('refuses a EUR promotion whose cart rule needs a USD subtotal', async () => {
    const before = await prisma.promotion.count();
    const result = await client.request(CREATE, {
      input: { name: 'Never applies', currency: 'EUR', cartRule: { and: [usdOver100] }, effects: [{ percentageOff: { percent: 10 } }] },
    });
    expect(result.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      issues: [
        {
          path: 'input.cartRule.and.0.condition.cartSubtotal',
          message: "the cart rule's cartSubtotal is in USD but the promotion is in EUR: carts in EUR never meet it",
        },
      ],
    });
    expect(await prisma.promotion.count()).toBe(before);
  });

  it('refuses changing the currency away from its cart rule, naming the currency', async () => {
    const created = await client.request(CREATE, {
      input: { name: 'USD over $100', currency: 'USD', cartRule: usdOver100, effects: [{ freeShipping: true }] },
    });
    const id = created.data.createPromotion.data.promotion.id;
    const result = await client.request(UPDATE, { input: { id, currency: 'EUR' } });
    expect(result.errors?.[0]?.extensions?.issues).toEqual([
      { path: 'input.currency', message: "the cart rule's cartSubtotal is in USD but the promotion is in EUR: carts in EUR never meet it" },
    ]);
    expect((await prisma.promotion.findUniqueOrThrow({ where: { id: decodeGlobalID(id).id } })).currency).toBe('USD');
  });

  it('refuses a {missing} nudge that nothing brings within reach', async () => {
    const result = await client.request(CREATE, {
      input: { name: 'Nudge', currency: 'USD', effects: [{ percentageOff: { percent: 5 } }, { message: { text: 'Add {missing} more' } }] },
    });
    expect(result.errors?.[0]?.extensions?.issues).toEqual([
      {
        path: 'input.effects.1.message.text',
        message:
          'uses {missing}, but no higher subtotal brings this promotion within reach (no cart subtotal condition, no tiers): the message would never show',
      },
    ]);
    const withThreshold = await client.request(CREATE, {
      input: { name: 'Nudge over $100', currency: 'USD', cartRule: usdOver100, effects: [{ freeShipping: true }, { message: { text: 'Add {missing} more' } }] },
    });
    expect(withThreshold.errors).toBeUndefined();
  });
});
