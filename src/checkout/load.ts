// Load: every read the storefront's questions need, in one place, before and between the pure
// steps of checkout/decide.ts. The live promotions (kept in memory) and the shop's settings
// (read once per request); then the shopper, their facts, their measures, their stored arms in
// running experiments and the cart's products in one statement, with the codes sent read beside it; then the counts that limits
// need (which ones, decide.ts' pure helpers say). Nothing here decides what a shopper gets.
import type { ShopContext, Sql } from '@cohort/plugin-sdk';
import { z } from 'zod';
import { productsFromJson, productsJson } from '../catalog/products.js';
import { customerIdFromGlobalId, type CustomerRef } from '../customers/refs.js';
import { query } from '../db/client.js';
import { storedArmsSql } from '../experiments/experiments.js';
import { readShopper, type ShopperRef } from '../facts/loaders.js';
import type { Product, VoucherCode } from '../generated/prisma/client.js';
import { planMeasures } from '../rules/measures.js';
import { countUsage, periodStarts, type Usage } from '../rules/usage-limits.js';
import type { Loaders } from '../server/request-loaders.js';
import type { RequestContext } from '../server/request-context.js';
import { getStorefrontSettings, type StorefrontSettings } from '../settings/shop-context.js';
import { NotFoundError } from '../shared/errors.js';
import { currencySchema } from '../shared/money.js';
import { promotionsToCount, type Live, type Shopper, type Situation } from './decide.js';
import type { LivePromotionSet } from './live-promotions.js';
import { countCodes, judgeCodes, readCodes, type CodeCheck } from './vouchers.js';

export const cartInputSchema = z.object({
  currency: currencySchema,
  lines: z
    .array(
      z.object({
        sku: z.string().trim().min(1, 'must not be empty'),
        quantity: z.number().int('must be a whole number').min(1, 'must be at least 1').max(100_000),
        unitPrice: z.number().int('must be a whole number of minor units').nonnegative('must not be negative').nullish(),
      }),
    )
    .max(500, 'a cart may have at most 500 lines'),
  shipping: z.number().int('must be a whole number of minor units').nonnegative('must not be negative').nullish(),
});

export type CartInput = z.infer<typeof cartInputSchema>;

/** What the storefront's questions ask about: a shopper (none: anonymous), a cart, the codes entered. */
export type CheckoutInput = { customer?: CustomerRef | null; cart: CartInput; voucherCodes?: string[] | null; cartRef?: string | null };

/** The reads a question needs whatever is decided: decide's input, with the counts of loadCounts. */
export interface CheckoutReads {
  now: Date;
  live: Live;
  settings: StorefrontSettings;
  /** The known shopper; null for an anonymous one, and for one Cohort does not know yet (answered as anonymous). */
  shopper: Shopper | null;
  /** The cart's products by SKU; null where the catalog does not know the SKU. */
  products: Map<string, Product | null>;
  /** The stored codes among those sent. */
  vouchers: VoucherCode[];
}

/**
 * The reads before the decision, in two round trips. First the live promotions and the shop's
 * settings (both cached: usually no statement). Then, at once, the shopper with the facts the
 * live promotions need, their measures and the cart's products (one statement), and the codes
 * sent (one statement, none without codes). An anonymous shopper's products cost one statement;
 * a customer Cohort does not know is answered as anonymous, unless the shop's setting says to
 * refuse (NotFoundError).
 */
export async function loadCheckout(input: CheckoutInput, context: Pick<RequestContext, 'loaders' | 'clock' | 'promotions'>): Promise<CheckoutReads> {
  const now = context.clock.now();
  const ref = input.customer ? shopperRef(input.customer) : null;
  const [set, settings] = await Promise.all([context.promotions.load(now), getStorefrontSettings(now)]);
  const skus = [...new Set(input.cart.lines.map((line) => line.sku))];
  const shopperAndProducts = async () => {
    const known = ref ? await readKnownShopper(ref, skus, set, now, settings.context) : null;
    if (known) return known;
    if (ref && settings.unknownCustomers === 'ERROR') throw customerNotFound(ref);
    return { shopper: null, products: await readProducts(skus, context.loaders) };
  };
  const [{ shopper, products }, vouchers] = await Promise.all([shopperAndProducts(), readCodes(input.voucherCodes ?? [])]);
  return { now, live: { set, registry: context.promotions.registry }, settings, shopper, products, vouchers };
}

/**
 * The counts the decision needs once the shopper is placed (decide.ts' situate): the codes'
 * redemptions and reservations (sent together), then the redemptions of the promotions whose
 * limits are the next question, which depend on the codes' verdict (promotionsToCount). At
 * most three statements; none without codes or counted limits.
 */
export async function loadCounts(
  reads: CheckoutReads,
  situation: Situation,
  codes: string[],
  cartRef: string | null,
): Promise<{ codes: Map<string, CodeCheck>; usage: Map<string, Usage> }> {
  const { now, vouchers } = reads;
  const { customerId } = situation;
  const { timeZone } = reads.settings.context;
  const checks = judgeCodes(codes, vouchers, await countCodes(vouchers, cartRef, customerId, now, timeZone), customerId, now);
  const usage = await countUsage(query, 'promotionId', promotionsToCount(reads.live.set, situation, checks), customerId, () => periodStarts(now, timeZone));
  return { codes: checks, usage };
}

const CUSTOMER_PATH = ['input', 'customer'];

/** The customer a question names, by Cohort's id (a global ID, checked before anything is read) or the shop's. */
function shopperRef(ref: CustomerRef): ShopperRef {
  return ref.id ? { id: customerIdFromGlobalId(ref.id, [...CUSTOMER_PATH, 'id']) } : { externalId: ref.externalId ?? '' };
}

function customerNotFound(ref: ShopperRef): NotFoundError {
  return 'id' in ref
    ? new NotFoundError('Customer', ref.id, [...CUSTOMER_PATH, 'id'])
    : new NotFoundError('Customer', ref.externalId, [...CUSTOMER_PATH, 'externalId']);
}

/** The customer, the facts the live promotions need, their measures and the cart's products, in one statement; null if no such customer. */
async function readKnownShopper(
  ref: ShopperRef,
  skus: string[],
  set: LivePromotionSet,
  now: Date,
  shop: ShopContext,
): Promise<{ shopper: Shopper; products: Map<string, Product | null> } | null> {
  const plan = planMeasures(set, now, shop);
  const measureColumns = Object.fromEntries(plan.expressions.map((expression, index) => [`measure${index}`, expression]));
  // Their stored arms in running experiments come in the same statement (none without experiments).
  const armColumn: Record<string, Sql> = set.experimentIds.length > 0 ? { storedArms: storedArmsSql(set.experimentIds) } : {};
  const found = await readShopper(ref, set.facts, { now, shop }, { products: productsJson(skus), ...armColumn, ...measureColumns });
  if (found === null) return null;
  const extra = found.extra as Record<string, unknown>;
  return {
    shopper: {
      customerId: found.customerId,
      facts: found.facts,
      measures: { plan, values: plan.expressions.map((_, index) => extra[`measure${index}`]) },
      storedArms: (extra.storedArms as Record<string, string> | undefined) ?? {},
    },
    products: productsFromJson(skus, found.extra.products),
  };
}

/** An anonymous shopper's products, through the request's loader (aliases of one request share its statement). */
async function readProducts(skus: string[], loaders: Loaders): Promise<Map<string, Product | null>> {
  // load, not loadMany: loadMany hands back a failed read as an Error in the list, which is not "no such product".
  return new Map(await Promise.all(skus.map(async (sku) => [sku, await loaders.productBySku.load(sku)] as const)));
}
