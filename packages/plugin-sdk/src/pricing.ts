// How effects are priced, the same for Cohort and for a plugin's tests. Discounts are taken
// from what remains of each line and of shipping after earlier promotions, so nothing is
// discounted twice and no total goes below zero. An amount is rounded once, half up, and
// then allocated to lines by the largest-remainder method (ties to the earlier line), so
// allocations add up exactly. Effects say what to take through EffectPricing, the
// EffectCart of one promotion: its per-order cap and budget hold whatever they ask.
import type { CartSnapshot } from './condition.js';
import type { AnyEffect, EffectCart, Off, StoredEffect } from './effect.js';
import { percentOf } from './money.js';

export interface PricingState {
  /** What remains to pay on each cart line, in minor units. */
  lines: number[];
  /** What remains to pay for shipping. */
  shipping: number;
  /** The amounts before any promotion, for percentages of the original amounts. */
  original: { lines: number[]; shipping: number };
}

export interface PricedEffect {
  /** Taken off the lines, per line index (only lines with a share are listed). */
  lineAllocations: { line: number; amount: number }[];
  shipping: number;
  amount: number;
}

/** A discount given: the effect it is shown as (a promotion's effect, or one its tier or suggestion gave) and what it took. */
export interface AppliedEffect {
  effect: StoredEffect;
  priced: PricedEffect;
}

export function initialState(cart: CartSnapshot, shipping: number): PricingState {
  const lines = cart.lines.map((line) => line.unitPrice * line.quantity);
  return { lines: [...lines], shipping, original: { lines, shipping } };
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

/** Effects giving effects (a tier gives discounts) nest this deep at most: deeper is a loop. */
const MAX_NESTING = 8;

/** An amount an effect asks for, as whole minor units: what is not a finite number takes nothing. */
const minorUnits = (amount: number) => (Number.isFinite(amount) ? Math.max(0, Math.round(amount)) : 0);

/** A percentage an effect asks for, within 0 to 100: what is not a finite number takes nothing. */
const percentIn = (percent: number) => (Number.isFinite(percent) ? Math.min(100, Math.max(0, percent)) : 0);

/** An effect with its definition and parsed parameters, ready to give. */
export interface GivenEffect extends StoredEffect {
  definition: AnyEffect;
}

/**
 * One promotion's effects on the cart: what they take (recorded per effect, shown as the
 * effect that asked) and what else they give. Created per promotion that passed its checks;
 * the state it takes from is the cart's, shared by the promotions in order.
 */
export class EffectPricing implements EffectCart {
  readonly applied: AppliedEffect[] = [];
  readonly suggestions: { skus: string[]; percent: number | null; text: string | null }[] = [];
  readonly loyaltyOutcomes: { earn: boolean; multiplier: number }[] = [];
  readonly freeItems: { sku: string; quantity: number }[] = [];
  /** The effect being applied: discounts are shown as it. */
  private current: GivenEffect | null = null;
  /** How deep effects are giving effects (a tier's discounts: 2). */
  private depth = 0;
  private capLeft: number;

  constructor(
    readonly cart: CartSnapshot,
    private readonly state: PricingState,
    /** The effects an effect may give in turn (`apply(type, params)`), by type. */
    private readonly effectOf: (type: string) => AnyEffect | undefined,
    /** Percentages of the original amounts instead of what earlier promotions left. */
    private readonly ofOriginal: boolean,
    /** The most the promotion may take from this cart (its per-order cap, what is left of its budget). */
    cap: number,
  ) {
    this.capLeft = cap;
  }

  get lines(): readonly number[] {
    return this.state.lines;
  }

  get shipping(): number {
    return this.state.shipping;
  }

  /** Whether the effects gave something besides money (a suggestion, loyalty points, a free item). */
  get gaveMoreThanMoney(): boolean {
    return this.suggestions.length > 0 || this.loyaltyOutcomes.length > 0 || this.freeItems.length > 0;
  }

  give(effect: GivenEffect): void {
    const previous = this.current;
    if (++this.depth > MAX_NESTING) throw new Error(`Effect "${effect.type}" was given ${MAX_NESTING} levels deep: effects giving effects must not loop`);
    this.current = effect;
    try {
      effect.definition.apply(effect.params, this);
    } finally {
      this.current = previous;
      this.depth -= 1;
    }
  }

  apply(type: string, params: unknown): void {
    const giver = (this.current as GivenEffect | null)?.definition;
    if (giver && !giver.gives?.includes(type)) throw new Error(`Effect "${giver.type}" gave an effect of type "${type}" it does not declare in \`gives\``);
    const definition = this.effectOf(type);
    if (!definition) throw new Error(`An effect gave an effect of type "${type}", which no plugin defines`);
    this.give({ type, params, definition });
  }

  discountLines(given: readonly number[], off: Off): number {
    // Each line once, and only lines of the cart.
    const lines = [...new Set(given)].filter((index) => Number.isInteger(index) && index >= 0 && index < this.state.lines.length);
    let remaining = 0;
    let original = 0;
    for (const index of lines) {
      remaining += this.state.lines[index] ?? 0;
      original += this.state.original.lines[index] ?? 0;
    }
    const wanted = 'percent' in off ? percentOf(this.ofOriginal ? original : remaining, percentIn(off.percent)) : minorUnits(off.amount);
    const amount = Math.max(0, Math.min(wanted, remaining, this.capLeft));
    const lineAllocations: PricedEffect['lineAllocations'] = [];
    if (amount > 0) {
      const parts = allocate(
        amount,
        lines.map((index) => this.state.lines[index] as number),
      );
      lines.forEach((line, position) => {
        const share = parts[position] as number;
        if (share <= 0) return;
        lineAllocations.push({ line, amount: share });
        this.state.lines[line] = (this.state.lines[line] as number) - share;
      });
    }
    return this.record({ lineAllocations, shipping: 0, amount });
  }

  discountShipping(off: Off | 'all'): number {
    const base = this.ofOriginal ? this.state.original.shipping : this.state.shipping;
    const wanted = off === 'all' ? this.state.shipping : 'percent' in off ? percentOf(base, percentIn(off.percent)) : minorUnits(off.amount);
    const amount = Math.max(0, Math.min(wanted, this.state.shipping, this.capLeft));
    this.state.shipping -= amount;
    return this.record({ lineAllocations: [], shipping: amount, amount });
  }

  takeFromLines(amounts: readonly { line: number; amount: number }[]): number {
    const lineAllocations: PricedEffect['lineAllocations'] = [];
    let taken = 0;
    for (const { line, amount } of amounts) {
      const share = Math.max(0, Math.min(minorUnits(amount), this.state.lines[line] ?? 0, this.capLeft - taken));
      if (share <= 0) continue;
      this.state.lines[line] = (this.state.lines[line] as number) - share;
      lineAllocations.push({ line, amount: share });
      taken += share;
    }
    return this.record({ lineAllocations, shipping: 0, amount: taken });
  }

  suggest(suggestion: { skus: string[]; percent: number | null; text: string | null }): void {
    this.suggestions.push(suggestion);
  }

  loyalty(outcome: { earn: boolean; multiplier: number }): void {
    this.loyaltyOutcomes.push(outcome);
  }

  freeItem(item: { sku: string; quantity: number }): void {
    if (typeof item.sku !== 'string' || item.sku.trim() === '' || !Number.isSafeInteger(item.quantity) || item.quantity < 1) {
      throw new Error(`A free item needs a SKU and a whole quantity of at least 1 (got ${JSON.stringify(item)})`);
    }
    this.freeItems.push({ sku: item.sku, quantity: item.quantity });
  }

  private record(priced: PricedEffect): number {
    this.capLeft -= priced.amount;
    this.applied.push({ effect: { type: (this.current as StoredEffect).type, params: (this.current as StoredEffect).params }, priced });
    return priced.amount;
  }
}
