// The discounts, priced as Cohort prices them (the kit's applyEffects): exact allocations,
// caps, tiers and buy X get Y.
import { applyEffects } from '@cohort/plugin-sdk/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amountOff, buyXGetY, freeShipping, percentageOff, tiered } from './index.js';

const all = [percentageOff, amountOff, freeShipping, tiered, buyXGetY];

describe('discounts', () => {
  it('round a percentage once and split it over the lines exactly, largest remainder first', () => {
    // 10% of $10.00 is $1.00, split in proportion: 33.3 / 33.3 / 33.4 cents, the odd cent to the largest remainder.
    const outcome = applyEffects({
      give: [{ effect: percentageOff, params: { percent: 10 } }],
      cart: {
        lines: [
          { sku: 'A', unitPrice: 333 },
          { sku: 'B', unitPrice: 333 },
          { sku: 'C', unitPrice: 334 },
        ],
      },
    });
    expect(outcome.discount).toBe(100);
    expect(outcome.lineDiscounts).toEqual([33, 33, 34]);
    expect(outcome.applied[0]?.priced.lineAllocations.reduce((sum, line) => sum + line.amount, 0)).toBe(100);
  });

  it('never take more than the promotion may, nor more than remains', () => {
    const capped = applyEffects({
      give: [
        { effect: amountOff, params: { amount: 5_000 } },
        { effect: freeShipping, params: true },
      ],
      cart: { lines: [{ sku: 'A', unitPrice: 3_000 }], shipping: 800 },
      cap: 3_500,
    });
    expect(capped).toMatchObject({ lineDiscounts: [3_000], shippingDiscount: 500, discount: 3_500 });
  });

  it('give the discounts of the highest tier reached, and only them', () => {
    const params = {
      tiers: [
        { minSubtotal: 5_000, effects: [{ percentageOff: { percent: 5 } }] },
        { minSubtotal: 10_000, effects: [{ amountOff: { amount: 1_000 } }, { freeShipping: true }] },
      ],
    };
    const high = applyEffects({ give: [{ effect: tiered, params }], effects: all, cart: { lines: [{ sku: 'A', unitPrice: 12_000 }], shipping: 500 } });
    expect(high.applied.map((applied) => applied.effect.type)).toEqual(['amountOff', 'freeShipping']);
    expect(high.discount).toBe(1_500);
    const none = applyEffects({ give: [{ effect: tiered, params }], effects: all, cart: { lines: [{ sku: 'A', unitPrice: 4_000 }] } });
    expect(none.applied).toEqual([]);
  });

  it('buy 2 socks, get the cheapest third free', () => {
    const outcome = applyEffects({
      give: [{ effect: buyXGetY, params: { buy: { skus: ['SOCK'] }, buyQuantity: 2, get: { skus: ['SOCK'] }, getQuantity: 1 } }],
      cart: { lines: [{ sku: 'SOCK', quantity: 3, unitPrice: 500 }] },
    });
    expect(outcome.discount).toBe(500);
  });

  it('allocate every discount exactly over any cart: the parts add up, no line goes below zero', () => {
    const line = fc.record({ unitPrice: fc.integer({ min: 0, max: 50_000 }), quantity: fc.integer({ min: 1, max: 5 }) });
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        (lines, basisPoints, amount) => {
          const cart = { lines: lines.map((entry, index) => ({ sku: `S${index}`, ...entry })) };
          const outcome = applyEffects({
            give: [
              { effect: percentageOff, params: { percent: basisPoints / 100 } },
              { effect: amountOff, params: { amount } },
            ],
            cart,
          });
          const totals = lines.map((entry) => entry.unitPrice * entry.quantity);
          outcome.lineDiscounts.forEach((discount, index) => expect(discount).toBeLessThanOrEqual(totals[index] as number));
          for (const applied of outcome.applied) expect(applied.priced.lineAllocations.reduce((sum, part) => sum + part.amount, 0)).toBe(applied.priced.amount);
          expect(outcome.lineDiscounts.reduce((sum, discount) => sum + discount, 0)).toBe(outcome.discount);
        },
      ),
    );
  });

  it('refuse parameters that would not read back as stored', () => {
    expect(() => applyEffects({ give: [{ effect: percentageOff, params: { percent: 10.001 } }], cart: { lines: [] } })).toThrow(
      'percentageOff: percent: may have at most two decimals',
    );
  });
});
