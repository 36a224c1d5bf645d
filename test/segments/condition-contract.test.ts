// What the core holds every condition plugin to: parameters declared once (the GraphQL input
// is derived from them, unknown parameters are refused, never dropped for their defaults), and
// names unique on a server (plugins, condition types, facts).
import { defineCondition, defineSqlFact, definePlugin, ordersFact, parameterNames, sql, z } from '@cohort/plugin-sdk';
import { checkAgreement } from '@cohort/plugin-sdk/testing';
import { describe, expect, it } from 'vitest';
import { query } from '../../src/db/client.js';
import { registry as pluginRegistry } from '../support/registry.js';
import { PluginRegistry } from '../../src/registry/registry.js';
import { parseRuleTree, readStoredRule, RuleTreeError } from '../../src/rules/rule-tree.js';
import { createTestClient } from '../support/http.js';

const condition = (type: string, facts: readonly (typeof ordersFact)[] = [ordersFact]) =>
  defineCondition({
    type,
    label: type,
    params: z.object({ minOrder: z.number().int().default(1) }),
    facts,
    evaluate: ({ minOrder }, values) => ((values as { orders?: unknown[] }).orders?.length ?? 0) >= minOrder,
    toSql: () => sql`TRUE`,
    describe: ({ minOrder }) => `at least ${minOrder}`,
  });

describe('parameters', () => {
  it('refuses a parameter the condition does not declare, naming it, instead of storing the default', () => {
    const attempt = () => parseRuleTree({ condition: { type: 'orderCount', params: { count: { atLeast: 5 }, statuss: ['VALIDATED'] } } }, pluginRegistry);
    expect(attempt).toThrow(RuleTreeError);
    expect(attempt).toThrow('rule.condition.orderCount.statuss: unknown parameter "statuss" (orderCount takes count, within, statuses)');
  });

  it('reads a stored rule holding a parameter its plugin no longer declares without it, instead of losing the rule', () => {
    const stored = { condition: { type: 'orderCount', params: { count: { atLeast: 5 }, minOrders: 3 } } };
    expect(readStoredRule(stored, pluginRegistry)).toEqual(
      parseRuleTree({ condition: { type: 'orderCount', params: { count: { atLeast: 5 } } } }, pluginRegistry),
    );
  });

  it('lets a condition whose parameters take any key (z.looseObject) keep them', () => {
    const loose = defineCondition({ ...condition('acmeLoose'), params: z.looseObject({ minOrder: z.number().int().default(1) }) });
    const registry = new PluginRegistry([definePlugin({ name: 'acme', conditions: [loose] })]);
    expect(parseRuleTree({ condition: { type: 'acmeLoose', params: { minOrder: 2, note: 'kept' } } }, registry)).toEqual({
      condition: { type: 'acmeLoose', params: { minOrder: 2, note: 'kept' } },
    });
  });

  it('has the test kit refuse them too', async () => {
    await expect(
      checkAgreement({
        db: { query },
        condition: pluginRegistry.get('orderCount')!,
        params: { count: { atLeast: 1 }, minOrders: 3 },
        shop: { customerIds: new Map() } as never,
        now: new Date(),
      }),
    ).rejects.toThrow('orderCount: minOrders: unknown parameter "minOrders"');
  });

  it("derives each condition's GraphQL input from its parameters: one field per parameter, and nothing else", async () => {
    const client = await createTestClient();
    for (const condition of pluginRegistry.all()) {
      const name = `${condition.type.charAt(0).toUpperCase()}${condition.type.slice(1)}ConditionInput`;
      const result = await client.request(`{ __type(name: "${name}") { inputFields { name } } }`);
      expect(result.data.__type.inputFields.map((field: { name: string }) => field.name).sort(), name).toEqual([...(parameterNames(condition) ?? [])].sort());
    }
  });

  it('refuses a condition whose parameters are not a z.object, when it is defined and when a server registers it', () => {
    expect(() => defineCondition({ ...condition('acmeScalar'), params: z.number() as never })).toThrow('Condition "acmeScalar": params must be a z.object');
    // A plugin in plain JavaScript may skip defineCondition: the registry checks too.
    const raw = { ...condition('acmeRaw'), params: z.string() };
    expect(() => new PluginRegistry([{ name: 'acme-raw', conditions: [raw as never] }])).toThrow(
      'Condition "acmeRaw" (plugin "acme-raw"): params must be a z.object',
    );
  });
});

describe('names unique on a server', () => {
  it('refuses two plugins with one name', () => {
    expect(
      () =>
        new PluginRegistry([
          definePlugin({ name: 'acme', conditions: [condition('acmeOne')] }),
          definePlugin({ name: 'acme', conditions: [condition('acmeTwo')] }),
        ]),
    ).toThrow('Two plugins are named "acme": each plugin needs its own name');
  });

  it('refuses one condition type in two plugins', () => {
    expect(
      () =>
        new PluginRegistry([
          definePlugin({ name: 'acme', conditions: [condition('shared')] }),
          definePlugin({ name: 'other', conditions: [condition('shared')] }),
        ]),
    ).toThrow('Condition type "shared" is defined by both "acme" and "other"');
  });

  it('refuses two different facts with one name, and lets conditions share one fact', () => {
    const impostor = defineSqlFact({ name: ordersFact.name, empty: [] as unknown[], json: () => sql`'[]'`, parse: (json) => json as unknown[] });
    expect(
      () => new PluginRegistry([definePlugin({ name: 'acme', conditions: [condition('acmeOrders'), condition('acmeImpostor', [impostor as never])] })]),
    ).toThrow(`Two different facts are named "${ordersFact.name}" (read by conditions "acmeOrders" and "acmeImpostor")`);
    expect(() => new PluginRegistry([definePlugin({ name: 'acme', conditions: [condition('acmeOne'), condition('acmeTwo')] })])).not.toThrow();
    // Two copies of one definition (a plugin that bundles its own copy of the SDK) are one fact.
    const copy = { ...ordersFact };
    expect(() => new PluginRegistry([definePlugin({ name: 'acme', conditions: [condition('acmeOne'), condition('acmeCopy', [copy])] })])).not.toThrow();
  });
});
