// What a promotion gives: effects are plugins (defineEffect). A promotion stores each effect
// as { type, params }, its parameters as the effect's schema parsed them, and reads them
// back through the server's registry.
import { parseEffectParams, type GivenEffect, type StoredEffect } from '@cohort/plugin-sdk';
import type { PluginRegistry } from '../registry/registry.js';
import { readStoredEffects } from '../rules/effects.js';
import { badUserInput } from '../schema/bad-input.js';
import { formatMoney } from '../shared/money.js';

/** Effects from `PromotionEffectInput`s (one field set each, named by its effect's type), parsed by each effect's schema; problems name the input field. */
export function effectsFromInput(inputs: Record<string, unknown>[], registry: PluginRegistry, path: string[] = ['input', 'effects']): StoredEffect[] {
  const issues: { path: string; message: string }[] = [];
  const effects = inputs.map((input, index) => {
    const [type, raw] = Object.entries(input).find(([, value]) => value !== null && value !== undefined) ?? [];
    const definition = type === undefined ? undefined : registry.effect(type);
    if (!definition || type === undefined) {
      issues.push({ path: [...path, String(index)].join('.'), message: 'set exactly one effect' });
      return null;
    }
    const parsed = parseEffectParams(definition, raw);
    if (!parsed.success) {
      issues.push(...parsed.issues.map((issue) => ({ path: [...path, String(index), type, ...issue.path].join('.'), message: issue.message })));
      return null;
    }
    return { type, params: parsed.data };
  });
  if (issues.length > 0) throw badUserInput(issues);
  return effects as StoredEffect[];
}

/** The effects of a promotion that can be read (to show them: a promotion with unreadable ones is not offered, see checkout/live-promotions.ts). */
export function readableEffects(stored: unknown, registry: PluginRegistry): GivenEffect[] {
  return (Array.isArray(stored) ? stored : []).flatMap((entry) => {
    const read = readStoredEffects([entry], registry);
    return 'effects' in read ? read.effects : [];
  });
}

/** An effect in words, amounts in the promotion's currency: "10% off the order". */
export function describeEffect(effect: GivenEffect, currency: string): string {
  return effect.definition.describe(effect.params, { money: (amount) => formatMoney({ amount, currency }) });
}
