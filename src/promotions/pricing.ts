// Prices effects on a cart. Discounts are taken from what remains of each line and of
// shipping after earlier promotions, so nothing is discounted twice and no total goes
// below zero. An amount is rounded once, half up, and then allocated to lines by the
// largest-remainder method (ties to the earlier line), so allocations add up exactly.
import { type CartSnapshot, matchesProduct, type ProductTarget } from '@cohort/plugin-sdk';
import type { DiscountEffect, DiscountTarget, Effect } from './effects.js';

export interface PricingState {
  /** What remains to pay on each cart line, in minor units. */
  lines: number[];
  /** What remains to pay for shipping. */
  shipping: number;
  /** The amounts before any promotion, for percentages of the original amounts. */
  original: { lines: number[]; shipping: number };
}

export interface DiscountOptions {
  /** Percentages of the original amounts instead of what earlier promotions left. */
  ofOriginal: boolean;
  /** The most this discount may take (what is left of the promotion's cap). */
  limit: number;
}

export interface PricedEffect {
  /** Taken off the lines, per line index (only lines with a share are listed). */
  lineAllocations: { line: number; amount: number }[];
  shipping: number;
  amount: number;
}

export function initialState(cart: CartSnapshot, shipping: number): PricingState {
  const lines = cart.lines.map((line) => line.unitPrice * line.quantity);
  return { lines: [...lines], shipping, original: { lines, shipping } };
}

/** amount × basisPoints / 10000, rounded half up, in integers. */
export function percentageOf(amount: number, basisPoints: number): number {
  return Math.floor((amount * basisPoints + 5_000) / 10_000);
}

/**
 * Splits `amount` over `weights` in proportion, exactly: the parts add up to `amount`. Each
 * part is first rounded down; the units left (fewer than there are parts) go one each to the
 * largest remainders, ties to the earlier part.
 */
export function allocate(amount: number, weights: number[]): number[] {
  let total = 0;
  for (const weight of weights) total += weight;
  const parts = new Array<number>(weights.length).fill(0);
  if (total === 0) return parts;
  const remainders = new Array<number>(weights.length);
  let left = amount;
  for (let index = 0; index < weights.length; index += 1) {
    const exact = (amount * (weights[index] as number)) / total;
    const part = Math.floor(exact);
    parts[index] = part;
    remainders[index] = exact - part;
    left -= part;
  }
  for (; left > 0; left -= 1) {
    let largest = 0;
    for (let index = 1; index < remainders.length; index += 1) if ((remainders[index] as number) > (remainders[largest] as number)) largest = index;
    parts[largest] = (parts[largest] as number) + 1;
    remainders[largest] = -1;
  }
  return parts;
}

function targetLines(cart: CartSnapshot, target: DiscountTarget): number[] {
  const indexes: number[] = [];
  if (target.kind === 'SHIPPING') return indexes;
  for (let index = 0; index < cart.lines.length; index += 1) {
    if (target.kind === 'ORDER' || matchesProduct(target.products as ProductTarget, cart.lines[index] as CartSnapshot['lines'][number])) indexes.push(index);
  }
  return indexes;
}

/**
 * Applies one discount effect to the state (mutating it) and says what it took. A
 * percentage is of what earlier promotions left, or of the original amounts; either way it
 * never takes more than what is left, nor more than `limit`.
 */
export function applyDiscount(effect: DiscountEffect, cart: CartSnapshot, state: PricingState, options: DiscountOptions): PricedEffect {
  if (effect.type === 'freeShipping' || effect.target.kind === 'SHIPPING') {
    const base = options.ofOriginal ? state.original.shipping : state.shipping;
    const wanted = effect.type === 'freeShipping' ? state.shipping : effect.type === 'percentageOff' ? percentageOf(base, effect.basisPoints) : effect.amount;
    const amount = Math.min(wanted, state.shipping, options.limit);
    state.shipping -= amount;
    return { lineAllocations: [], shipping: amount, amount };
  }
  const indexes = targetLines(cart, effect.target);
  let remaining = 0;
  let original = 0;
  for (const index of indexes) {
    remaining += state.lines[index] as number;
    original += state.original.lines[index] as number;
  }
  const base = options.ofOriginal ? original : remaining;
  const wanted = effect.type === 'percentageOff' ? percentageOf(base, effect.basisPoints) : effect.amount;
  const amount = Math.min(wanted, remaining, options.limit);
  const lineAllocations: PricedEffect['lineAllocations'] = [];
  if (amount > 0) {
    const parts = allocate(amount, indexes.map((index) => state.lines[index] as number));
    indexes.forEach((line, position) => {
      const share = parts[position] as number;
      if (share <= 0) return;
      lineAllocations.push({ line, amount: share });
      state.lines[line] = (state.lines[line] as number) - share;
    });
  }
  return { lineAllocations, shipping: 0, amount };
}

/**
 * Buy X get Y: for every `buyQuantity` units of the "buy" products, `getQuantity` units of the
 * "get" products are discounted, cheapest first. When the two overlap (buy 2 socks, get a
 * third free), a unit counts once: each group is buy + get units of the same products.
 */
export function applyBuyXGetY(effect: Extract<Effect, { type: 'buyXGetY' }>, cart: CartSnapshot, state: PricingState, limit: number): PricedEffect {
  const units = (target: ProductTarget) => cart.lines.flatMap((line, index) => (matchesProduct(target, line) ? Array.from({ length: line.quantity }, () => index) : []));
  const buyUnits = units(effect.buy as ProductTarget);
  const getUnits = units(effect.get as ProductTarget);
  const overlap = getUnits.some((index) => buyUnits.includes(index));
  const free = overlap
    ? Math.floor(getUnits.length / (effect.buyQuantity + effect.getQuantity)) * effect.getQuantity
    : Math.min(Math.floor(buyUnits.length / effect.buyQuantity) * effect.getQuantity, getUnits.length);
  // Cheapest units first, priced at what remains of each line per unit.
  const unitPrice = (index: number) => Math.floor((state.lines[index] as number) / (cart.lines[index] as { quantity: number }).quantity);
  const chosen = [...getUnits].sort((a, b) => unitPrice(a) - unitPrice(b) || a - b).slice(0, free);
  const perLine = new Map<number, number>();
  for (const index of chosen) perLine.set(index, (perLine.get(index) ?? 0) + percentageOf(unitPrice(index), effect.basisPoints));
  let left = limit;
  const lineAllocations = [...perLine].map(([line, amount]) => {
    const taken = Math.min(amount, state.lines[line] as number, left);
    left -= taken;
    state.lines[line] = (state.lines[line] as number) - taken;
    return { line, amount: taken };
  }).filter((allocation) => allocation.amount > 0);
  return { lineAllocations, shipping: 0, amount: lineAllocations.reduce((sum, allocation) => sum + allocation.amount, 0) };
}
