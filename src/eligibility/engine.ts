// The storefront's hot path: which promotions this shopper gets with this cart, what they
// save, which messages to show, and which promotions are within reach. It reads top to
// bottom: load the live promotions, the shopper's segments and the facts the cart rules
// need (a fixed number of queries whatever the number of promotions), then decide and price
// each promotion in the documented order, in memory.
import { EffectPricing, initialState, zonedTime, type AppliedEffect, type CartSnapshot, type EvaluationContext, type FactDefinition, type ShopContext, type ZonedTime } from '@cohort/plugin-sdk';
import { customersWithIds, readSqlFacts } from '../facts/loaders.js';
import { query } from '../db/client.js';
import type { Promotion } from '../generated/prisma/client.js';
import { inSchedule } from '../promotions/schedule.js';
import { countedLimitReached, countUsage, noUsage, periodStarts, type Usage } from '../promotions/usage-limits.js';
import { checkCodes, type VoucherProblem } from '../promotions/vouchers.js';
import type { CompiledRules, RuleRun } from '../segments/rule-tree.js';
import type { LoadFact } from '../facts/loaders.js';
import { getShopContext } from '../settings/shop-context.js';
import type { Clock } from '../shared/clock.js';
import { formatMoney } from '../shared/money.js';
import type { LivePromotion, LivePromotions, PromotionCatalogue } from './catalogue.js';
import { measuredAnswers, planMeasures, type ShopperMeasures } from './measures.js';

/** Why a live promotion does not apply; stable codes that clients may switch on. */
export type NotAppliedReason =
  | 'NOT_IN_SEGMENT'
  | 'EXCLUDED_SEGMENT'
  | 'CART_CONDITION'
  | 'SCHEDULE'
  | 'LIMIT_REACHED'
  | 'BUDGET_SPENT'
  | 'NOT_COMBINABLE'
  | 'CUSTOMER_REQUIRED'
  | 'CURRENCY_MISMATCH'
  | 'NOTHING_TO_DISCOUNT';

export interface AppliedPromotion {
  promotion: Promotion;
  /** The voucher code that unlocked it, if any. */
  voucherCodeId: string | null;
  discount: number;
  effects: AppliedEffect[];
  /** Products it gives free with the order. */
  freeItems: FreeItem[];
}

export interface FreeItem {
  promotion: Promotion;
  sku: string;
  quantity: number;
}

export interface CartMessage {
  promotion: Promotion;
  text: string;
  link: string | null;
  imageUrl: string | null;
  placement: 'CART' | 'CATEGORY_PAGE' | 'PRODUCT_PAGE';
}

export interface Suggestion {
  promotion: Promotion;
  skus: string[];
  /** The percentage off the suggested products once they are in the cart, if any. */
  percent: number | null;
  text: string | null;
}

export interface LoyaltyOutcome {
  /** False when an applied promotion says this order earns no points. */
  earns: boolean;
  /** The highest multiplier of the applied promotions, in percent (100 = normal). */
  multiplierPercent: number;
}

export interface NearlyEligible {
  promotion: Promotion;
  /** How much more the cart subtotal needs for the promotion (or its next tier) to apply. */
  missing: number;
}

export type VoucherStatusReason = VoucherProblem | NotAppliedReason;

export interface VoucherResult {
  code: string;
  promotion: Promotion | null;
  voucherCodeId: string | null;
  applied: boolean;
  /** Why the code gives nothing (null when applied). */
  reason: VoucherStatusReason | null;
}

export interface EligibilityOptions {
  voucherCodes?: string[];
  /** The checkout's cart or order reference: its own reservations do not count against it. */
  cartRef?: string | null;
  /** A known shopper's measures, read with them (eligibilityOf); read here when left out. */
  measures?: ShopperMeasures | null;
}

export interface Eligibility {
  currency: string;
  cart: CartSnapshot;
  subtotal: number;
  /** Taken off the lines. */
  discountTotal: number;
  shipping: number;
  shippingDiscount: number;
  /** subtotal − discountTotal + shipping − shippingDiscount. */
  total: number;
  /** What remains to pay on each cart line. */
  lineTotals: number[];
  applied: AppliedPromotion[];
  notApplied: { promotion: Promotion; reason: NotAppliedReason }[];
  messages: CartMessage[];
  nearlyEligible: NearlyEligible[];
  /** The segments (among those live promotions target) the shopper is in: recorded with redemptions. */
  segmentIds: string[];
  vouchers: VoucherResult[];
  suggestions: Suggestion[];
  loyalty: LoyaltyOutcome;
  /** Products the applied promotions give free, in their order. */
  freeItems: FreeItem[];
}

export async function evaluateEligibility(live: LivePromotions, customerId: string | null, cart: CartSnapshot, shipping: number, clock: Clock, loadFact: LoadFact, options: EligibilityOptions = {}): Promise<Eligibility> {
  const now = clock.now();
  const [catalogue, shop, codes] = await Promise.all([live.load(now), getShopContext(), checkCodes(options.voucherCodes ?? [], options.cartRef ?? null, customerId, now)]);
  const vouchers = new Map([...codes].map(([code, check]) => [code, { code, check, result: { code, promotion: null, voucherCodeId: check.voucher?.id ?? null, applied: false, reason: check.problem } as VoucherResult }]));
  const voucherFor = new Map([...vouchers.values()].filter((entry) => entry.check.problem === null).map((entry) => [entry.check.voucher?.promotionId as string, entry]));
  const anyVoucher = voucherFor.size > 0;
  // A known shopper's measured conditions are answered from their measures, the others from
  // facts (both read with the shopper: see eligibilityOf); an anonymous shopper has empty facts.
  const facts = await loadFacts(customerId, customerId === null ? catalogue.allFacts : catalogue.facts, loadFact);
  const measures = customerId === null ? null : (options.measures ?? (await readMeasures(customerId, catalogue, now, shop)));
  const cartContext = { now, shop, cart };
  const local = zonedTime(now, shop.timeZone);
  const knownSegments = measures ? measuredAnswers(catalogue.compiledSegments.rules, measures.plan.segments, measures.values, cartContext) : undefined;
  const knownCartRules = measures ? measuredAnswers(catalogue.cartRules, measures.plan.cartRules, measures.values, cartContext) : undefined;
  const members = catalogue.compiledSegments.membersOf(facts, cartContext, knownSegments);
  const cartRules = catalogue.cartRules.run(facts, cartContext, knownCartRules);
  const { promotions } = catalogue;
  // Without a code, only promotions that include one of the shopper's segments, or target none, can apply.
  const candidates = new Uint8Array(promotions.length);
  for (const position of catalogue.untargeted) candidates[position] = 1;
  const segmentIds: string[] = [];
  for (let segment = 0; segment < members.length; segment += 1) {
    if (members[segment] === 0) continue;
    segmentIds.push(catalogue.compiledSegments.ids[segment] as string);
    for (const position of catalogue.promotionsBySegment[segment] as number[]) candidates[position] = 1;
  }
  // Redemptions are counted only where limits are the next question: promotions whose limits
  // need counting, that this shopper could get (a candidate, or unlocked by a code) and that
  // pass every check before limits (schedule, targeting, cart rule).
  const toCount = catalogue.counted.filter((position) => {
    const promotion = promotions[position] as LivePromotion;
    const voucher = anyVoucher ? voucherFor.get(promotion.id) : undefined;
    if (voucher ? false : candidates[position] === 0 || promotion.record.requiresVoucher) return false;
    return reasonBeforeLimits(promotion, voucher !== undefined, customerId, local, members, cart, cartRules) === null;
  });
  const usage = await countUsage(query, 'promotionId', toCount.map((position) => (promotions[position] as LivePromotion).record), customerId, () => periodStarts(now, shop.timeZone));
  // Why each promotion does not apply, by position: undefined when it applies (or is not offered
  // without its code), null when it was never a candidate (the reason is worked out if asked for).
  const reasons: (NotAppliedReason | null | undefined)[] = new Array(promotions.length);

  const state = initialState(cart, shipping);
  let notApplied: Eligibility['notApplied'] | null = null;
  const result: Eligibility = {
    currency: cart.currency,
    cart,
    subtotal: cart.subtotal,
    discountTotal: 0,
    shipping,
    shippingDiscount: 0,
    total: 0,
    lineTotals: [],
    applied: [],
    get notApplied() {
      return (notApplied ??= listNotApplied(promotions, reasons, members, cart, local));
    },
    messages: [],
    nearlyEligible: [],
    segmentIds,
    vouchers: [],
    suggestions: [],
    loyalty: { earns: true, multiplierPercent: 100 },
    freeItems: [],
  };

  // Exclusive promotions apply alone: only when nothing applied before them, and nothing after them.
  let closedBy: 'exclusive' | null = null;
  for (let position = 0; position < promotions.length; position += 1) {
    const promotion = promotions[position] as LivePromotion;
    const voucher = anyVoucher ? voucherFor.get(promotion.id) : undefined;
    if (voucher) voucher.result.promotion = promotion.record;
    // A voucher-only promotion is not offered at all without its code.
    if (promotion.record.requiresVoucher && !voucher) continue;
    if (candidates[position] === 0 && !voucher) {
      reasons[position] = null;
      continue;
    }
    const reason =
      reasonBeforeLimits(promotion, voucher !== undefined, customerId, local, members, cart, cartRules) ??
      limitFailure(promotion, usage.get(promotion.id) ?? noUsage, customerId !== null) ??
      (closedBy || (promotion.record.exclusive && result.applied.length > 0) || (!voucher && anyVoucher && !promotion.record.combinesWithVouchers) ? 'NOT_COMBINABLE' : null);
    if (voucher) voucher.result.reason = reason;
    if (reason) {
      reasons[position] = reason;
      if (reason === 'CART_CONDITION') {
        const missing = missingSubtotal(promotion, catalogue.cartRules, cartContext, facts, knownCartRules);
        if (missing !== null) {
          result.nearlyEligible.push({ promotion: promotion.record, missing });
          result.messages.push(...messagesOf(promotion, missing, false));
        }
      }
      continue;
    }
    // Each effect may take at most what the per-order cap and the budget leave: a budget's last
    // order gets what is left (redeem() checks the budget again under lock).
    const { maxDiscountPerOrder, budget, discountGiven } = promotion.record;
    const cap = Math.min(maxDiscountPerOrder ?? Number.MAX_SAFE_INTEGER, budget == null ? Number.MAX_SAFE_INTEGER : budget - discountGiven);
    const pricing = new EffectPricing(cart, state, (type) => live.registry.effect(type), !promotion.record.percentOfDiscounted, cap);
    for (const effect of promotion.effects) pricing.give(effect);
    const nextTier = nextTierMissing(promotion, cart.subtotal);
    if (nextTier !== null) result.nearlyEligible.push({ promotion: promotion.record, missing: nextTier });
    let discount = 0;
    for (const effect of pricing.applied) discount += effect.priced.amount;
    const givesMoreThanMoney = pricing.gaveMoreThanMoney || promotion.messages.length > 0;
    if (pricing.applied.length === 0 && !givesMoreThanMoney) {
      // A tiered promotion whose first tier the cart does not reach yet, or a suggestion without its trigger.
      reasons[position] = 'CART_CONDITION';
      result.messages.push(...messagesOf(promotion, nextTier, false));
      continue;
    }
    if (discount === 0 && !givesMoreThanMoney) {
      reasons[position] = 'NOTHING_TO_DISCOUNT';
      continue;
    }
    const freeItems = pricing.freeItems.map((item) => ({ promotion: promotion.record, ...item }));
    result.applied.push({ promotion: promotion.record, discount, effects: pricing.applied, freeItems, voucherCodeId: voucher?.check.voucher?.id ?? null });
    result.messages.push(...messagesOf(promotion, nextTier, true));
    for (const suggestion of pricing.suggestions) result.suggestions.push({ promotion: promotion.record, ...suggestion });
    result.freeItems.push(...freeItems);
    for (const outcome of pricing.loyaltyOutcomes) {
      if (!outcome.earn) result.loyalty.earns = false;
      else result.loyalty.multiplierPercent = Math.max(result.loyalty.multiplierPercent, Math.round(outcome.multiplier * 100));
    }
    if (voucher) voucher.result.applied = true;
    if (promotion.record.exclusive) closedBy = 'exclusive';
  }

  // A valid code whose promotion is not live (a draft, archived or out of its dates) gives nothing.
  for (const entry of vouchers.values()) if (entry.result.promotion === null && entry.result.reason === null) entry.result.reason = 'SCHEDULE';
  result.vouchers = [...vouchers.values()].map((entry) => entry.result);
  if (!result.loyalty.earns) result.loyalty.multiplierPercent = 0;
  result.lineTotals = state.lines;
  result.discountTotal = cart.subtotal - state.lines.reduce((sum, amount) => sum + amount, 0);
  result.shippingDiscount = shipping - state.shipping;
  result.total = cart.subtotal - result.discountTotal + shipping - result.shippingDiscount;
  return result;
}

/** A known shopper's measures, in a statement of their own (when not read with the shopper). */
async function readMeasures(customerId: string, catalogue: PromotionCatalogue, now: Date, shop: ShopContext): Promise<ShopperMeasures> {
  const plan = planMeasures(catalogue, now, shop);
  if (plan.expressions.length === 0) return { plan, values: [] };
  const [row] = await readSqlFacts(query, [], customersWithIds([customerId]), plan.expressions);
  return { plan, values: row?.extra ?? plan.expressions.map(() => null) };
}

/** The values of these facts for the customer (their empty values for an anonymous shopper). */
async function loadFacts(customerId: string | null, definitions: FactDefinition[], loadFact: LoadFact): Promise<Record<string, unknown>> {
  const values = await Promise.all(definitions.map((fact) => (customerId === null ? fact.empty : loadFact(fact, customerId))));
  const facts: Record<string, unknown> = {};
  definitions.forEach((fact, index) => (facts[fact.name] = values[index]));
  return facts;
}

/** Why a promotion the shopper could get does not apply, by the checks that come before its limits: null when it passes them. */
function reasonBeforeLimits(promotion: LivePromotion, withCode: boolean, customerId: string | null, local: ZonedTime, members: Uint8Array, cart: CartSnapshot, cartRules: RuleRun): NotAppliedReason | null {
  return (
    (withCode && customerId === null && promotion.include.length + promotion.exclude.length > 0 ? 'CUSTOMER_REQUIRED' : null) ??
    (promotion.schedule && !inSchedule(promotion.schedule, local) ? 'SCHEDULE' : null) ??
    targetingFailure(promotion, members, cart) ??
    (promotion.cartRuleIndex === -1 || cartRules.holds(promotion.cartRuleIndex) ? null : 'CART_CONDITION')
  );
}

function limitFailure(promotion: LivePromotion, usage: Usage, customerKnown: boolean): NotAppliedReason | null {
  const { usageLimit, redemptionCount, budget, discountGiven } = promotion.record;
  if (usageLimit != null && redemptionCount >= usageLimit) return 'LIMIT_REACHED';
  if (promotion.countsUsage && countedLimitReached(promotion.record, usage, customerKnown)) return 'LIMIT_REACHED';
  if (budget != null && discountGiven >= budget) return 'BUDGET_SPENT';
  return null;
}

function targetingFailure(promotion: LivePromotion, members: Uint8Array, cart: CartSnapshot): NotAppliedReason | null {
  if (promotion.currency !== cart.currency) return 'CURRENCY_MISMATCH';
  for (const segment of promotion.exclude) if (members[segment] === 1) return 'EXCLUDED_SEGMENT';
  if (promotion.include.length === 0) return null;
  for (const segment of promotion.include) if (members[segment] === 1) return null;
  return 'NOT_IN_SEGMENT';
}

/**
 * The promotions that do not apply, in the order of application, with their reasons. Those
 * that were never candidates (the shopper is in none of their segments) get theirs here, by
 * the same checks in the same order as the others: schedule, then targeting.
 */
function listNotApplied(promotions: LivePromotion[], reasons: (NotAppliedReason | null | undefined)[], members: Uint8Array, cart: CartSnapshot, local: ZonedTime): Eligibility['notApplied'] {
  const list: Eligibility['notApplied'] = [];
  promotions.forEach((promotion, position) => {
    const reason = reasons[position];
    if (reason === undefined) return;
    list.push({
      promotion: promotion.record,
      reason: reason ?? (promotion.schedule && !inSchedule(promotion.schedule, local) ? 'SCHEDULE' : null) ?? targetingFailure(promotion, members, cart) ?? 'NOT_IN_SEGMENT',
    });
  });
  return list;
}

function nextTierMissing(promotion: LivePromotion, subtotal: number): number | null {
  for (const threshold of promotion.tierThresholds) if (threshold > subtotal) return threshold - subtotal;
  return null;
}

/**
 * The smallest increase of the cart subtotal that would meet the cart rule, if a subtotal
 * threshold is what is missing: "€18.50 more for free shipping". Tried at each subtotal
 * threshold of the rule's conditions (`subtotalThresholds`, e.g. cartSubtotal's lower bound)
 * above the current subtotal, lowest first (listed once per catalogue, in ascending order).
 */
function missingSubtotal(promotion: LivePromotion, cartRules: CompiledRules, context: EvaluationContext & { cart: CartSnapshot }, facts: Record<string, unknown>, known: Uint8Array | undefined): number | null {
  const { cart } = context;
  for (const threshold of promotion.subtotalThresholds) {
    if (threshold.currency !== cart.currency || threshold.amount <= cart.subtotal) continue;
    if (cartRules.run(facts, { ...context, cart: { ...cart, subtotal: threshold.amount } }, known).holds(promotion.cartRuleIndex)) return threshold.amount - cart.subtotal;
  }
  return null;
}

/**
 * The messages to show for a promotion. A text with `{missing}` is a nudge: it shows while
 * something is within reach (the promotion, or its next tier) with the amount filled in.
 * Other texts show while the promotion applies.
 */
function messagesOf(promotion: LivePromotion, missing: number | null, applies: boolean): CartMessage[] {
  if (promotion.messages.length === 0) return [];
  return promotion.messages
    .filter((effect) => (effect.text.includes('{missing}') ? missing !== null : applies))
    .map((effect) => ({
      promotion: promotion.record,
      text: missing === null ? effect.text : effect.text.replaceAll('{missing}', formatMoney({ amount: missing, currency: promotion.currency })),
      link: effect.link,
      imageUrl: effect.imageUrl,
      placement: effect.placement,
    }));
}
