// Turns the cart a storefront sends into a priced snapshot, resolving every SKU in one batch.
import { type CartLineSnapshot, type CartSnapshot } from '@cohort/plugin-sdk';
import { z } from 'zod';
import { customerIdFromGlobalId, type CustomerRef } from '../customers/refs.js';
import type { RequestContext } from '../schema/request-context.js';
import { readShopper } from '../facts/loaders.js';
import type { PromotionCatalogue } from './catalogue.js';
import { evaluateEligibility, type EligibilityOptions, type Shopper } from './engine.js';
import { planMeasures } from './measures.js';
import { getStorefrontSettings } from '../settings/shop-context.js';
import { primeProducts, productsJson, type Loaders } from '../schema/loaders.js';
import { InvalidInputError, NotFoundError } from '../shared/errors.js';
import { checkTotal, currencySchema } from '../shared/money.js';

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

/**
 * The cart priced against the catalogue. A line whose SKU the catalogue does not know yet is
 * priced from its `unitPrice` (counted in the subtotal, matched by no product target: see
 * CartLineSnapshot.productId) and listed in `unknownSkus`; without a `unitPrice` it is a
 * NotFoundError naming the line. A line with a `unitPrice` is taken as given, whatever
 * currency the catalogue prices the product in.
 */
export async function resolveCart(input: CartInput, loaders: Loaders, path: string[]): Promise<{ cart: CartSnapshot; unknownSkus: string[] }> {
  // load, not loadMany: loadMany hands back a failed read as an Error in the list, which is not "no such product".
  const products = await Promise.all(input.lines.map((line) => loaders.productBySku.load(line.sku)));
  const unknownSkus: string[] = [];
  const lines = input.lines.map((line, index): CartLineSnapshot => {
    const product = products[index];
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

export type EligibilityInput = { customer?: CustomerRef | null; cart: CartInput; voucherCodes?: string[] | null; cartRef?: string | null };

/**
 * What an eligibility-style input (eligiblePromotions, validateVoucher, redeem, explain) gets:
 * the shopper, the priced cart and the evaluation. A known customer is resolved in the one
 * statement that also reads the live conditions' measures, every other fact the live
 * promotions need and the cart's products; an anonymous shopper's cart costs one statement.
 */
export async function eligibilityOf(input: EligibilityInput, context: Pick<RequestContext, 'loaders' | 'clock' | 'promotions'>, options: Pick<EligibilityOptions, 'cartRef'> = {}) {
  const now = context.clock.now();
  const live = { catalogue: await context.promotions.load(now), registry: context.promotions.registry };
  const shopper = input.customer ? await resolveShopper(input.customer, input.cart, live.catalogue, context.loaders, now) : null;
  const { cart, unknownSkus } = await resolveCart(input.cart, context.loaders, ['input', 'cart']);
  const evaluated = await evaluateEligibility(live, shopper, cart, input.cart.shipping ?? 0, now, {
    voucherCodes: input.voucherCodes ?? [],
    cartRef: options.cartRef ?? input.cartRef ?? null,
  });
  const eligibility = { ...evaluated, customerKnown: shopper !== null, unknownSkus };
  return { customerId: shopper?.customerId ?? null, cart, eligibility };
}

/**
 * The customer, the facts the live promotions need, their measures and the cart's products, in
 * one statement. A customer Cohort does not know (yet) is null, answered as an anonymous shopper,
 * unless the shop's setting says to refuse (NotFoundError).
 */
async function resolveShopper(ref: CustomerRef, cart: CartInput, catalogue: PromotionCatalogue, loaders: Loaders, now: Date): Promise<Shopper | null> {
  const path = ['input', 'customer'];
  const shopper = ref.id ? { id: customerIdFromGlobalId(ref.id, [...path, 'id']) } : { externalId: ref.externalId ?? '' };
  const { context: shop, unknownCustomers } = await getStorefrontSettings();
  const plan = planMeasures(catalogue, now, shop);
  const skus = [...new Set(cart.lines.map((line) => line.sku))];
  const measureColumns = Object.fromEntries(plan.expressions.map((expression, index) => [`measure${index}`, expression]));
  const found = await readShopper(shopper, catalogue.facts, { now, shop }, { products: productsJson(skus), ...measureColumns });
  if (found === null) {
    if (unknownCustomers === 'ANONYMOUS') return null;
    throw 'id' in shopper ? new NotFoundError('Customer', ref.id as string, [...path, 'id']) : new NotFoundError('Customer', shopper.externalId, [...path, 'externalId']);
  }
  primeProducts(loaders, skus, found.extra.products);
  const extra = found.extra as Record<string, unknown>;
  return { customerId: found.customerId, facts: found.facts, measures: { plan, values: plan.expressions.map((_, index) => extra[`measure${index}`]) } };
}
