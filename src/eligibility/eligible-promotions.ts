// `eligiblePromotions`: the storefront's question, asked on every cart change. No side effects.
import { builder } from '../schema/builder.js';
import { MoneyRef } from '../schema/money.js';
import { CustomerRefInput } from '../customers/customer.js';
import { resolveCustomerRef } from '../customers/refs.js';
import { PromotionEffect, PromotionNode } from '../promotions/promotion.js';
import type { Effect } from '../promotions/effects.js';
import { InvalidInputError, NotFoundError } from '../shared/errors.js';
import { cartInputSchema, resolveCart } from './cart.js';
import { evaluateEligibility, type AppliedPromotion, type Eligibility, type NotAppliedReason } from './engine.js';

const NotAppliedReasonEnum = builder.enumType('NotAppliedReason', {
  description: 'Why a live promotion does not apply to this shopper and cart.',
  values: {
    NOT_IN_SEGMENT: { description: 'The shopper is in none of the segments the promotion targets.' },
    EXCLUDED_SEGMENT: { description: 'The shopper is in a segment the promotion excludes.' },
    CURRENCY_MISMATCH: { description: 'The cart is in another currency than the promotion.' },
    NOTHING_TO_DISCOUNT: { description: 'Earlier promotions already took the cart to zero.' },
  } satisfies Record<NotAppliedReason, { description: string }>,
});

type AppliedEffectShape = { effect: Effect & { currency: string }; amount: number; currency: string };

const AppliedEffect = builder.objectRef<AppliedEffectShape>('AppliedEffect').implement({
  fields: (t) => ({
    effect: t.field({ type: PromotionEffect, resolve: (applied) => applied.effect }),
    amount: t.field({ type: MoneyRef, description: 'What this effect takes off.', resolve: (applied) => ({ amount: applied.amount, currency: applied.currency }) }),
  }),
});

const AppliedPromotionRef = builder.objectRef<AppliedPromotion & { currency: string }>('AppliedPromotion').implement({
  fields: (t) => ({
    promotion: t.field({ type: PromotionNode, resolve: (applied) => applied.promotion }),
    discount: t.field({ type: MoneyRef, resolve: (applied) => ({ amount: applied.discount, currency: applied.currency }) }),
    effects: t.field({
      type: [AppliedEffect],
      resolve: (applied) =>
        applied.effects.map(({ effectIndex, amount }) => ({
          effect: { ...(applied.promotion.effects as Effect[])[effectIndex]!, currency: applied.promotion.currency },
          amount,
          currency: applied.currency,
        })),
    }),
  }),
});

const NotAppliedPromotion = builder.objectRef<Eligibility['notApplied'][number]>('NotAppliedPromotion').implement({
  fields: (t) => ({
    promotion: t.field({ type: PromotionNode, resolve: (entry) => entry.promotion }),
    reason: t.field({ type: NotAppliedReasonEnum, resolve: (entry) => entry.reason }),
  }),
});

const EligibilityRef = builder.objectRef<Eligibility>('Eligibility').implement({
  description: 'The promotions a shopper gets with a cart, and the totals after them.',
  fields: (t) => {
    const money = (pick: (eligibility: Eligibility) => number) => t.field({ type: MoneyRef, resolve: (eligibility) => ({ amount: pick(eligibility), currency: eligibility.currency }) });
    return {
      subtotal: money((eligibility) => eligibility.subtotal),
      discountTotal: money((eligibility) => eligibility.discountTotal),
      total: money((eligibility) => eligibility.total),
      promotions: t.field({
        type: [AppliedPromotionRef],
        description: 'Applied promotions, in the order they were applied.',
        resolve: (eligibility) => eligibility.applied.map((applied) => ({ ...applied, currency: eligibility.currency })),
      }),
      notApplied: t.field({ type: [NotAppliedPromotion], description: 'Live promotions that do not apply, each with its reason.', resolve: (eligibility) => eligibility.notApplied }),
    };
  },
});

const CartLineInput = builder.inputType('CartLineInput', {
  fields: (t) => ({
    sku: t.string(),
    quantity: t.int(),
    unitPrice: t.int({ required: false, description: "Minor units; defaults to the catalogue's price." }),
  }),
});

const CartInput = builder.inputType('CartInput', {
  fields: (t) => ({
    currency: t.string({ description: 'ISO 4217 code of the cart.' }),
    lines: t.field({ type: [CartLineInput] }),
  }),
  validate: cartInputSchema,
});

const EligibilityInput = builder.inputType('EligibilityInput', {
  fields: (t) => ({
    customer: t.field({ type: CustomerRefInput, required: false, description: 'Leave out for an anonymous shopper.' }),
    cart: t.field({ type: CartInput }),
  }),
});

builder.queryField('eligiblePromotions', (t) =>
  t.field({
    type: EligibilityRef,
    description: 'Which promotions this shopper gets with this cart, what each takes off, and the totals. No side effects.',
    authScopes: { storefront: true },
    errors: { types: [NotFoundError, InvalidInputError] },
    args: { input: t.arg({ type: EligibilityInput }) },
    resolve: async (_root, { input }, context) => {
      const [customerId, cart] = await Promise.all([
        input.customer ? resolveCustomerRef(input.customer, ['input', 'customer']) : null,
        resolveCart(input.cart, context.loaders, ['input', 'cart']),
      ]);
      return evaluateEligibility(customerId, cart, context.clock, context.loadFact);
    },
  }),
);
