// What a promotion gives. Effects are stored as JSON in this shape (validated by zod) and
// priced by pricing.ts; amounts are integer minor units of the promotion's currency.
import { z } from 'zod';
import { productTargetSchema, describeProductTarget, type ProductTarget } from '@cohort/plugin-sdk';
import { amountSchema } from '../shared/money.js';

/** Percentages are stored as basis points (10% = 1000) so no float ever touches money. */
export const percentToBasisPoints = z
  .number()
  .gt(0, 'must be more than 0')
  .lte(100, 'must be at most 100')
  .refine((percent) => Math.abs(percent * 100 - Math.round(percent * 100)) < 1e-9, 'may have at most two decimals')
  .transform((percent) => Math.round(percent * 100));

/** What a discount applies to: the order's lines, some products' lines, or shipping. */
export const discountTargetSchema = z.union([z.object({ kind: z.literal('ORDER') }), z.object({ kind: z.literal('SHIPPING') }), z.object({ kind: z.literal('PRODUCTS'), products: productTargetSchema })]);
export type DiscountTarget = z.infer<typeof discountTargetSchema>;

const percentageOff = z.object({ type: z.literal('percentageOff'), basisPoints: z.number().int().min(1).max(10_000), target: discountTargetSchema });
const amountOff = z.object({ type: z.literal('amountOff'), amount: amountSchema.min(1, 'must be more than 0'), target: discountTargetSchema });
const freeShipping = z.object({ type: z.literal('freeShipping') });
const discountEffect = z.discriminatedUnion('type', [percentageOff, amountOff, freeShipping]);

export const placements = ['CART', 'CATEGORY_PAGE', 'PRODUCT_PAGE'] as const;

const buyXGetY = z.object({
  type: z.literal('buyXGetY'),
  buy: productTargetSchema,
  buyQuantity: z.number().int().min(1, 'must be at least 1'),
  get: productTargetSchema,
  getQuantity: z.number().int().min(1, 'must be at least 1'),
  /** Basis points off the "get" units; 10000 = free. */
  basisPoints: z.number().int().min(1).max(10_000),
});

export const effectSchema = z.discriminatedUnion('type', [
  percentageOff,
  amountOff,
  freeShipping,
  buyXGetY,
  z.object({
    type: z.literal('suggestion'),
    /** When the cart holds one of these products… */
    when: productTargetSchema,
    /** …suggest these, optionally with a discount on them once they are in the cart. */
    suggestSkus: z.array(z.string().trim().min(1)).min(1, 'suggest at least one SKU'),
    basisPoints: z.number().int().min(1).max(10_000).nullish(),
    text: z.string().trim().min(1).max(500).nullish(),
  }),
  z.object({
    type: z.literal('loyaltyPoints'),
    /** false: members of the promotion's segments earn no points on this order. */
    earn: z.boolean(),
    /** Points multiplier in percent: 200 = double points. */
    multiplierPercent: z.number().int().min(0).max(10_000).default(100),
  }),
  z.object({
    type: z.literal('tiered'),
    /** Ascending by minimum subtotal; the highest tier the cart reaches applies. */
    tiers: z
      .array(z.object({ minSubtotal: amountSchema, effects: z.array(discountEffect).min(1, 'a tier gives at least one discount') }))
      .min(1, 'give at least one tier')
      .refine((tiers) => tiers.every((tier, index) => index === 0 || tier.minSubtotal > (tiers[index - 1] as { minSubtotal: number }).minSubtotal), 'tiers must have increasing minimum subtotals'),
  }),
  z.object({
    type: z.literal('message'),
    /** `{missing}` is replaced by the amount still missing when the promotion is nearly eligible. */
    text: z.string().trim().min(1, 'must not be empty').max(500),
    link: z.string().url('must be a URL').nullish(),
    imageUrl: z.string().url('must be a URL').nullish(),
    placement: z.enum(placements),
  }),
]);

export type Effect = z.infer<typeof effectSchema>;
export type DiscountEffect = z.infer<typeof discountEffect>;

function describeTarget(target: DiscountTarget): string {
  if (target.kind === 'ORDER') return 'the order';
  if (target.kind === 'SHIPPING') return 'shipping';
  return describeProductTarget(target.products as ProductTarget);
}

export function describeEffect(effect: Effect, formatAmount: (amount: number) => string): string {
  switch (effect.type) {
    case 'percentageOff':
      return `${effect.basisPoints / 100}% off ${describeTarget(effect.target)}`;
    case 'amountOff':
      return `${formatAmount(effect.amount)} off ${describeTarget(effect.target)}`;
    case 'freeShipping':
      return 'free shipping';
    case 'tiered':
      return effect.tiers.map((tier) => `from ${formatAmount(tier.minSubtotal)}: ${tier.effects.map((inner) => describeEffect(inner, formatAmount)).join(' and ')}`).join('; ');
    case 'message':
      return `message: ${effect.text}`;
    case 'buyXGetY':
      return `buy ${effect.buyQuantity} of ${describeProductTarget(effect.buy as ProductTarget)}, get ${effect.getQuantity} of ${describeProductTarget(effect.get as ProductTarget)} ${effect.basisPoints === 10_000 ? 'free' : `${effect.basisPoints / 100}% off`}`;
    case 'suggestion':
      return `with ${describeProductTarget(effect.when as ProductTarget)}, suggest ${effect.suggestSkus.join(' or ')}${effect.basisPoints ? ` at ${effect.basisPoints / 100}% off` : ''}`;
    case 'loyaltyPoints':
      return effect.earn ? `earns ${effect.multiplierPercent / 100}× loyalty points` : 'earns no loyalty points';
  }
}
