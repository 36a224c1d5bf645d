// Effects: what a promotion gives (a discount, free shipping, a free gift, points, a
// message). The twin of a condition: one object made by defineEffect, with parameters
// declared once (the GraphQL input is derived from them, and they are stored as parsed),
// a description in words, what the effect looks like in GraphQL, and `apply`, which gives
// the effect to a cart through the pricing Cohort hands it. Amounts are integer minor units
// of the promotion's currency; Cohort rounds and allocates them, so every effect's
// per-line allocations add up exactly.
import type { z } from 'zod';
import type { CartSnapshot } from './condition.js';
import type { OutputField } from './outputs.js';

/** Off some amount: a percentage (more than 0, at most 100, two decimals at most) or minor units. */
export type Off = { percent: number } | { amount: number };

/** A message or content block for the storefront; `{missing}` in the text stands for the amount still missing. */
export interface EffectMessage {
  text: string;
  link: string | null;
  imageUrl: string | null;
  placement: 'CART' | 'CATEGORY_PAGE' | 'PRODUCT_PAGE';
}

/**
 * The cart as an effect prices it, for one promotion. Discounts are taken from what earlier
 * promotions and effects left, never below zero and never beyond the promotion's per-order
 * cap or budget: Cohort enforces both, whatever an effect asks.
 */
export interface EffectCart {
  readonly cart: CartSnapshot;
  /** What remains to pay on each line (as indexed in `cart.lines`), after what was taken before. */
  readonly lines: readonly number[];
  /** What remains to pay for shipping. */
  readonly shipping: number;
  /**
   * Takes a discount off these lines (indexes in `cart.lines`): an amount, or a percentage of
   * what remains of them (of their original amounts, when the promotion says so), rounded
   * once, half up; then split over the lines in proportion to what remains of each (largest
   * remainder first), so the parts add up exactly. Returns what was taken.
   */
  discountLines(lines: readonly number[], off: Off): number;
  /** Takes a discount off shipping: an amount, a percentage, or all of it. Returns what was taken. */
  discountShipping(off: Off | 'all'): number;
  /** Takes exact amounts off given lines (already priced per unit, say), each capped by what remains. Returns what was taken. */
  takeFromLines(amounts: readonly { line: number; amount: number }[]): number;
  /** Gives another effect (one a tier or a suggestion gives) as if the promotion had it, shown as that effect. */
  apply(type: string, params: unknown): void;
  /** Suggests products to add (suggestive selling), optionally with the percentage they would get once added. */
  suggest(suggestion: { skus: string[]; percent: number | null; text: string | null }): void;
  /** Loyalty points for the order: whether it earns any, and the multiplier (2 is double points). */
  loyalty(outcome: { earn: boolean; multiplier: number }): void;
  /** A product given free with the order (a gift line for the storefront to add at no charge). */
  freeItem(item: { sku: string; quantity: number }): void;
}

export interface EffectDefinition<Type extends string = string, Params = unknown> {
  /** camelCase name; it is also the field of `PromotionEffectInput` that selects this effect. */
  readonly type: Type;
  /** One line for admin UIs and the schema's documentation. */
  readonly label: string;
  /**
   * The parameters, declared once: a zod schema from which Cohort derives the effect's GraphQL
   * input (name its input type with graphqlType, or get `<Type>EffectInput`). They are stored as
   * parsed and parsed again whenever read, so the schema must accept its own output as JSON.
   */
  readonly params: z.ZodType<Params>;
  /** How the effect shows in `Promotion.effects`: a GraphQL object type named `name`, with fields read from the parameters. */
  readonly output: { name: string; description?: string; fields: Record<string, OutputField<NoInfer<Params>>> };
  /** The effect in words, e.g. "10% off the order"; `money` formats minor units of the promotion's currency. */
  describe(params: NoInfer<Params>, context: { money(amount: number): string }): string;
  /**
   * Gives the effect to the cart, when the promotion applies. An effect that gives nothing this
   * time (its trigger is not in the cart) does nothing; one that calls a discount that takes 0
   * has nothing left to discount.
   */
  apply(params: NoInfer<Params>, cart: EffectCart): void;
  /** The effect types `apply` gives in turn through `cart.apply` (a tier's discounts): Cohort refuses to start without them. */
  readonly gives?: readonly string[];
  /** Optional: messages the effect shows (while the promotion applies, or as nudges while it is within reach). */
  messages?(params: NoInfer<Params>): EffectMessage[];
  /**
   * Optional, for effects that give more from some cart subtotals (tiers): those subtotals, in
   * minor units. The storefront says what is missing to the next one, and a tier not reached
   * yet means the promotion's cart condition is not met.
   */
  subtotalThresholds?(params: NoInfer<Params>): number[];
}

export function defineEffect<const Type extends string, Params>(definition: EffectDefinition<Type, Params>): EffectDefinition<Type, Params> {
  if (!/^[a-z][A-Za-z0-9]*$/.test(definition.type)) throw new Error(`Effect type "${definition.type}" must be camelCase (it becomes a GraphQL input field)`);
  if (!/^[A-Z][A-Za-z0-9]*$/.test(definition.output.name))
    throw new Error(`Effect "${definition.type}": its output name "${definition.output.name}" must be PascalCase`);
  return Object.freeze({ ...definition });
}

/**
 * Parses an effect's parameters as a promotion would store them: parsed by its schema, stored
 * as JSON, parsed again when read. Parameters that would not read back the same are refused
 * now rather than lost later. Issue paths are relative to the parameters.
 */
export function parseEffectParams(
  effect: AnyEffect,
  raw: unknown,
): { success: true; data: unknown } | { success: false; issues: { path: string[]; message: string }[] } {
  const parsed = effect.params.safeParse(raw);
  if (!parsed.success) return { success: false, issues: parsed.error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message })) };
  const reread = effect.params.safeParse(JSON.parse(JSON.stringify(parsed.data ?? null)));
  if (!reread.success || JSON.stringify(reread.data) !== JSON.stringify(parsed.data)) {
    return {
      success: false,
      issues: [
        {
          path: [],
          message: `effect "${effect.type}" cannot store these parameters: they do not read back as given (its schema must accept its own output as JSON)`,
        },
      ],
    };
  }
  return { success: true, data: reread.data };
}

/** An effect of any type, as the registry holds it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyEffect = EffectDefinition<string, any>;

/** An effect as a promotion stores it: its type and parsed parameters. */
export interface StoredEffect {
  type: string;
  params: unknown;
}
