// What promotions give, in GraphQL: the PromotionEffect union (one member per effect a plugin
// defines, shown as its `output` describes) and PromotionEffectInput (one field per effect,
// derived from its parameters; set exactly one).
import type { StoredEffect } from '@cohort/plugin-sdk';
import type { SchemaParts } from '../schema/builder.js';
import { pascal } from '../schema/plugin-types.js';

/** An effect as a PromotionEffect value, amounts in `currency`. */
export const effectValue = (effect: StoredEffect, currency: string) => ({ type: effect.type, value: effect.params, currency });

export function promotionEffectTypes({ builder, registry, pluginTypes }: SchemaParts) {
  const PromotionEffect = pluginTypes.effectUnion('PromotionEffect', registry.effects());

  const PromotionEffectInput = builder.inputType('PromotionEffectInput', {
    description: 'One effect: set exactly one field.',
    isOneOf: true,
    fields: (t) =>
      Object.fromEntries(
        registry.effects().map((effect) => {
          const field = pluginTypes.field(effect.params, `${pascal(effect.type)}Effect`, `Effect "${effect.type}" (plugin "${registry.pluginOfEffect(effect.type)}")`);
          return [effect.type, t.field({ ...field, required: false, description: field.description ?? effect.label } as never)];
        }),
      ),
  });
  return { PromotionEffect, PromotionEffectInput };
}

export type PromotionEffectRefs = ReturnType<typeof promotionEffectTypes>;
