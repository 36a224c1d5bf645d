// The example partner effect, tested the way a partner would: with the SDK's test kit.
import { applyEffects } from '@cohort/plugin-sdk/testing';
import { describe, expect, it } from 'vitest';
import { freeGift } from './index.js';

describe('freeGift: a free tote bag with the order', () => {
  it('gives the product as a free item and takes nothing off the cart', () => {
    const outcome = applyEffects({ give: [{ effect: freeGift, params: { sku: 'TOTE' } }], cart: { lines: [{ sku: 'BOOT', unitPrice: 12_000 }] } });
    expect(outcome.freeItems).toEqual([{ sku: 'TOTE', quantity: 1 }]);
    expect(outcome.discount).toBe(0);
  });

  it('describes itself and refuses a quantity of none', () => {
    expect(freeGift.describe(freeGift.params.parse({ sku: 'TOTE', quantity: 2 }), { money: String })).toBe('2 free TOTE');
    expect(freeGift.params.safeParse({ sku: 'TOTE', quantity: 0 }).success).toBe(false);
  });
});
