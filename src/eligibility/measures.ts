// Measures on the storefront (see ConditionMeasure in the SDK): for a known shopper, every live
// condition that has a measure is answered from one small value read in the shopper's
// statement, not from the whole history its facts would hold. The plan lists the distinct
// measure expressions (conditions whose SQL and values are the same share one) and, for each
// distinct condition of the live segments and cart rules, which one it reads.
import type { ConditionMeasure, EvaluationContext } from '../plugin-sdk/condition.js';
import { SHOPPER_ID, type ShopContext } from '../plugin-sdk/facts.js';
import type { Sql } from '../generated/prisma/internal/prismaNamespace.js';
import type { CompiledRules } from '../segments/rule-tree.js';
import type { PromotionCatalogue } from './catalogue.js';

export interface MeasurePlan {
  /** The distinct measure expressions, for the customer aliased `"_shopper"`. */
  expressions: Sql[];
  /** Per distinct condition of the live segments' rules: the expression it reads, or -1. */
  segments: Int32Array;
  /** The same for the live cart rules. */
  cartRules: Int32Array;
}

export interface ShopperMeasures {
  plan: MeasurePlan;
  /** The value of each expression for the shopper. */
  values: unknown[];
}

/**
 * The measures to read with the shopper at `now` (windows are relative to it). Conditions in a
 * group (ConditionMeasure.group) read one expression built from all their keys; the others
 * share an expression when its SQL and values are the same.
 */
export function planMeasures(catalogue: PromotionCatalogue, now: Date, shop: ShopContext): MeasurePlan {
  const context = { customer: SHOPPER_ID, now, shop };
  const expressions: (Sql | null)[] = [];
  const slotOf = new Map<string, number>();
  const groups = new Map<number, { measure: ConditionMeasure<unknown>; params: unknown; keys: Set<string> }>();
  const slots = (rules: CompiledRules) =>
    Int32Array.from(rules.conditions, ({ condition, params }) => {
      const measure = condition.measure as ConditionMeasure<unknown> | undefined;
      if (!measure) return -1;
      if (measure.group) {
        const key = `${condition.type}\u0000${measure.group(params)}`;
        let slot = slotOf.get(key);
        if (slot === undefined) {
          slotOf.set(key, (slot = expressions.push(null) - 1));
          groups.set(slot, { measure, params, keys: new Set() });
        }
        for (const part of measure.keys?.(params) ?? []) groups.get(slot)?.keys.add(part);
        return slot;
      }
      const expression = measure.sql(params, context, measure.keys?.(params) ?? []);
      const key = `${expression.text}\u0000${JSON.stringify(expression.values)}`;
      let slot = slotOf.get(key);
      if (slot === undefined) slotOf.set(key, (slot = expressions.push(expression) - 1));
      return slot;
    });
  const segments = slots(catalogue.compiledSegments.rules);
  const cartRules = slots(catalogue.cartRules);
  for (const [slot, { measure, params, keys }] of groups) expressions[slot] = measure.sql(params, context, [...keys].sort());
  return { expressions: expressions as Sql[], segments, cartRules };
}

/** Answers of the measured conditions of `rules` (1 met, 2 not met, 0 for the others, evaluated from facts as usual). */
export function measuredAnswers(rules: CompiledRules, slots: Int32Array, values: unknown[], context: EvaluationContext): Uint8Array {
  const answers = new Uint8Array(slots.length);
  for (let index = 0; index < slots.length; index += 1) {
    const slot = slots[index] as number;
    if (slot === -1) continue;
    const { condition, params } = rules.conditions[index] as { condition: { measure?: { holds(params: unknown, value: unknown, context: EvaluationContext): boolean } }; params: unknown };
    answers[index] = condition.measure?.holds(params, values[slot] ?? null, context) ? 1 : 2;
  }
  return answers;
}
