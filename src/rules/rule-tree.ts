// Segment rule trees: AND / OR / NOT over plugin conditions, nested to any depth.
// One module validates them, turns them into what is stored and back, evaluates them for
// one customer, compiles them to SQL for the whole base, lists the facts they need and
// describes them in words.
import { join, parseConditionParams, sql, type AnyCondition, type EvaluationContext, type FactDefinition, type Sql, type SqlContext } from '@cohort/plugin-sdk';
import type { PluginRegistry } from '../registry/registry.js';
import { logger } from '../shared/logger.js';

export type RuleNode =
  | { and: RuleNode[] }
  | { or: RuleNode[] }
  | { not: RuleNode }
  | { condition: { type: string; params: unknown } }
  /** A stored rule that no longer reads (its plugin was removed, say): it never holds. See readStoredRule. */
  | { unreadable: string };

export const RULE_LIMITS = { maxDepth: 12, maxNodes: 200 } as const;

export interface RuleIssue {
  path: string[];
  message: string;
}

export class RuleTreeError extends Error {
  constructor(readonly issues: RuleIssue[]) {
    super(issues.map((issue) => `${issue.path.join('.') || 'rule'}: ${issue.message}`).join('; '));
  }
}

/**
 * Validates a rule tree (as the GraphQL input maps to it, or as stored) against the registry
 * and returns it with every condition's parameters normalised by its zod schema. The tree's
 * size and depth are checked first, without recursion, so an oversized tree is refused before
 * any parameters are parsed.
 */
export function parseRuleTree(input: unknown, registry: PluginRegistry, basePath: string[] = ['rule'], unknownKeys: 'refuse' | 'drop' = 'refuse'): RuleNode {
  checkShape(input, basePath);
  const issues: RuleIssue[] = [];

  const visit = (node: unknown, path: string[]): RuleNode | null => {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) {
      issues.push({ path, message: 'must be an object with exactly one of and, or, not, condition' });
      return null;
    }
    const keys = Object.keys(node).filter((key) => (node as Record<string, unknown>)[key] !== undefined && (node as Record<string, unknown>)[key] !== null);
    if (keys.length !== 1) {
      issues.push({ path, message: 'must have exactly one of and, or, not, condition' });
      return null;
    }
    const key = keys[0] as string;
    const value = (node as Record<string, unknown>)[key];
    if (key === 'and' || key === 'or') {
      if (!Array.isArray(value) || value.length === 0) {
        issues.push({ path: [...path, key], message: 'a group needs at least one rule' });
        return null;
      }
      const children = value.map((child, index) => visit(child, [...path, key, String(index)]));
      return children.every((child) => child !== null) ? ({ [key]: children } as RuleNode) : null;
    }
    if (key === 'not') {
      const child = visit(value, [...path, 'not']);
      return child ? { not: child } : null;
    }
    if (key === 'condition') {
      return parseCondition(value, [...path, 'condition']);
    }
    issues.push({ path, message: `unknown rule "${key}": expected and, or, not or condition` });
    return null;
  };

  const parseCondition = (value: unknown, path: string[]): RuleNode | null => {
    const { type, params } = (typeof value === 'object' && value !== null ? value : {}) as { type?: unknown; params?: unknown };
    const condition = typeof type === 'string' ? registry.get(type) : undefined;
    if (!condition) {
      issues.push({ path: [...path, 'type'], message: `unknown condition type "${String(type)}"` });
      return null;
    }
    const parsed = parseConditionParams(condition, params ?? {}, unknownKeys);
    if (!parsed.success) {
      for (const issue of parsed.issues) issues.push({ path: [...path, type as string, ...issue.path], message: issue.message });
      return null;
    }
    for (const key of parsed.dropped) reportDropped(condition.type, key);
    return { condition: { type: condition.type, params: parsed.data } };
  };

  const tree = visit(input, basePath);
  if (issues.length > 0 || !tree) throw new RuleTreeError(issues);
  return tree;
}

/** Refuses a tree deeper or larger than RULE_LIMITS, walking it with a stack (a hostile tree may be nested thousands deep). */
function checkShape(input: unknown, basePath: string[]): void {
  const stack: { node: unknown; depth: number }[] = [{ node: input, depth: 1 }];
  let nodes = 0;
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: unknown; depth: number };
    nodes += 1;
    if (nodes > RULE_LIMITS.maxNodes) throw new RuleTreeError([{ path: basePath, message: `a rule tree may have at most ${RULE_LIMITS.maxNodes} nodes` }]);
    if (depth > RULE_LIMITS.maxDepth) throw new RuleTreeError([{ path: basePath, message: `rules may be nested at most ${RULE_LIMITS.maxDepth} levels deep` }]);
    if (typeof node !== 'object' || node === null) continue;
    const { and, or, not } = node as { and?: unknown; or?: unknown; not?: unknown };
    for (const group of [and, or]) if (Array.isArray(group)) for (const child of group) stack.push({ node: child, depth: depth + 1 });
    if (not !== undefined && not !== null) stack.push({ node: not, depth: depth + 1 });
  }
}

/**
 * The one way a rule read from the database becomes a rule tree: parsed again against the
 * registry, so every condition gets the parameters its schema gives (instants as Dates, not
 * the strings JSON stores). Every read path uses it: live promotions, membership, descriptions,
 * explanations, exports. A rule that no longer parses (its plugin was removed, or changed its
 * parameters) becomes an `unreadable` node: it holds for nobody, says why in its description,
 * and promotions that depend on it are not offered.
 */
export function readStoredRule(json: unknown, registry: PluginRegistry): RuleNode {
  try {
    return parseRuleTree(json, registry, ['rule'], 'drop');
  } catch (error) {
    if (error instanceof RuleTreeError) return { unreadable: error.message };
    throw error;
  }
}

/**
 * What is stored for a parsed tree: its JSON, checked to read back as the same tree. A
 * condition whose parameter schema does not accept its own JSON output (a `z.date()` instead
 * of `instantSchema`, say) is a plugin bug, reported here, on write, instead of breaking every
 * later read.
 */
export function storedRule(tree: RuleNode, registry: PluginRegistry): object {
  // Parsed first, so that what is compared is normalised (defaults filled in) whoever built the tree.
  const parsed = parseRuleTree(tree, registry);
  const json = JSON.parse(JSON.stringify(parsed)) as object;
  const readBack = readStoredRule(json, registry);
  if (JSON.stringify(readBack) !== JSON.stringify(parsed)) {
    throw new Error(
      `A rule does not read back as it was written: ${'unreadable' in readBack ? readBack.unreadable : JSON.stringify(readBack)}. A condition's params schema must accept its own output as JSON.`,
    );
  }
  return json;
}

const reportedDrops = new Set<string>();

/** A stored parameter the condition no longer declares (its plugin dropped it): said once per process. */
function reportDropped(type: string, key: string) {
  if (reportedDrops.has(`${type}.${key}`)) return;
  reportedDrops.add(`${type}.${key}`);
  logger.warn(`Stored rules hold the parameter "${key}" that condition "${type}" no longer declares: it is ignored when they are read`);
}

/** Whether a tree (as read back by readStoredRule) could not be read. */
export const isUnreadable = (tree: RuleNode | null): tree is { unreadable: string } => tree !== null && 'unreadable' in tree;

function conditionOf(node: { condition: { type: string } }, registry: PluginRegistry): AnyCondition {
  const condition = registry.get(node.condition.type);
  // Stored trees were validated on write; a missing type means a plugin was removed from configuration.
  if (!condition) throw new Error(`Condition type "${node.condition.type}" is not registered (was its plugin removed?)`);
  return condition;
}

/**
 * Every fact the tree's conditions read, each once; with `exceptMeasured`, only those of the
 * conditions that have no measure (the storefront reads measures instead of their facts).
 */
export function factsOf(
  tree: RuleNode,
  registry: PluginRegistry,
  into = new Map<string, FactDefinition>(),
  exceptMeasured = false,
): Map<string, FactDefinition> {
  if ('and' in tree) tree.and.forEach((child) => factsOf(child, registry, into, exceptMeasured));
  else if ('or' in tree) tree.or.forEach((child) => factsOf(child, registry, into, exceptMeasured));
  else if ('not' in tree) factsOf(tree.not, registry, into, exceptMeasured);
  else if ('condition' in tree) {
    const condition = conditionOf(tree, registry);
    if (!(exceptMeasured && condition.measure)) for (const fact of condition.facts) into.set(fact.name, fact);
  }
  return into;
}

/** The cart subtotals from which the tree's conditions hold (their `subtotalThresholds`), outside NOT. */
export function subtotalThresholdsOf(tree: RuleNode, registry: PluginRegistry): { amount: number; currency: string }[] {
  if ('and' in tree) return tree.and.flatMap((child) => subtotalThresholdsOf(child, registry));
  if ('or' in tree) return tree.or.flatMap((child) => subtotalThresholdsOf(child, registry));
  if ('not' in tree || 'unreadable' in tree) return [];
  return conditionOf(tree, registry).subtotalThresholds?.(tree.condition.params) ?? [];
}

/** Each condition that holds only for carts in one currency (its `cartCurrency`), with that currency and its path in the tree. */
export function cartCurrenciesOf(tree: RuleNode, registry: PluginRegistry, path: string[] = []): { currency: string; type: string; path: string[] }[] {
  if ('and' in tree) return tree.and.flatMap((child, index) => cartCurrenciesOf(child, registry, [...path, 'and', String(index)]));
  if ('or' in tree) return tree.or.flatMap((child, index) => cartCurrenciesOf(child, registry, [...path, 'or', String(index)]));
  if ('not' in tree) return cartCurrenciesOf(tree.not, registry, [...path, 'not']);
  if ('unreadable' in tree) return [];
  const currency = conditionOf(tree, registry).cartCurrency?.(tree.condition.params);
  return currency ? [{ currency, type: tree.condition.type, path: [...path, 'condition', tree.condition.type] }] : [];
}

/** Evaluates the tree for one customer whose facts are loaded (keyed by fact name). */
export function evaluateRuleTree(tree: RuleNode, registry: PluginRegistry, facts: Record<string, unknown>, context: EvaluationContext): boolean {
  return new CompiledRules([tree], registry).run(facts, context).holds(0);
}

const AND = 0;
const OR = 1;
const NOT = 2;
const CONDITION = 3;
const NEVER = 4;

interface CompiledNode {
  op: typeof AND | typeof OR | typeof NOT | typeof CONDITION | typeof NEVER;
  children: CompiledNode[];
  /** For a condition: its index in the distinct conditions. */
  condition: number;
}

/**
 * Rule trees prepared once to be evaluated for many shoppers (the storefront keeps the live
 * segments and cart rules this way). Conditions are looked up in the registry once, and a
 * condition that several trees share (same type, same parameters) is evaluated once per run.
 */
export class CompiledRules {
  private readonly roots: CompiledNode[];
  /** The distinct conditions of the trees (same type and parameters once), by index. */
  readonly conditions: { condition: AnyCondition; params: unknown }[] = [];

  constructor(trees: readonly RuleNode[], registry: PluginRegistry) {
    const byKey = new Map<string, number>();
    const compile = (tree: RuleNode): CompiledNode => {
      if ('and' in tree) return { op: AND, children: tree.and.map(compile), condition: -1 };
      if ('or' in tree) return { op: OR, children: tree.or.map(compile), condition: -1 };
      if ('not' in tree) return { op: NOT, children: [compile(tree.not)], condition: -1 };
      if ('unreadable' in tree) return { op: NEVER, children: [], condition: -1 };
      const key = `${tree.condition.type}\u0000${JSON.stringify(tree.condition.params)}`;
      let index = byKey.get(key);
      if (index === undefined) {
        index = this.conditions.push({ condition: conditionOf(tree, registry), params: tree.condition.params }) - 1;
        byKey.set(key, index);
      }
      return { op: CONDITION, children: [], condition: index };
    };
    this.roots = trees.map(compile);
  }

  /**
   * One shopper's evaluation: `holds(i)` says whether trees[i] holds on these facts. `known`
   * gives answers already worked out by distinct condition (1 met, 2 not met, 0 evaluate): the
   * storefront's measured conditions.
   */
  run(facts: Record<string, unknown>, context: EvaluationContext, known?: Uint8Array): RuleRun {
    return new RuleRun(this.roots, this.conditions, facts, context, known);
  }

  /** The earliest instant after now at which time alone may change a condition's answer (their `changesAt`), or null. */
  nextChangeAt(facts: Record<string, unknown>, context: EvaluationContext): Date | null {
    let next: Date | null = null;
    for (const { condition, params } of this.conditions) {
      const at = condition.changesAt?.(params, facts as never, context) ?? null;
      if (at && at.getTime() > context.now.getTime() && (next === null || at < next)) next = at;
    }
    return next;
  }
}

export class RuleRun {
  /** Per distinct condition: 0 not evaluated yet, 1 met, 2 not met. */
  private readonly answers: Uint8Array;

  constructor(
    private readonly roots: CompiledNode[],
    private readonly conditions: { condition: AnyCondition; params: unknown }[],
    private readonly facts: Record<string, unknown>,
    private readonly context: EvaluationContext,
    known?: Uint8Array,
  ) {
    this.answers = known ? known.slice() : new Uint8Array(conditions.length);
  }

  holds(tree: number): boolean {
    return this.evaluate(this.roots[tree] as CompiledNode);
  }

  private evaluate(node: CompiledNode): boolean {
    switch (node.op) {
      case AND:
        for (const child of node.children) if (!this.evaluate(child)) return false;
        return true;
      case OR:
        for (const child of node.children) if (this.evaluate(child)) return true;
        return false;
      case NOT:
        return !this.evaluate(node.children[0] as CompiledNode);
      case NEVER:
        return false;
      default: {
        const answer = this.answers[node.condition];
        if (answer !== 0) return answer === 1;
        const { condition, params } = this.conditions[node.condition] as { condition: AnyCondition; params: unknown };
        const met = condition.evaluate(params, this.facts as never, this.context);
        this.answers[node.condition] = met ? 1 : 2;
        return met;
      }
    }
  }
}

/**
 * Compiles the tree to one SQL boolean expression over the customer row `context.customer`.
 * A condition's SQL may yield NULL for "unknown", which means not met. Under AND and OR,
 * NULL already behaves like FALSE as far as a WHERE clause is concerned, so predicates are
 * emitted bare (PostgreSQL can then plan `id IN (…)` as a semi-join); only NOT needs the
 * two-valued answer, so its operand is wrapped in COALESCE(…, FALSE).
 */
export function ruleTreeToSql(tree: RuleNode, registry: PluginRegistry, context: SqlContext): Sql {
  if ('and' in tree)
    return sql`(${join(
      tree.and.map((child) => ruleTreeToSql(child, registry, context)),
      ' AND ',
    )})`;
  if ('or' in tree)
    return sql`(${join(
      tree.or.map((child) => ruleTreeToSql(child, registry, context)),
      ' OR ',
    )})`;
  if ('not' in tree) return sql`(NOT COALESCE(${ruleTreeToSql(tree.not, registry, context)}, FALSE))`;
  if ('unreadable' in tree) return sql`FALSE`;
  const condition = conditionOf(tree, registry);
  return sql`(${condition.toSql(tree.condition.params, context)})`;
}

export interface RuleExplanation {
  kind: 'AND' | 'OR' | 'NOT' | 'CONDITION';
  /** The node in words. */
  description: string;
  met: boolean;
  children: RuleExplanation[];
}

/** Evaluates the tree like evaluateRuleTree, keeping every node's answer: "why (not)?" down to the condition. */
export function explainRuleTree(tree: RuleNode, registry: PluginRegistry, facts: Record<string, unknown>, context: EvaluationContext): RuleExplanation {
  const description = describeRuleTree(tree, registry);
  if ('and' in tree || 'or' in tree) {
    const children = ('and' in tree ? tree.and : tree.or).map((child) => explainRuleTree(child, registry, facts, context));
    const met = 'and' in tree ? children.every((child) => child.met) : children.some((child) => child.met);
    return { kind: 'and' in tree ? 'AND' : 'OR', description, met, children };
  }
  if ('not' in tree) {
    const child = explainRuleTree(tree.not, registry, facts, context);
    return { kind: 'NOT', description, met: !child.met, children: [child] };
  }
  if ('unreadable' in tree) return { kind: 'CONDITION', description, met: false, children: [] };
  return { kind: 'CONDITION', description, met: evaluateRuleTree(tree, registry, facts, context), children: [] };
}

/** The tree in words, for admin UIs: `customer category is wholesale AND NOT (…)`. */
export function describeRuleTree(tree: RuleNode, registry: PluginRegistry): string {
  const group = (children: RuleNode[], joiner: string) =>
    children.length === 1
      ? describeRuleTree(children[0] as RuleNode, registry)
      : `(${children.map((child) => describeRuleTree(child, registry)).join(` ${joiner} `)})`;
  if ('and' in tree) return group(tree.and, 'AND');
  if ('or' in tree) return group(tree.or, 'OR');
  if ('not' in tree) return `NOT ${describeRuleTree(tree.not, registry)}`;
  if ('unreadable' in tree) return `unreadable rule (${tree.unreadable})`;
  return conditionOf(tree, registry).describe(tree.condition.params);
}
