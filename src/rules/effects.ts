// Stored effects read back through the server's registry: by the live promotions the
// storefront is offered (checkout/) and by what admins see of a promotion (promotions/).
import type { GivenEffect, StoredEffect } from '@cohort/plugin-sdk';
import type { PluginRegistry } from '../registry/registry.js';

/**
 * Stored effects read back: each parsed again by its effect's schema. `unreadable` says why
 * when one cannot be (its plugin is not loaded, or its parameters no longer parse): the
 * promotion cannot tell what it gives.
 */
export function readStoredEffects(stored: unknown, registry: PluginRegistry): { effects: GivenEffect[] } | { unreadable: string } {
  if (!Array.isArray(stored)) return { unreadable: 'its effects are not a list' };
  const effects: GivenEffect[] = [];
  for (const entry of stored as Partial<StoredEffect>[]) {
    const definition = typeof entry?.type === 'string' ? registry.effect(entry.type) : undefined;
    if (!definition) return { unreadable: `no plugin gives effects of type "${String(entry?.type)}"` };
    const parsed = definition.params.safeParse(entry.params);
    if (!parsed.success)
      return {
        unreadable: `effect "${definition.type}": ${parsed.error.issues.map((issue) => `${issue.path.map(String).join('.') || 'params'}: ${issue.message}`).join('; ')}`,
      };
    effects.push({ type: definition.type, params: parsed.data, definition });
  }
  return { effects };
}
