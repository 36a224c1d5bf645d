// What promotions give, in GraphQL: the PromotionEffect union (one member per effect a plugin
// defines, shown as its `output` describes) and PromotionEffectInput (one field per effect,
// derived from its parameters; set exactly one).
import { InputObjectRef, UnionRef } from '@pothos/core';
import { implement, type BuilderTypes, type SchemaParts } from '../schema/builder.js';
import { pascal } from '../schema/plugin-types.js';
import type { StoredEffect } from '@cohort/plugin-sdk';

export const PromotionEffect = new UnionRef<BuilderTypes, ReturnType<typeof effectValue>>('PromotionEffect');
/** `{ <effect type>: <its parameters> }`, one key set: effectsFromInput reads it. */
export const PromotionEffectInput = new InputObjectRef<BuilderTypes, Record<string, unknown>>('PromotionEffectInput');

export function registerPromotionEffectTypes({ builder, registry, pluginTypes }: SchemaParts) {
  implement(builder, PromotionEffect, pluginTypes.effectUnion('PromotionEffect', registry.effects()));

  implement(
    builder,
    PromotionEffectInput,
    builder.inputType('PromotionEffectInput', {
      description: 'One effect: set exactly one field.',
      isOneOf: true,
      fields: (t) =>
        Object.fromEntries(
          registry.effects().map((effect) => {
            const field = pluginTypes.field(
              effect.params,
              `${pascal(effect.type)}Effect`,
              `Effect "${effect.type}" (plugin "${registry.pluginOfEffect(effect.type)}")`,
            );
            return [effect.type, t.field({ ...field, required: false, description: field.description ?? effect.label } as never)];
          }),
        ),
    }),
  );
}

/** An effect as a PromotionEffect value, amounts in `currency`. */
export const effectValue = (effect: StoredEffect, currency: string) => ({ type: effect.type, value: effect.params, currency });
