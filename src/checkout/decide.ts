// The storefront's hot path: which promotions this shopper gets with this cart, what they
// save, which messages to show, and which promotions are within reach. It reads top to
// bottom: load the live promotions, the shopper's segments and the facts the cart rules
// need (a fixed number of queries whatever the number of promotions), then decide and price
// each promotion in the documented order, in memory.
import { EffectPricing, initialState, zonedTime, type AppliedEffect, type CartSnapshot, type EvaluationContext, type PricingState, type ShopContext, type ZonedTime } from '@cohort/plugin-sdk';
import { query } from '../db/client.js';
import type { Promotion } from '../generated/prisma/client.js';
import { inSchedule } from '../rules/schedule.js';
import { countedLimitReached, countUsage, noUsage, periodStarts, type Usage } from '../rules/usage-limits.js';
import { checkCodes, type CodeCheck, type VoucherProblem } from './vouchers.js';
import type { CompiledRules, RuleRun } from '../rules/rule-tree.js';
import { getShopContext } from '../settings/shop-context.js';
import { logger } from '../shared/logger.js';
import { formatMoney } from '../shared/money.js';
import type { PluginRegistry } from '../registry/registry.js';
import type { LivePromotion, PromotionCatalogue } from './live-promotions.js';
import { measuredAnswers, type ShopperMeasures } from '../rules/measures.js';

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
  /** Whether the customer the question named is known (false also when none was named). */
  customerKnown?: boolean;
  /** SKUs of the cart the catalogue does not know yet, priced from the cart's unitPrice. */
  unknownSkus?: string[];
}

/** The live promotions of the moment (read once per request, for the shopper's facts and the evaluation alike), and the plugins that give their effects. */
export interface Live {
  catalogue: PromotionCatalogue;
  registry: PluginRegistry;
}

/** A known shopper as the storefront reads them (readShopper, in one statement): the facts the live promotions need besides measures, and the measures. */
export interface Shopper {
  customerId: string;
  facts: Record<string, unknown>;
  measures: ShopperMeasures;
}

/** Who the shopper is to the live promotions: their segments, their cart rules' answers, what their answers were computed from. */
interface Situation {
  customerId: string | null;
  cart: CartSnapshot;
  context: EvaluationContext & { cart: CartSnapshot };
  /** The shop's wall clock now, for schedules. */
  local: ZonedTime;
  facts: Record<string, unknown>;
  /** 1 at the index of each segment (catalogue.compiledSegments) the shopper is in. */
  members: Uint8Array;
  cartRules: RuleRun;
  /** The cart rules' conditions answered by measures, for "nearly eligible". */
  knownCartRules: Uint8Array | undefined;
}

/** A valid code in the request, and what came of it. */
interface CodeEntry {
  check: CodeCheck;
  result: VoucherResult;
}

/**
 * Which promotions the shopper (null: anonymous) gets with this cart, in the documented
 * order: each live promotion is decided (the reason it does not apply, if any), then priced,
 * and what it gives is gathered (money, messages, suggestions, loyalty points, free items).
 */
export async function evaluateEligibility(live: Live, shopper: Shopper | null, cart: CartSnapshot, shipping: number, now: Date, options: EligibilityOptions = {}): Promise<Eligibility> {
  const { catalogue } = live;
  const customerId = shopper?.customerId ?? null;
  const [shop, codes] = await Promise.all([getShopContext(), checkCodes(options.voucherCodes ?? [], options.cartRef ?? null, customerId, now)]);
  const entries = [...codes].map(([code, check]): CodeEntry => ({ check, result: { code, promotion: null, voucherCodeId: check.voucher?.id ?? null, applied: false, reason: check.problem } }));
  const codeFor = new Map(entries.filter((entry) => entry.check.problem === null).map((entry) => [entry.check.voucher?.promotionId as string, entry]));
  const situation = situationOf(catalogue, shopper, { now, shop, cart });
  const candidates = candidatesOf(catalogue, situation.members);
  const usage = await usageToCheck(catalogue, candidates, codeFor, situation, shop);
  const { promotions } = catalogue;
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
      return (notApplied ??= listNotApplied(promotions, reasons, situation.members, cart, situation.local));
    },
    messages: [],
    nearlyEligible: [],
    segmentIds: segmentIdsOf(catalogue, situation.members),
    vouchers: [],
    suggestions: [],
    loyalty: { earns: true, multiplierPercent: 100 },
    freeItems: [],
  };

  // Exclusive promotions apply alone: only when nothing applied before them, and nothing after them.
  let closed = false;
  for (let position = 0; position < promotions.length; position += 1) {
    const promotion = promotions[position] as LivePromotion;
    const code = codeFor.size > 0 ? codeFor.get(promotion.id) : undefined;
    if (code) code.result.promotion = promotion.record;
    // A voucher-only promotion is not offered at all without its code.
    if (promotion.record.requiresVoucher && !code) continue;
    if (candidates[position] === 0 && !code) {
      reasons[position] = null;
      continue;
    }
    const reason = reasonBeforeLimits(promotion, code !== undefined, situation) ?? limitFailure(promotion, usage.get(promotion.id) ?? noUsage, customerId !== null) ?? stackingFailure(promotion, code !== undefined, closed, result.applied.length, codeFor.size > 0);
    if (code) code.result.reason = reason;
    if (reason) {
      reasons[position] = reason;
      if (reason === 'CART_CONDITION') nearlyEligibleByCartRule(promotion, catalogue, situation, result);
      continue;
    }
    const pricing = priceEffects(promotion, state, situation.cart, live);
    if (!pricing) continue;
    const outcome = outcomeOf(promotion, pricing);
    const nextTier = nextTierMissing(promotion, cart.subtotal);
    if (nextTier !== null) result.nearlyEligible.push({ promotion: promotion.record, missing: nextTier });
    if (outcome !== 'APPLIES') {
      reasons[position] = outcome;
      // A tier not reached yet still shows its nudge.
      if (outcome === 'CART_CONDITION') result.messages.push(...messagesOf(promotion, nextTier, false));
      continue;
    }
    gather(result, promotion, pricing, code, nextTier);
    if (promotion.record.exclusive) closed = true;
  }

  // A valid code whose promotion is not live (a draft, archived or out of its dates) gives nothing.
  for (const entry of entries) if (entry.result.promotion === null && entry.result.reason === null) entry.result.reason = 'SCHEDULE';
  result.vouchers = entries.map((entry) => entry.result);
  if (!result.loyalty.earns) result.loyalty.multiplierPercent = 0;
  result.lineTotals = state.lines;
  result.discountTotal = cart.subtotal - state.lines.reduce((sum, amount) => sum + amount, 0);
  result.shippingDiscount = shipping - state.shipping;
  result.total = cart.subtotal - result.discountTotal + shipping - result.shippingDiscount;
  return result;
}

/**
 * The shopper's segments and cart rules. A known shopper's measured conditions are answered
 * from their measures, the others from their facts (both read with the shopper: readShopper);
 * an anonymous shopper has every fact empty.
 */
function situationOf(catalogue: PromotionCatalogue, shopper: Shopper | null, context: EvaluationContext & { cart: CartSnapshot }): Situation {
  const facts = shopper?.facts ?? Object.fromEntries(catalogue.allFacts.map((fact) => [fact.name, fact.empty]));
  const measures = shopper?.measures;
  const knownSegments = measures ? measuredAnswers(catalogue.compiledSegments.rules, measures.plan.segments, measures.values, context) : undefined;
  const knownCartRules = measures ? measuredAnswers(catalogue.cartRules, measures.plan.cartRules, measures.values, context) : undefined;
  return {
    customerId: shopper?.customerId ?? null,
    cart: context.cart,
    context,
    local: zonedTime(context.now, context.shop.timeZone),
    facts,
    members: catalogue.compiledSegments.membersOf(facts, context, knownSegments),
    cartRules: catalogue.cartRules.run(facts, context, knownCartRules),
    knownCartRules,
  };
}

/** Without a code, only promotions that include one of the shopper's segments, or target none, can apply: 1 at their positions. */
function candidatesOf(catalogue: PromotionCatalogue, members: Uint8Array): Uint8Array {
  const candidates = new Uint8Array(catalogue.promotions.length);
  for (const position of catalogue.untargeted) candidates[position] = 1;
  for (let segment = 0; segment < members.length; segment += 1) {
    if (members[segment] === 0) continue;
    for (const position of catalogue.promotionsBySegment[segment] as number[]) candidates[position] = 1;
  }
  return candidates;
}

/** The segments (among those live promotions target) the shopper is in: recorded with redemptions. */
function segmentIdsOf(catalogue: PromotionCatalogue, members: Uint8Array): string[] {
  const ids: string[] = [];
  for (let segment = 0; segment < members.length; segment += 1) if (members[segment] === 1) ids.push(catalogue.compiledSegments.ids[segment] as string);
  return ids;
}

/**
 * Redemptions counted only where limits are the next question: promotions whose limits need
 * counting, that this shopper could get (a candidate, or unlocked by a code) and that pass
 * every check before limits (schedule, targeting, cart rule).
 */
function usageToCheck(catalogue: PromotionCatalogue, candidates: Uint8Array, codeFor: Map<string, CodeEntry>, situation: Situation, shop: ShopContext): Promise<Map<string, Usage>> {
  const toCount = catalogue.counted.filter((position) => {
    const promotion = catalogue.promotions[position] as LivePromotion;
    const withCode = codeFor.has(promotion.id);
    if (!withCode && (candidates[position] === 0 || promotion.record.requiresVoucher)) return false;
    return reasonBeforeLimits(promotion, withCode, situation) === null;
  });
  const records = toCount.map((position) => (catalogue.promotions[position] as LivePromotion).record);
  return countUsage(query, 'promotionId', records, situation.customerId, () => periodStarts(situation.context.now, shop.timeZone));
}

/** Exclusivity and codes: after an exclusive promotion nothing applies, an exclusive one applies only first, and some promotions do not combine with other promotions' codes. */
function stackingFailure(promotion: LivePromotion, withCode: boolean, closed: boolean, appliedSoFar: number, anyCode: boolean): NotAppliedReason | null {
  return closed || (promotion.record.exclusive && appliedSoFar > 0) || (!withCode && anyCode && !promotion.record.combinesWithVouchers) ? 'NOT_COMBINABLE' : null;
}

/** A promotion whose cart rule is not met yet may be within reach of a higher subtotal: say how much more, and show its nudges. */
function nearlyEligibleByCartRule(promotion: LivePromotion, catalogue: PromotionCatalogue, situation: Situation, result: Eligibility): void {
  const missing = missingSubtotal(promotion, catalogue.cartRules, situation.context, situation.facts, situation.knownCartRules);
  if (missing === null) return;
  result.nearlyEligible.push({ promotion: promotion.record, missing });
  result.messages.push(...messagesOf(promotion, missing, false));
}

/**
 * Prices a promotion's effects on what earlier promotions left, within its per-order cap and
 * what is left of its budget (redeem() checks the budget again under lock). An effect that
 * fails (a plugin's bug) costs its promotion, not the request: the promotion is left out, the
 * cart as it was before it, and the failure logged (null).
 */
function priceEffects(promotion: LivePromotion, state: PricingState, cart: CartSnapshot, live: Live): EffectPricing | null {
  const { maxDiscountPerOrder, budget, discountGiven, percentOfDiscounted } = promotion.record;
  const cap = Math.min(maxDiscountPerOrder ?? Number.MAX_SAFE_INTEGER, budget == null ? Number.MAX_SAFE_INTEGER : budget - discountGiven);
  const before = { lines: state.lines.slice(), shipping: state.shipping };
  const pricing = new EffectPricing(cart, state, (type) => live.registry.effect(type), !percentOfDiscounted, cap);
  try {
    for (const effect of promotion.effects) pricing.give(effect);
    return pricing;
  } catch (error) {
    state.lines.splice(0, state.lines.length, ...before.lines);
    state.shipping = before.shipping;
    logger.error(`Promotion "${promotion.record.name}" (${promotion.id}) left out of this cart: one of its effects failed`, error);
    return null;
  }
}

/**
 * Whether a promotion that passed its checks gives anything: money, or something besides
 * (messages, suggestions, points, free items). Effects that gave nothing at all (a tier not
 * reached yet, a suggestion without its trigger) mean its cart condition is not met; effects
 * that tried but found nothing left mean there is nothing to discount.
 */
function outcomeOf(promotion: LivePromotion, pricing: EffectPricing): 'APPLIES' | 'CART_CONDITION' | 'NOTHING_TO_DISCOUNT' {
  if (pricing.gaveMoreThanMoney || promotion.messages.length > 0) return 'APPLIES';
  if (pricing.applied.length === 0) return 'CART_CONDITION';
  return discountOf(pricing) > 0 ? 'APPLIES' : 'NOTHING_TO_DISCOUNT';
}

function discountOf(pricing: EffectPricing): number {
  let discount = 0;
  for (const effect of pricing.applied) discount += effect.priced.amount;
  return discount;
}

/** Records an applied promotion: what it took, its messages, suggestions, free items and loyalty points. */
function gather(result: Eligibility, promotion: LivePromotion, pricing: EffectPricing, code: CodeEntry | undefined, nextTier: number | null): void {
  const freeItems = pricing.freeItems.map((item) => ({ promotion: promotion.record, ...item }));
  result.applied.push({ promotion: promotion.record, discount: discountOf(pricing), effects: pricing.applied, freeItems, voucherCodeId: code?.check.voucher?.id ?? null });
  result.messages.push(...messagesOf(promotion, nextTier, true));
  for (const suggestion of pricing.suggestions) result.suggestions.push({ promotion: promotion.record, ...suggestion });
  result.freeItems.push(...freeItems);
  addLoyalty(result.loyalty, pricing.loyaltyOutcomes);
  if (code) code.result.applied = true;
}

/** Loyalty points: any promotion saying the order earns none wins; otherwise the highest multiplier. */
function addLoyalty(loyalty: LoyaltyOutcome, outcomes: readonly { earn: boolean; multiplier: number }[]): void {
  for (const outcome of outcomes) {
    if (!outcome.earn) loyalty.earns = false;
    else loyalty.multiplierPercent = Math.max(loyalty.multiplierPercent, Math.round(outcome.multiplier * 100));
  }
}

/** Why a promotion the shopper could get does not apply, by the checks that come before its limits: null when it passes them. */
function reasonBeforeLimits(promotion: LivePromotion, withCode: boolean, situation: Situation): NotAppliedReason | null {
  return (
    (withCode && situation.customerId === null && promotion.include.length + promotion.exclude.length > 0 ? 'CUSTOMER_REQUIRED' : null) ??
    (promotion.schedule && !inSchedule(promotion.schedule, situation.local) ? 'SCHEDULE' : null) ??
    targetingFailure(promotion, situation.members, situation.cart) ??
    (promotion.cartRuleIndex === -1 || situation.cartRules.holds(promotion.cartRuleIndex) ? null : 'CART_CONDITION')
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
