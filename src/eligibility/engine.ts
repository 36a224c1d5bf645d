// The storefront's hot path: which promotions this shopper gets with this cart, and
// what they save. It reads top to bottom: load the live promotions and the facts their
// segments need (a fixed number of queries), evaluate segments in memory, then price.
import type { Promotion } from '../generated/prisma/client.js';
import type { CartSnapshot } from '../plugin-sdk/condition.js';
import { effectAmount } from '../promotions/effects.js';
import { segmentsOf } from '../segments/membership.js';
import type { LoadFact } from '../server/fact-loaders.js';
import type { Clock } from '../shared/clock.js';
import { loadPromotionCatalogue, type LivePromotion } from './catalogue.js';

/** Why a live promotion does not apply; stable codes that clients may switch on. */
export type NotAppliedReason = 'NOT_IN_SEGMENT' | 'EXCLUDED_SEGMENT' | 'CURRENCY_MISMATCH' | 'NOTHING_TO_DISCOUNT';

export interface AppliedEffect {
  effectIndex: number;
  amount: number;
}

export interface AppliedPromotion {
  promotion: Promotion;
  discount: number;
  effects: AppliedEffect[];
}

export interface Eligibility {
  currency: string;
  subtotal: number;
  discountTotal: number;
  total: number;
  applied: AppliedPromotion[];
  notApplied: { promotion: Promotion; reason: NotAppliedReason }[];
}

export async function evaluateEligibility(customerId: string | null, cart: CartSnapshot, clock: Clock, loadFact: LoadFact): Promise<Eligibility> {
  const now = clock.now();
  const catalogue = await loadPromotionCatalogue(now);
  const memberOf = await segmentsOf(customerId, catalogue.segments.values(), clock, cart, loadFact);

  const applied: AppliedPromotion[] = [];
  const notApplied: Eligibility['notApplied'] = [];
  let remaining = cart.subtotal;
  for (const promotion of catalogue.promotions) {
    const reason = targetingFailure(promotion, memberOf, cart);
    if (reason) {
      notApplied.push({ promotion: promotion.record, reason });
      continue;
    }
    const effects: AppliedEffect[] = [];
    for (const [effectIndex, effect] of promotion.effects.entries()) {
      const amount = effectAmount(effect, remaining);
      remaining -= amount;
      effects.push({ effectIndex, amount });
    }
    const discount = effects.reduce((sum, effect) => sum + effect.amount, 0);
    if (discount === 0) notApplied.push({ promotion: promotion.record, reason: 'NOTHING_TO_DISCOUNT' });
    else applied.push({ promotion: promotion.record, discount, effects });
  }

  const discountTotal = cart.subtotal - remaining;
  return { currency: cart.currency, subtotal: cart.subtotal, discountTotal, total: remaining, applied, notApplied };
}

function targetingFailure(promotion: LivePromotion, memberOf: Set<string>, cart: CartSnapshot): NotAppliedReason | null {
  if (promotion.currency !== cart.currency) return 'CURRENCY_MISMATCH';
  if (promotion.excludeSegmentIds.some((id) => memberOf.has(id))) return 'EXCLUDED_SEGMENT';
  if (promotion.includeSegmentIds.length > 0 && !promotion.includeSegmentIds.some((id) => memberOf.has(id))) return 'NOT_IN_SEGMENT';
  return null;
}
