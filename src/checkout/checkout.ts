// The storefront's questions answered (eligiblePromotions, validateVoucher, redeem, and the
// evaluation explainEligibility explains): load, then decide, reading top to bottom. Every
// read is in load.ts, every decision in decide.ts (pure, as Medusa's computeActions).
import type { RequestContext } from '../server/request-context.js';
import { recordExposures } from '../experiments/experiments.js';
import { decide, priceCart, situate } from './decide.js';
import { loadCheckout, loadCounts, type CheckoutInput } from './load.js';

/**
 * What an eligibility-style input gets: the shopper, the priced cart and the decision. A known
 * customer costs one statement (with their facts, measures and the cart's products), an
 * anonymous shopper's cart one; codes one beside it, and limits that count redemptions their
 * counts. `cartRef`: the checkout's cart or order reference, whose own reservations do not
 * count against it. A known customer seen for the first time by a running experiment whose
 * promotion would apply is stored in their arm (one statement; `expose: false`, for
 * explanations, stores nothing).
 */
export async function eligibilityOf(
  input: CheckoutInput,
  context: Pick<RequestContext, 'loaders' | 'clock' | 'promotions'>,
  options: { cartRef?: string | null; expose?: boolean } = {},
) {
  const codes = input.voucherCodes ?? [];
  const reads = await loadCheckout(input, context);
  const { cart, unknownSkus } = priceCart(input.cart, reads.products, ['input', 'cart']);
  const situation = situate(reads.live.set, reads.shopper, { now: reads.now, shop: reads.settings.context, cart });
  const counts = await loadCounts(reads, situation, codes, options.cartRef ?? input.cartRef ?? null);
  const evaluated = decide(reads.live, situation, counts.codes, counts.usage, input.cart.shipping ?? 0);
  if (options.expose !== false) await recordExposures(evaluated.exposures, reads.now);
  const eligibility = { ...evaluated, customerKnown: reads.shopper !== null, unknownSkus };
  return { customerId: situation.customerId, cart, eligibility };
}
