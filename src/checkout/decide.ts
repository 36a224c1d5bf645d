// Decide: which promotions this shopper gets with this cart, what they save, which messages
// to show, and which promotions are within reach. Pure: everything it needs was read before
// (checkout/load.ts), as Medusa's computeActions decides without reading or writing. It reads
// top to bottom: price the cart, place the shopper (their segments, their cart rules'
// answers), then decide and price each live promotion in the documented order, in memory.
import {
  EffectPricing,
  initialState,
  zonedTime,
  type AppliedEffect,
  type CartLineSnapshot,
  type CartSnapshot,
  type EvaluationContext,
  type PricingState,
  type ShopContext,
  type ZonedTime,
} from '@cohort/plugin-sdk';
import type { Product, Promotion } from '../generated/prisma/client.js';
import { inSchedule } from '../rules/schedule.js';
import { countedLimitReached, noUsage, type Usage } from '../rules/usage-limits.js';
import type { CodeCheck, VoucherProblem } from './vouchers.js';
import type { CompiledRules, RuleRun } from '../rules/rule-tree.js';
import { InvalidInputError, NotFoundError } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import { checkTotal, formatMoney } from '../shared/money.js';
import type { PluginRegistry } from '../registry/registry.js';
import type { CartInput } from './load.js';
import type { LivePromotion, LivePromotionSet } from './live-promotions.js';
import { measuredAnswers, type ShopperMeasures } from '../rules/measures.js';
import { placementOf, type Exposure, type Placement } from '../experiments/experiments.js';

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
  | 'NOTHING_TO_DISCOUNT'
  /** Only in explanations (explainEligibility): the storefront answers a held-out customer as if the promotion did not exist. */
  | 'HELD_OUT';

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
  /** SKUs of the cart the catalog does not know yet, priced from the cart's unitPrice. */
  unknownSkus?: string[];
  /** The shop's settings it was decided with, read once for the request (redeem() counts periods in their time zone). Not in the API. */
  shop: ShopContext;
  /**
   * The promotions the shopper is held out of (their experiment's held-out arm), with the reason
   * they would not apply anyway, or HELD_OUT when they would: for explanations only, left out
   * of `notApplied`. Not in the storefront's API.
   */
  heldOut: { promotion: Promotion; reason: NotAppliedReason }[];
  /** First exposures to running experiments, to be stored (checkout.ts). Not in the API. */
  exposures: Exposure[];
}

/** The live promotions of the moment (read once per request, for the shopper's facts and the decision alike), and the plugins that give their effects. */
export interface Live {
  set: LivePromotionSet;
  registry: PluginRegistry;
}

/** A known shopper as the storefront reads them (readShopper, in one statement): the facts the live promotions need besides measures, and the measures. */
export interface Shopper {
  customerId: string;
  facts: Record<string, unknown>;
  measures: ShopperMeasures;
  /** Their stored arms in the live promotions' running experiments, by experiment id. */
  storedArms: Record<string, string>;
}

/** Who the shopper is to the live promotions: their segments, their cart rules' answers, what their answers were computed from. */
export interface Situation {
  customerId: string | null;
  cart: CartSnapshot;
  context: EvaluationContext & { cart: CartSnapshot };
  /** The shop's wall clock now, for schedules. */
  local: ZonedTime;
  facts: Record<string, unknown>;
  /** 1 at the index of each segment (set.compiledSegments) the shopper is in. */
  members: Uint8Array;
  /** Without a code, only promotions that include one of the shopper's segments, or target none, can apply: 1 at their positions. */
  candidates: Uint8Array;
  cartRules: RuleRun;
  /** The cart rules' conditions answered by measures, for "nearly eligible". */
  knownCartRules: Uint8Array | undefined;
  /** Where a known shopper stands in the running experiment of the promotion at `position` (undefined: no experiment, an anonymous shopper, outside its coverage). */
  placementAt: (position: number) => Placement | undefined;
}

/** A valid code in the request, and what came of it. */
interface CodeEntry {
  check: CodeCheck;
  result: VoucherResult;
}

/**
 * The cart priced against the products read for it (`products`, by SKU). A line whose SKU
 * the catalog does not know yet is priced from its `unitPrice` (counted in the subtotal,
 * matched by no product target: see CartLineSnapshot.productId) and listed in `unknownSkus`;
 * without a `unitPrice` it is a NotFoundError naming the line. A line with a `unitPrice` is
 * taken as given, whatever currency the catalog prices the product in.
 */
export function priceCart(input: CartInput, products: Map<string, Product | null>, path: string[]): { cart: CartSnapshot; unknownSkus: string[] } {
  const unknownSkus: string[] = [];
  const lines = input.lines.map((line, index): CartLineSnapshot => {
    const product = products.get(line.sku) ?? null;
    const at = [...path, 'lines', String(index)];
    if (!product) {
      if (line.unitPrice == null) throw new NotFoundError('Product', line.sku, [...at, 'sku']);
      if (!unknownSkus.includes(line.sku)) unknownSkus.push(line.sku);
      return { productId: null, sku: line.sku, brand: null, category: null, quantity: line.quantity, unitPrice: line.unitPrice };
    }
    if (line.unitPrice == null && product.currency !== input.currency) {
      throw new InvalidInputError(`Product "${line.sku}" is priced in ${product.currency}, not ${input.currency}: send unitPrice`, [...at, 'unitPrice']);
    }
    return {
      productId: product.id,
      sku: product.sku,
      brand: product.brand,
      category: product.category,
      quantity: line.quantity,
      unitPrice: line.unitPrice ?? product.price,
    };
  });
  const subtotal = lines.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0);
  checkTotal(subtotal + (input.shipping ?? 0), "The cart's subtotal and shipping", [...path, 'lines']);
  return { cart: { currency: input.currency, subtotal, lines }, unknownSkus };
}

/**
 * The shopper's segments, cart rules and candidate promotions. A known shopper's measured
 * conditions are answered from their measures, the others from their facts (both read with
 * the shopper: readShopper); an anonymous shopper has every fact empty.
 */
export function situate(set: LivePromotionSet, shopper: Shopper | null, context: EvaluationContext & { cart: CartSnapshot }): Situation {
  const facts = shopper?.facts ?? Object.fromEntries(set.allFacts.map((fact) => [fact.name, fact.empty]));
  const measures = shopper?.measures;
  const knownSegments = measures ? measuredAnswers(set.compiledSegments.rules, measures.plan.segments, measures.values, context) : undefined;
  const knownCartRules = measures ? measuredAnswers(set.cartRules, measures.plan.cartRules, measures.values, context) : undefined;
  const members = set.compiledSegments.membersOf(facts, context, knownSegments);
  return {
    customerId: shopper?.customerId ?? null,
    cart: context.cart,
    context,
    local: zonedTime(context.now, context.shop.timeZone),
    facts,
    members,
    candidates: candidatesOf(set, members),
    cartRules: set.cartRules.run(facts, context, knownCartRules),
    knownCartRules,
    placementAt: placementsOf(set, shopper),
  };
}

/**
 * A known shopper's place in the running experiments (their stored arm, else the hash's), worked
 * out for a promotion when it is asked for: only the promotions decided for this shopper are
 * hashed, not every running experiment. Anonymous shoppers are in none: the arm belongs to a
 * customer, whose orders the results count, so a guest gets the promotion as usual and is not
 * counted (docs/experiments.md).
 */
function placementsOf(set: LivePromotionSet, shopper: Shopper | null): (position: number) => Placement | undefined {
  if (shopper === null || set.experimentIds.length === 0) return () => undefined;
  const known = new Map<number, Placement | undefined>();
  return (position) => {
    const experiment = set.promotions[position]?.experiment;
    if (!experiment) return undefined;
    if (!known.has(position)) known.set(position, placementOf(experiment, shopper.customerId, shopper.storedArms[experiment.id]) ?? undefined);
    return known.get(position);
  };
}

/** The promotions valid codes unlock, by id. */
function unlockedBy(codes: Map<string, CodeCheck>): Set<string> {
  const ids = new Set<string>();
  for (const check of codes.values()) if (check.problem === null && check.voucher) ids.add(check.voucher.promotionId);
  return ids;
}

/**
 * The promotions whose redemptions are to be counted (checkout/load.ts counts them): only where
 * limits are the next question, promotions whose limits need counting, that this shopper could
 * get (a candidate, or unlocked by a code) and that pass every check before limits (schedule,
 * targeting, cart rule).
 */
export function promotionsToCount(set: LivePromotionSet, situation: Situation, codes: Map<string, CodeCheck>): Promotion[] {
  const unlocked = unlockedBy(codes);
  const toCount = set.counted.filter((position) => {
    const promotion = set.promotions[position] as LivePromotion;
    const withCode = unlocked.has(promotion.id);
    if (!withCode && (situation.candidates[position] === 0 || promotion.record.requiresVoucher)) return false;
    return reasonBeforeLimits(promotion, withCode, situation) === null;
  });
  return toCount.map((position) => (set.promotions[position] as LivePromotion).record);
}

/**
 * Which promotions the shopper (situation.customerId null: anonymous) gets with this cart, in
 * the documented order: each live promotion is decided (the reason it does not apply, if
 * any), then priced, and what it gives is gathered (money, messages, suggestions, loyalty
 * points, free items). `codes` are the codes sent, judged; `usage` the redemptions of
 * promotionsToCount's promotions.
 */
export function decide(live: Live, situation: Situation, codes: Map<string, CodeCheck>, usage: Map<string, Usage>, shipping: number): Eligibility {
  const { set } = live;
  const { cart, customerId } = situation;
  const entries = [...codes].map(([code, check]): CodeEntry => ({
    check,
    result: { code, promotion: null, voucherCodeId: check.voucher?.id ?? null, applied: false, reason: check.problem },
  }));
  const { promotions } = set;
  const heldOutAt = (position: number) => situation.placementAt(position)?.heldOut === true;
  // The held-out promotions' ids, asked for only when the promotions that do not apply are listed.
  let heldOutIds: Set<string> | null = null;
  const heldOut = () =>
    (heldOutIds ??= new Set(set.experimentIds.length === 0 ? [] : promotions.filter((_, position) => heldOutAt(position)).map((promotion) => promotion.id)));
  const codeFor = new Map(entries.filter((entry) => entry.check.problem === null).map((entry) => [entry.check.voucher?.promotionId as string, entry]));
  // A held-out promotion's code gives nothing and blocks nothing (promotions that do not combine
  // with codes still apply), as if the promotion did not exist; it is still decided, to record
  // what it would have given, and reads as a code whose promotion is not live.
  // A valid code of a promotion that is not live (a draft, archived) still counts: it blocks what does not combine with codes.
  const anyCode = [...codeFor.keys()].some((promotionId) => {
    const position = promotions.findIndex((promotion) => promotion.id === promotionId);
    return position < 0 || !heldOutAt(position);
  });
  // Why each promotion does not apply, by position: undefined when it applies (or is not offered
  // without its code), null when it was never a candidate (the reason is worked out if asked for).
  const reasons: (NotAppliedReason | null | undefined)[] = new Array(promotions.length);
  const state = initialState(cart, shipping);
  let listed: Eligibility['notApplied'] | null = null;
  const listAll = () => (listed ??= listNotApplied(promotions, reasons, situation.members, cart, situation.local));
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
      const ids = heldOut();
      return ids.size === 0 ? listAll() : listAll().filter((entry) => !ids.has(entry.promotion.id));
    },
    get heldOut() {
      const ids = heldOut();
      return ids.size === 0 ? [] : listAll().filter((entry) => ids.has(entry.promotion.id));
    },
    exposures: [],
    messages: [],
    nearlyEligible: [],
    segmentIds: segmentIdsOf(set, situation.members),
    vouchers: [],
    suggestions: [],
    loyalty: { earns: true, multiplierPercent: 100 },
    freeItems: [],
    shop: situation.context.shop,
  };

  // Exclusive promotions apply alone: only when nothing applied before them, and nothing after them.
  let closed = false;
  for (let position = 0; position < promotions.length; position += 1) {
    const promotion = promotions[position] as LivePromotion;
    const code = codeFor.size > 0 ? codeFor.get(promotion.id) : undefined;
    // A voucher-only promotion is not offered at all without its code.
    if (promotion.record.requiresVoucher && !code) continue;
    if (situation.candidates[position] === 0 && !code) {
      reasons[position] = null;
      continue;
    }
    const placement = situation.placementAt(position);
    // Held out: nothing of it shows (no discount, message, nudge or reason); its code reads as one whose promotion is not live.
    const heldOut = placement?.heldOut === true;
    if (code && !heldOut) code.result.promotion = promotion.record;
    const reason =
      reasonBeforeLimits(promotion, code !== undefined, situation) ??
      limitFailure(promotion, usage.get(promotion.id) ?? noUsage, customerId !== null) ??
      stackingFailure(promotion, code !== undefined, closed, result.applied.length, anyCode);
    if (code && !heldOut) code.result.reason = reason;
    if (reason) {
      reasons[position] = reason;
      if (reason === 'CART_CONDITION' && !heldOut) nearlyEligibleByCartRule(promotion, set, situation, result);
      continue;
    }
    const before = heldOut ? snapshot(state) : null;
    const pricing = priceEffects(promotion, state, situation.cart, live);
    if (!pricing) continue;
    const outcome = outcomeOf(promotion, pricing);
    if (before) {
      // The cart is priced as if it did not exist; when it would have applied, the exposure records what it would have given.
      restore(state, before);
      reasons[position] = outcome === 'APPLIES' ? 'HELD_OUT' : outcome;
      if (outcome === 'APPLIES') expose(result, placement, customerId, discountOf(pricing));
      continue;
    }
    const nextTier = nextTierMissing(promotion, cart.subtotal);
    if (nextTier !== null) result.nearlyEligible.push({ promotion: promotion.record, missing: nextTier });
    if (outcome !== 'APPLIES') {
      reasons[position] = outcome;
      // A tier not reached yet still shows its nudge.
      if (outcome === 'CART_CONDITION') result.messages.push(...messagesOf(promotion, nextTier, false));
      continue;
    }
    gather(result, promotion, pricing, code, nextTier);
    expose(result, placement, customerId, discountOf(pricing));
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

/** A first exposure to record: the promotion would apply to a shopper in its experiment whose arm is not stored yet. */
function expose(result: Eligibility, placement: Placement | undefined, customerId: string | null, discountAmount: number): void {
  if (!placement || placement.stored || customerId === null) return;
  result.exposures.push({ experimentId: placement.experimentId, customerId, arm: placement.arm, discountAmount });
}

function snapshot(state: PricingState): { lines: number[]; shipping: number } {
  return { lines: state.lines.slice(), shipping: state.shipping };
}

function restore(state: PricingState, before: { lines: number[]; shipping: number }): void {
  state.lines.splice(0, state.lines.length, ...before.lines);
  state.shipping = before.shipping;
}

/** Without a code, only promotions that include one of the shopper's segments, or target none, can apply: 1 at their positions. */
function candidatesOf(set: LivePromotionSet, members: Uint8Array): Uint8Array {
  const candidates = new Uint8Array(set.promotions.length);
  for (const position of set.untargeted) candidates[position] = 1;
  for (let segment = 0; segment < members.length; segment += 1) {
    if (members[segment] === 0) continue;
    for (const position of set.promotionsBySegment[segment] as number[]) candidates[position] = 1;
  }
  return candidates;
}

/** The segments (among those live promotions target) the shopper is in: recorded with redemptions. */
function segmentIdsOf(set: LivePromotionSet, members: Uint8Array): string[] {
  const ids: string[] = [];
  for (let segment = 0; segment < members.length; segment += 1) if (members[segment] === 1) ids.push(set.compiledSegments.ids[segment] as string);
  return ids;
}

/** Exclusivity and codes: after an exclusive promotion nothing applies, an exclusive one applies only first, and some promotions do not combine with other promotions' codes. */
function stackingFailure(promotion: LivePromotion, withCode: boolean, closed: boolean, appliedSoFar: number, anyCode: boolean): NotAppliedReason | null {
  return closed || (promotion.record.exclusive && appliedSoFar > 0) || (!withCode && anyCode && !promotion.record.combinesWithVouchers)
    ? 'NOT_COMBINABLE'
    : null;
}

/** A promotion whose cart rule is not met yet may be within reach of a higher subtotal: say how much more, and show its nudges. */
function nearlyEligibleByCartRule(promotion: LivePromotion, set: LivePromotionSet, situation: Situation, result: Eligibility): void {
  const missing = missingSubtotal(promotion, set.cartRules, situation.context, situation.facts, situation.knownCartRules);
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
  const before = snapshot(state);
  const pricing = new EffectPricing(cart, state, (type) => live.registry.effect(type), !percentOfDiscounted, cap);
  try {
    for (const effect of promotion.effects) pricing.give(effect);
    return pricing;
  } catch (error) {
    restore(state, before);
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
  result.applied.push({
    promotion: promotion.record,
    discount: discountOf(pricing),
    effects: pricing.applied,
    freeItems,
    voucherCodeId: code?.check.voucher?.id ?? null,
  });
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
function listNotApplied(
  promotions: LivePromotion[],
  reasons: (NotAppliedReason | null | undefined)[],
  members: Uint8Array,
  cart: CartSnapshot,
  local: ZonedTime,
): Eligibility['notApplied'] {
  const list: Eligibility['notApplied'] = [];
  promotions.forEach((promotion, position) => {
    const reason = reasons[position];
    if (reason === undefined) return;
    list.push({
      promotion: promotion.record,
      reason:
        reason ??
        (promotion.schedule && !inSchedule(promotion.schedule, local) ? 'SCHEDULE' : null) ??
        targetingFailure(promotion, members, cart) ??
        'NOT_IN_SEGMENT',
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
 * above the current subtotal, lowest first (listed once per set, in ascending order).
 */
function missingSubtotal(
  promotion: LivePromotion,
  cartRules: CompiledRules,
  context: EvaluationContext & { cart: CartSnapshot },
  facts: Record<string, unknown>,
  known: Uint8Array | undefined,
): number | null {
  const { cart } = context;
  for (const threshold of promotion.subtotalThresholds) {
    if (threshold.currency !== cart.currency || threshold.amount <= cart.subtotal) continue;
    if (cartRules.run(facts, { ...context, cart: { ...cart, subtotal: threshold.amount } }, known).holds(promotion.cartRuleIndex))
      return threshold.amount - cart.subtotal;
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
