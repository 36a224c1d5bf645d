// Measures on the storefront (see ConditionMeasure in the SDK): for a known shopper, every live
// condition that has a measure is answered from one small value read in the shopper's
// statement, not from the whole history its facts would hold. Which conditions share a read
// is worked out once per set of live promotions: those of one type in the same group (ConditionMeasure.group)
// read one expression built from all their keys, and conditions with the same parameters read
// one. Per request, only the distinct expressions are built, at the request's time.
import type { ConditionMeasure, EvaluationContext, ShopContext, Sql } from '@cohort/plugin-sdk';
import { SHOPPER_ID } from '../facts/loaders.js';
import type { CompiledRules } from './rule-tree.js';

/** The rules a storefront evaluates per shopper: the live promotions' segments' rules and their cart rules (checkout/live-promotions.ts). */
export interface MeasuredRules {
  compiledSegments: { rules: CompiledRules };
  cartRules: CompiledRules;
}

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

/** Who reads what, for a set of rules: each read's measure, parameters and keys, and each condition's read. */
interface Sharing {
  reads: { measure: ConditionMeasure<unknown>; params: unknown; keys: string[] }[];
  segments: Int32Array;
  cartRules: Int32Array;
}

const sharingOf = new WeakMap<MeasuredRules, Sharing>();

function sharing(rules: MeasuredRules): Sharing {
  let known = sharingOf.get(rules);
  if (known) return known;
  const reads: { measure: ConditionMeasure<unknown>; params: unknown; keys: Set<string> }[] = [];
  const readOf = new Map<string, number>();
  const slots = (compiled: CompiledRules) =>
    Int32Array.from(compiled.conditions, ({ condition, params }) => {
      const measure = condition.measure as ConditionMeasure<unknown> | undefined;
      if (!measure) return -1;
      const key = `${condition.type}\u0000${measure.group ? `group\u0000${measure.group(params)}` : JSON.stringify(params)}`;
      let slot = readOf.get(key);
      if (slot === undefined) readOf.set(key, (slot = reads.push({ measure, params, keys: new Set() }) - 1));
      for (const part of measure.keys?.(params) ?? []) reads[slot]?.keys.add(part);
      return slot;
    });
  known = {
    segments: slots(rules.compiledSegments.rules),
    cartRules: slots(rules.cartRules),
    reads: reads.map((read) => ({ ...read, keys: [...read.keys].sort() })),
  };
  sharingOf.set(rules, known);
  return known;
}

/** The measures to read with the shopper at `now` (windows are relative to it). */
export function planMeasures(rules: MeasuredRules, now: Date, shop: ShopContext): MeasurePlan {
  const { reads, segments, cartRules } = sharing(rules);
  const context = { customer: SHOPPER_ID, now, shop };
  return { expressions: reads.map(({ measure, params, keys }) => measure.sql(params, context, keys)), segments, cartRules };
}

/** Answers of the measured conditions of `rules` (1 met, 2 not met, 0 for the others, evaluated from facts as usual). */
export function measuredAnswers(rules: CompiledRules, slots: Int32Array, values: unknown[], context: EvaluationContext): Uint8Array {
  const answers = new Uint8Array(slots.length);
  for (let index = 0; index < slots.length; index += 1) {
    const slot = slots[index] as number;
    if (slot === -1) continue;
    const { condition, params } = rules.conditions[index] as { condition: { measure?: ConditionMeasure<unknown> }; params: unknown };
    answers[index] = condition.measure?.holds(params, values[slot] ?? null, context) ? 1 : 2;
  }
  return answers;
}
