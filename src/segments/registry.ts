// The set of condition types a server knows: built from an explicit plugin list,
// refusing duplicates. An instance, not a global, so tests can build their own.
import type { AnyCondition } from '../plugin-sdk/condition.js';
import type { CohortPlugin } from '../plugin-sdk/plugin.js';

export class ConditionRegistry {
  private readonly conditions = new Map<string, { condition: AnyCondition; plugin: string }>();
  readonly plugins: readonly CohortPlugin[];

  constructor(plugins: readonly CohortPlugin[]) {
    this.plugins = plugins;
    for (const plugin of plugins) {
      for (const condition of plugin.conditions) {
        const existing = this.conditions.get(condition.type);
        if (existing) {
          throw new Error(`Condition type "${condition.type}" is defined by both "${existing.plugin}" and "${plugin.name}"`);
        }
        this.conditions.set(condition.type, { condition, plugin: plugin.name });
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
}
