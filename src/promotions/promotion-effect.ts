// What promotions give, in GraphQL: the PromotionEffect union (one member per effect a plugin
// defines, shown as its `output` describes) and PromotionEffectInput (one field per effect,
// derived from its parameters; set exactly one).
import type { StoredEffect } from '@cohort/plugin-sdk';
import { pluginRegistry } from '../registry/load.js';
import { builder } from '../schema/builder.js';
import { pluginTypes } from '../schema/plugin-types.js';

const pascal = (type: string) => type.charAt(0).toUpperCase() + type.slice(1);

export const PromotionEffect = pluginTypes.effectUnion('PromotionEffect', pluginRegistry.effects());

export const PromotionEffectInput = builder.inputType('PromotionEffectInput', {
  description: 'One effect: set exactly one field.',
  isOneOf: true,
  fields: (t) =>
    Object.fromEntries(
      pluginRegistry.effects().map((effect) => {
        const field = pluginTypes.field(effect.params, `${pascal(effect.type)}Effect`, `Effect "${effect.type}" (plugin "${pluginRegistry.pluginOfEffect(effect.type)}")`);
        return [effect.type, t.field({ ...field, required: false } as never)];
      }),
    ),
});

/** An effect as a PromotionEffect value, amounts in `currency`. */
export const effectValue = (effect: StoredEffect, currency: string) => ({ type: effect.type, value: effect.params, currency });
