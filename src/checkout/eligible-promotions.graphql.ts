// `eligiblePromotions`: the storefront's question, asked on every cart change. No side effects
// but one: a customer's first exposure to a running experiment is stored (docs/experiments.md).
import { InputObjectRef, ObjectRef } from '@pothos/core';
import { implement, type BuilderTypes, type SchemaParts } from '../schema/builder.js';
import type { AppliedEffect } from '@cohort/plugin-sdk';
import { InvalidInputError, NotFoundError } from '../shared/errors.js';
import { eligibilityOf } from './checkout.js';
import { cartInputSchema, type CartInput as CartShape, type CheckoutInput as EligibilityInputShape } from './load.js';
import {
  type AppliedPromotion,
  type FreeItem,
  type CartMessage,
  type Eligibility,
  type NearlyEligible,
  type LoyaltyOutcome,
  type NotAppliedReason,
  type Suggestion,
  type VoucherResult,
} from './decide.js';
import type { VoucherProblem } from './vouchers.js';
import { MoneyRef } from '../schema/money.js';
import { CustomerRefInput } from '../customers/customer.graphql.js';
import { effectValue, PromotionEffect } from '../promotions/promotion-effect.graphql.js';
import { PromotionNode } from '../promotions/promotion.graphql.js';

export const VoucherResultRef = new ObjectRef<BuilderTypes, VoucherResult>('VoucherResult');
export const CartInput = new InputObjectRef<BuilderTypes, CartShape>('CartInput');
export const EligibilityInput = new InputObjectRef<BuilderTypes, EligibilityInputShape>('EligibilityInput');
const EligibilityRef = new ObjectRef<BuilderTypes, Eligibility>('Eligibility');

/** What an eligibility answer shows: applied and missed promotions, vouchers, suggestions, totals. */
export function registerEligibilityTypes({ builder, registry }: SchemaParts) {
  const notAppliedReasons = {
    NOT_IN_SEGMENT: { description: 'The shopper is in none of the segments the promotion targets.' },
    EXCLUDED_SEGMENT: { description: 'The shopper is in a segment the promotion excludes.' },
    CART_CONDITION: { description: "The cart does not meet the promotion's cart conditions (or its first tier) yet." },
    SCHEDULE: { description: 'Outside the days of the week or hours the promotion runs.' },
    LIMIT_REACHED: { description: 'The promotion was used as many times as it may be, in all or by this customer.' },
    BUDGET_SPENT: { description: 'The promotion has given all the discount its budget allows.' },
    NOT_COMBINABLE: { description: 'Exclusive promotions apply alone, and some promotions do not combine with voucher codes.' },
    CUSTOMER_REQUIRED: { description: 'The code is for certain customers only: say who the customer is.' },
    CURRENCY_MISMATCH: { description: 'The cart is in another currency than the promotion.' },
    NOTHING_TO_DISCOUNT: { description: 'Earlier promotions already took what this one discounts to zero.' },
    HELD_OUT: {
      description:
        "Only in explainEligibility: the customer is in the held-out arm of the promotion's running experiment. The storefront answers them as if the promotion did not exist.",
    },
  } satisfies Record<NotAppliedReason, { description: string }>;

  const NotAppliedReasonEnum = builder.enumType('NotAppliedReason', {
    description: 'Why a live promotion does not apply to this shopper and cart.',
    values: notAppliedReasons,
  });

  const money = (amount: number, currency: string) => ({ amount, currency });

  type AppliedEffectShape = { applied: AppliedEffect; eligibility: Eligibility };

  const LineAllocation = builder.objectRef<{ sku: string; amount: number; currency: string }>('LineAllocation').implement({
    fields: (t) => ({ sku: t.exposeString('sku'), amount: t.field({ type: MoneyRef, resolve: (line) => money(line.amount, line.currency) }) }),
  });

  const AppliedEffectRef = builder.objectRef<AppliedEffectShape>('AppliedEffect').implement({
    fields: (t) => ({
      effect: t.field({ type: PromotionEffect, resolve: ({ applied, eligibility }) => effectValue(applied.effect, eligibility.currency) as never }),
      amount: t.field({
        type: MoneyRef,
        description: 'What this effect takes off, lines and shipping together.',
        resolve: ({ applied, eligibility }) => money(applied.priced.amount, eligibility.currency),
      }),
      shipping: t.field({
        type: MoneyRef,
        description: 'The part taken off shipping.',
        resolve: ({ applied, eligibility }) => money(applied.priced.shipping, eligibility.currency),
      }),
      lines: t.field({
        type: [LineAllocation],
        description: 'The part taken off each line; these add up exactly to amount − shipping.',
        resolve: ({ applied, eligibility }) =>
          applied.priced.lineAllocations.map(({ line, amount }) => ({ sku: eligibility.cart.lines[line]?.sku ?? '', amount, currency: eligibility.currency })),
      }),
    }),
  });

  const FreeItemRef = builder.objectRef<FreeItem>('FreeItem').implement({
    description: 'A product a promotion gives free with the order: a line for the storefront to add at no charge.',
    fields: (t) => ({
      promotion: t.field({ type: PromotionNode, resolve: (item) => item.promotion }),
      sku: t.exposeString('sku'),
      quantity: t.exposeInt('quantity'),
    }),
  });

  const shippingPart = (applied: AppliedPromotion) => applied.effects.reduce((sum, effect) => sum + effect.priced.shipping, 0);

  const AppliedPromotionRef = builder.objectRef<{ applied: AppliedPromotion; eligibility: Eligibility }>('AppliedPromotion').implement({
    fields: (t) => ({
      promotion: t.field({ type: PromotionNode, resolve: ({ applied }) => applied.promotion }),
      discount: t.field({
        type: MoneyRef,
        description: "All this promotion takes off: its lines' part plus its shipping part. The promotions' discounts add up to the cart's totalDiscount.",
        resolve: ({ applied, eligibility }) => money(applied.discount, eligibility.currency),
      }),
      lineDiscount: t.field({
        type: MoneyRef,
        description: "The part taken off the cart's lines. The promotions' lineDiscounts add up to the cart's discountTotal.",
        resolve: ({ applied, eligibility }) => money(applied.discount - shippingPart(applied), eligibility.currency),
      }),
      shippingDiscount: t.field({
        type: MoneyRef,
        description: "The part taken off shipping. The promotions' shippingDiscounts add up to the cart's shippingDiscount.",
        resolve: ({ applied, eligibility }) => money(shippingPart(applied), eligibility.currency),
      }),
      effects: t.field({
        type: [AppliedEffectRef],
        resolve: ({ applied, eligibility }) => applied.effects.map((effect) => ({ applied: effect, eligibility })),
      }),
      freeItems: t.field({ type: [FreeItemRef], description: 'Products it gives free with the order.', resolve: ({ applied }) => applied.freeItems }),
    }),
  });

  const NotAppliedPromotion = builder.objectRef<Eligibility['notApplied'][number]>('NotAppliedPromotion').implement({
    fields: (t) => ({
      promotion: t.field({ type: PromotionNode, resolve: (entry) => entry.promotion }),
      reason: t.field({ type: NotAppliedReasonEnum, resolve: (entry) => entry.reason }),
    }),
  });

  const CartMessageRef = builder.objectRef<CartMessage>('CartMessage').implement({
    description: 'A message or content block the storefront should show.',
    fields: (t) => ({
      promotion: t.field({ type: PromotionNode, resolve: (message) => message.promotion }),
      text: t.exposeString('text'),
      link: t.exposeString('link', { nullable: true }),
      imageUrl: t.exposeString('imageUrl', { nullable: true }),
      placement: t.exposeString('placement', { description: 'CART, CATEGORY_PAGE or PRODUCT_PAGE.' }),
    }),
  });

  const NearlyEligibleRef = builder.objectRef<NearlyEligible & { currency: string }>('NearlyEligiblePromotion').implement({
    description: 'A promotion (or its next tier) the cart would get with a higher subtotal.',
    fields: (t) => ({
      promotion: t.field({ type: PromotionNode, resolve: (entry) => entry.promotion }),
      missing: t.field({ type: MoneyRef, description: 'How much more to add to the cart.', resolve: (entry) => money(entry.missing, entry.currency) }),
    }),
  });

  const VoucherReasonEnum = builder.enumType('VoucherReason', {
    description: 'Why a voucher code gives nothing: a problem with the code itself, or why its promotion does not apply.',
    values: {
      UNKNOWN_CODE: { description: 'No such code.' },
      EXPIRED: { description: 'The code has expired.' },
      CODE_LIMIT_REACHED: { description: 'The code was used as many times as it may be.' },
      RESERVED_ELSEWHERE: { description: "The code's remaining uses are held by other checkouts." },
      ...notAppliedReasons,
    } satisfies Record<VoucherProblem | NotAppliedReason, { description: string }>,
  });

  implement(
    builder,
    VoucherResultRef,
    builder.objectRef<VoucherResult>('VoucherResult').implement({
      fields: (t) => ({
        code: t.exposeString('code'),
        applied: t.exposeBoolean('applied'),
        reason: t.field({ type: VoucherReasonEnum, nullable: true, resolve: (voucher) => voucher.reason as never }),
        promotion: t.field({ type: PromotionNode, nullable: true, resolve: (voucher) => voucher.promotion }),
      }),
    }),
  );

  const SuggestionRef = builder.objectRef<Suggestion>('CartSuggestion').implement({
    description: 'Suggestive selling: products to offer with what is in the cart.',
    fields: (t) => ({
      promotion: t.field({ type: PromotionNode, resolve: (suggestion) => suggestion.promotion }),
      skus: t.exposeStringList('skus'),
      percentOff: t.float({ nullable: true, description: 'Discount on them once they are in the cart.', resolve: (suggestion) => suggestion.percent }),
      text: t.exposeString('text', { nullable: true }),
    }),
  });

  const LoyaltyRef = builder.objectRef<LoyaltyOutcome>('LoyaltyPointsOutcome').implement({
    fields: (t) => ({
      earns: t.exposeBoolean('earns'),
      multiplier: t.float({ description: '1 is normal, 2 double points, 0 none.', resolve: (loyalty) => loyalty.multiplierPercent / 100 }),
    }),
  });

  const EligibleLine = builder.objectRef<{ sku: string; quantity: number; subtotal: number; total: number; currency: string }>('EligibleCartLine').implement({
    fields: (t) => ({
      sku: t.exposeString('sku'),
      quantity: t.exposeInt('quantity'),
      subtotal: t.field({ type: MoneyRef, resolve: (line) => money(line.subtotal, line.currency) }),
      discount: t.field({ type: MoneyRef, resolve: (line) => money(line.subtotal - line.total, line.currency) }),
      total: t.field({ type: MoneyRef, resolve: (line) => money(line.total, line.currency) }),
    }),
  });

  implement(
    builder,
    EligibilityRef,
    builder.objectRef<Eligibility>('Eligibility').implement({
      description: 'The promotions a shopper gets with a cart, the totals after them, the messages to show, and what is within reach.',
      fields: (t) => {
        const amount = (pick: (eligibility: Eligibility) => number, description?: string) =>
          t.field({ type: MoneyRef, description, resolve: (eligibility) => money(pick(eligibility), eligibility.currency) });
        return {
          subtotal: amount((eligibility) => eligibility.subtotal, 'The lines before promotions.'),
          discountTotal: amount((eligibility) => eligibility.discountTotal, "Taken off the lines: the sum of the promotions' lineDiscount."),
          shipping: amount((eligibility) => eligibility.shipping, 'Shipping before promotions.'),
          shippingDiscount: amount((eligibility) => eligibility.shippingDiscount, "Taken off shipping: the sum of the promotions' shippingDiscount."),
          totalDiscount: amount(
            (eligibility) => eligibility.discountTotal + eligibility.shippingDiscount,
            "Taken off in all, lines and shipping: discountTotal + shippingDiscount, the sum of the promotions' discount.",
          ),
          total: amount((eligibility) => eligibility.total, 'What is left to pay: subtotal − discountTotal + shipping − shippingDiscount.'),
          lines: t.field({
            type: [EligibleLine],
            resolve: (eligibility) =>
              eligibility.cart.lines.map((line, index) => ({
                sku: line.sku,
                quantity: line.quantity,
                subtotal: line.unitPrice * line.quantity,
                total: eligibility.lineTotals[index] as number,
                currency: eligibility.currency,
              })),
          }),
          promotions: t.field({
            type: [AppliedPromotionRef],
            description: 'Applied promotions, in the order they were applied: priority (highest first), then oldest first.',
            resolve: (eligibility) => eligibility.applied.map((applied) => ({ applied, eligibility })),
          }),
          notApplied: t.field({
            type: [NotAppliedPromotion],
            description: 'Live promotions that do not apply, each with its reason.',
            resolve: (eligibility) => eligibility.notApplied,
          }),
          messages: t.field({ type: [CartMessageRef], resolve: (eligibility) => eligibility.messages }),
          suggestions: t.field({ type: [SuggestionRef], resolve: (eligibility) => eligibility.suggestions }),
          freeItems: t.field({
            type: [FreeItemRef],
            description: 'Products the applied promotions give free with the order, to add as lines at no charge.',
            resolve: (eligibility) => eligibility.freeItems,
          }),
          loyaltyPoints: t.field({
            type: LoyaltyRef,
            description: 'Whether the order earns loyalty points, and at what multiplier.',
            resolve: (eligibility) => eligibility.loyalty,
          }),
          vouchers: t.field({
            type: [VoucherResultRef],
            description: 'Each voucher code sent, and whether it applied.',
            resolve: (eligibility) => eligibility.vouchers,
          }),
          nearlyEligible: t.field({
            type: [NearlyEligibleRef],
            resolve: (eligibility) => eligibility.nearlyEligible.map((entry) => ({ ...entry, currency: eligibility.currency })),
          }),
          customerKnown: t.boolean({
            description:
              "Whether Cohort knows the customer the question named. False when none was named, or when it does not know them yet (a sign-up synced late): the answer is then an anonymous shopper's (shopSettings.unknownCustomers: ERROR refuses instead).",
            resolve: (eligibility) => eligibility.customerKnown ?? false,
          }),
          unknownSkus: t.stringList({
            description:
              "SKUs of the cart the catalogue does not know yet: priced from the line's unitPrice and counted in the subtotal, but no product-targeted promotion applies to them.",
            resolve: (eligibility) => eligibility.unknownSkus ?? [],
          }),
        };
      },
    }),
  );
}

/** The cart and the shopper, as a storefront asks about them. */
export function registerEligibilityInputs({ builder }: SchemaParts) {
  const CartLineInput = builder.inputType('CartLineInput', {
    fields: (t) => ({
      sku: t.string(),
      quantity: t.int(),
      unitPrice: t.int({
        required: false,
        description:
          "Minor units, in the cart's currency; defaults to the catalogue's price. Taken as given whatever currency the catalogue prices the product in, and required for a SKU the catalogue does not know yet (listed in unknownSkus).",
      }),
    }),
  });

  implement(
    builder,
    CartInput,
    builder.inputType('CartInput', {
      fields: (t) => ({
        currency: t.string({ description: 'ISO 4217 code of the cart.' }),
        lines: t.field({ type: [CartLineInput] }),
        shipping: t.int({ required: false, description: 'Shipping cost in minor units, before promotions; defaults to 0.' }),
      }),
      validate: cartInputSchema,
    }),
  );

  implement(
    builder,
    EligibilityInput,
    builder.inputType('EligibilityInput', {
      fields: (t) => ({
        customer: t.field({ type: CustomerRefInput, required: false, description: 'Leave out for an anonymous shopper.' }),
        cart: t.field({ type: CartInput }),
        voucherCodes: t.stringList({ required: false, description: 'Codes the shopper entered.' }),
        cartRef: t.string({ required: false, description: "The storefront's cart id: the codes it holds (reserveVoucher) stay available to it." }),
      }),
    }),
  );
}

export function registerEligiblePromotionsQuery({ builder }: SchemaParts) {
  builder.queryField('eligiblePromotions', (t) =>
    t.field({
      type: EligibilityRef,
      description:
        "Which promotions this shopper gets with this cart, what each takes off, and the totals. No side effects, but for storing a customer's first exposure to a promotion's running experiment.",
      authScopes: { storefront: true },
      // One statement and an evaluation of every live promotion: a request's cost limit admits a few, not hundreds.
      complexity: 1_000,
      errors: { types: [NotFoundError, InvalidInputError] },
      args: { input: t.arg({ type: EligibilityInput }) },
      resolve: async (_root, { input }, context) => {
        return (await eligibilityOf(input, context)).eligibility;
      },
    }),
  );
}
