// Rules as text (the segment query language of @cohort/segment-query) on the server: text to
// a validated rule tree, with every problem placed in the text (GraphQL's and the conditions'
// own messages, as for the same JSON), and a rule tree to its canonical text. The language is
// read from the server's own schema, so a partner's condition reads and prints as a built-in's.
import { describeConditions, errorAt, parseQuery, printQuery, type QueryError, type RuleInput, type SourceMap } from '@cohort/segment-query';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { parseConditionParams, type AnyCondition } from '@cohort/plugin-sdk';
import type { PluginRegistry } from '../registry/registry.js';
import { badUserInput, type InputIssue } from '../schema/bad-input.js';
import { ruleFromInput, type RuleInputShape } from './rule-input.js';
import { parseRuleTree, RuleTreeError, type RuleNode } from '../rules/rule-tree.js';

export type TextRule = { tree: RuleNode; sourceMap: SourceMap; errors: [] } | { tree: null; errors: QueryError[] };

/** Reads a rule written as text and validates it as a rule given as JSON would be. */
export function ruleFromText(text: string, schema: GraphQLSchema, registry: PluginRegistry): TextRule {
  const parsed = parseQuery(text, describeConditions(schema));
  if (!parsed.rule) return { tree: null, errors: parsed.errors };
  try {
    return { tree: parseRuleTree(ruleFromInput(parsed.rule as RuleInputShape), registry, []), sourceMap: parsed.sourceMap, errors: [] };
  } catch (error) {
    if (!(error instanceof RuleTreeError)) throw error;
    const whole = { start: 0, end: text.length };
    return {
      tree: null,
      errors: error.issues.map((issue) => errorAt(text, parsed.sourceMap.spanOf(issue.path) ?? whole, issue.message, { path: issue.path })),
    };
  }
}

/** The canonical text of a rule tree; null for a stored rule that no longer reads. */
export function textOfRule(tree: RuleNode, schema: GraphQLSchema, registry: PluginRegistry): string | null {
  const input = inputOf(tree, registry);
  return input ? printQuery(input, describeConditions(schema)) : null;
}

/**
 * A tree as the rule input takes it, instants as ISO strings, each condition without the
 * parameters that only repeat what leaving them out gives (its defaults): the text says what
 * the admin chose. Null if any part does not read.
 */
function inputOf(tree: RuleNode, registry: PluginRegistry): RuleInput | null {
  if ('and' in tree || 'or' in tree) {
    const [kind, operands] = 'and' in tree ? (['and', tree.and] as const) : (['or', tree.or] as const);
    const inputs = operands.map((operand) => inputOf(operand, registry));
    return inputs.every((input) => input !== null) ? { [kind]: inputs } : null;
  }
  if ('not' in tree) {
    const operand = inputOf(tree.not, registry);
    return operand ? { not: operand } : null;
  }
  if ('unreadable' in tree) return null;
  const condition = registry.get(tree.condition.type);
  if (!condition) return null;
  return { condition: { [condition.type]: withoutDefaults(condition, JSON.parse(JSON.stringify(tree.condition.params)) as Record<string, unknown>) } };
}

function withoutDefaults(condition: AnyCondition, params: Record<string, unknown>): Record<string, unknown> {
  const normal = (raw: Record<string, unknown>) => {
    const parsed = parseConditionParams(condition, raw);
    return parsed.success ? JSON.stringify(parsed.data) : null;
  };
  const full = normal(params);
  if (full === null) return params;
  const kept = { ...params };
  for (const key of Object.keys(params)) {
    const { [key]: _dropped, ...without } = kept;
    if (normal(without) === full) delete kept[key];
  }
  return normal(kept) === full ? kept : params;
}

/** Where a rule is given in an input: as a tree (`rule`) or as text (`query`), with their paths for errors. */
export interface RuleFields {
  rule: RuleInputShape | null | undefined;
  query: string | null | undefined;
  rulePath: string[];
  queryPath: string[];
}

/**
 * The rule an input gives as a tree or as text, validated; undefined when it gives neither
 * (`required` refuses that). Giving both is refused, naming the fields. Problems in text come
 * back as BAD_USER_INPUT issues on the text field, with the position, what was expected there,
 * and `rulePath`: the path the same problem has in the tree.
 */
export function ruleOf(
  fields: RuleFields,
  schema: GraphQLSchema,
  registry: PluginRegistry,
  required: boolean,
): { tree: RuleNode; relocate: (error: unknown) => never } | undefined {
  const { rule, query, rulePath, queryPath } = fields;
  const [ruleField, queryField] = [rulePath.join('.'), queryPath.join('.')];
  if (rule != null && query != null)
    throw badUserInput([{ path: queryField, message: `give the rule as a tree (${rulePath.at(-1)}) or as text (${queryPath.at(-1)}), not both` }]);
  if (query != null) {
    const read = ruleFromText(query, schema, registry);
    if (!read.tree) throw badUserInput(read.errors.map((error) => queryIssue(error, queryField, rulePath)));
    const { sourceMap } = read;
    return {
      tree: read.tree,
      // A later check of the tree (a cart rule's currency, say) names a path in it: placed in the text.
      relocate: (error) => {
        const issues = error instanceof GraphQLError ? (error.extensions.issues as InputIssue[] | undefined) : undefined;
        if (!issues) throw error;
        throw badUserInput(
          issues.map((issue) => {
            if (issue.path !== ruleField && !issue.path.startsWith(`${ruleField}.`)) return issue;
            const path = issue.path
              .slice(ruleField.length + 1)
              .split('.')
              .filter(Boolean);
            return queryIssue(errorAt(query, sourceMap.spanOf(path) ?? { start: 0, end: query.length }, issue.message, { path }), queryField, rulePath);
          }),
        );
      },
    };
  }
  if (rule != null) {
    return {
      tree: parseOrThrow(ruleFromInput(rule), registry, rulePath),
      relocate: (error) => {
        throw error;
      },
    };
  }
  if (required) throw badUserInput([{ path: queryField, message: `give the rule as text (${queryPath.at(-1)}) or as a tree (${rulePath.at(-1)})` }]);
  return undefined;
}

function parseOrThrow(rule: unknown, registry: PluginRegistry, path: string[]): RuleNode {
  try {
    return parseRuleTree(rule, registry, path);
  } catch (error) {
    if (error instanceof RuleTreeError) throw badUserInput(error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })));
    throw error;
  }
}

/** A problem in text as an input issue: on the text field, placed, with the path the same problem has in the tree. */
function queryIssue(error: QueryError, queryField: string, rulePath: string[]): InputIssue {
  return {
    path: queryField,
    message: error.message,
    line: error.line,
    column: error.column,
    offset: error.offset,
    length: error.length,
    expected: error.expected,
    rulePath: error.path === null ? null : [...rulePath, error.path].filter(Boolean).join('.'),
    replacement: error.replacement,
  };
}
