// What a server knows of its plugins: condition types, effects and customer fields, built from
// an explicit plugin list, refusing duplicates. An instance, not a global, so tests can
// build their own.
import { parameterNames, type AnyCondition, type AnyEffect, type CohortPlugin, type FactDefinition } from '@cohort/plugin-sdk';

/**
 * What a fact is, to tell two copies of one definition (a plugin bundling its own copy of the
 * SDK, a fact made by a factory) from two different facts under one name.
 */
const signature = (fact: FactDefinition) => JSON.stringify(fact, (_key, value: unknown) => (typeof value === 'function' ? value.toString() : value));

export class PluginRegistry {
  private readonly conditions = new Map<string, { condition: AnyCondition; plugin: string }>();
  private readonly effectTypes = new Map<string, { effect: AnyEffect; plugin: string }>();
  readonly plugins: readonly CohortPlugin[];

  constructor(plugins: readonly CohortPlugin[]) {
    this.plugins = plugins;
    const pluginNames = new Set<string>();
    const facts = new Map<string, { fact: FactDefinition; condition: string }>();
    for (const plugin of plugins) {
      if (pluginNames.has(plugin.name)) throw new Error(`Two plugins are named "${plugin.name}": each plugin needs its own name`);
      pluginNames.add(plugin.name);
      for (const effect of plugin.effects ?? []) {
        const existing = this.effectTypes.get(effect.type);
        if (existing) throw new Error(`Effect type "${effect.type}" is defined by both "${existing.plugin}" and "${plugin.name}"`);
        this.effectTypes.set(effect.type, { effect, plugin: plugin.name });
      }
      for (const condition of plugin.conditions ?? []) {
        // Plugins in plain JavaScript may build conditions without defineCondition, which checks this.
        if (parameterNames(condition) === null)
          throw new Error(`Condition "${condition.type}" (plugin "${plugin.name}"): params must be a z.object: its GraphQL input is derived from its fields`);
        const existing = this.conditions.get(condition.type);
        if (existing) {
          throw new Error(`Condition type "${condition.type}" is defined by both "${existing.plugin}" and "${plugin.name}"`);
        }
        this.conditions.set(condition.type, { condition, plugin: plugin.name });
        // Facts are shared by name (one read per request): two different facts under one name would read each other's values.
        for (const fact of condition.facts) {
          const known = facts.get(fact.name);
          if (known && known.fact !== fact && signature(known.fact) !== signature(fact))
            throw new Error(
              `Two different facts are named "${fact.name}" (read by conditions "${known.condition}" and "${condition.type}"): give each fact its own name, or share one definition`,
            );
          facts.set(fact.name, { fact, condition: condition.type });
        }
      }
    }
    this.checkEffectsGiven();
  }

  /** Effects that give other effects (a tier's discounts) need them on the server. */
  private checkEffectsGiven(): void {
    for (const { effect, plugin } of this.effectTypes.values()) {
      for (const given of effect.gives ?? []) {
        if (!this.effectTypes.has(given))
          throw new Error(`Effect "${effect.type}" (plugin "${plugin}") gives effects of type "${given}", which no plugin on this server defines`);
      }
    }
  }

  get(type: string): AnyCondition | undefined {
    return this.conditions.get(type)?.condition;
  }

  /** Conditions sorted by type, so the printed schema is stable. */
  all(): AnyCondition[] {
    return [...this.conditions.values()].map((entry) => entry.condition).sort((a, b) => a.type.localeCompare(b.type));
  }

  pluginOf(type: string): string | undefined {
    return this.conditions.get(type)?.plugin;
  }

  effect(type: string): AnyEffect | undefined {
    return this.effectTypes.get(type)?.effect;
  }

  /** Effects sorted by type, so the printed schema is stable. */
  effects(): AnyEffect[] {
    return [...this.effectTypes.values()].map((entry) => entry.effect).sort((a, b) => a.type.localeCompare(b.type));
  }

  pluginOfEffect(type: string): string | undefined {
    return this.effectTypes.get(type)?.plugin;
  }
}
