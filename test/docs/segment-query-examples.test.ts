// Every example rule of the README and the docs, as text: each ```segment-query block reads as
// a rule, is the canonical text of that rule, and is the rule of the JSON in the code block just
// before it when that block gives one; texts given to the API in GraphQL blocks (query,
// cartRuleQuery) read too; and docs/segment-queries.md's tables cover every built-in condition,
// in the words the API describes them with, and match the templates.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, valueFromAST, visit, type GraphQLInputType } from 'graphql';
import { describe, expect, it } from 'vitest';
import shippingMethodPlugin from '../../examples/shipping-method/index.js';
import { builtinPlugins } from '../../plugins/index.js';
import { buildSchema } from '../../src/server/schema.js';
import { ruleFromInput, type RuleInputShape } from '../../src/segments/rule-input.js';
import { ruleFromText, textOfRule } from '../../src/segments/rule-text.js';
import { describeRuleTree, parseRuleTree, type RuleNode } from '../../src/rules/rule-tree.js';
import { SEGMENT_TEMPLATES } from '../../src/segments/templates.js';
import { ROOT } from '../support/processes.js';
import { registryWith } from '../support/registry.js';
import { schemaOptions } from '../support/runtime.js';

const registry = registryWith(shippingMethodPlugin);
const schema = buildSchema(registry, schemaOptions());
const ruleInput = schema.getType('SegmentRuleInput') as GraphQLInputType;

const files = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs')).map((file) => `docs/${file}`),
  ...readdirSync(join(ROOT, 'packages')).map((folder) => `packages/${folder}/README.md`),
].filter((file) => {
  try {
    return readFileSync(join(ROOT, file), 'utf8').length > 0;
  } catch {
    return false;
  }
});
const blocksOf = (file: string) =>
  [...readFileSync(join(ROOT, file), 'utf8').matchAll(/```([\w-]*)\n([\s\S]*?)```/g)].map((match) => ({
    language: match[1] as string,
    body: match[2] as string,
  }));

/** Reads a text as the API does, expecting no error; the rule, after checking the text is canonical. */
function read(text: string): RuleNode {
  const result = ruleFromText(text, schema, registry);
  expect(result.errors, text).toEqual([]);
  expect(textOfRule(result.tree as RuleNode, schema, registry), 'canonical text').toBe(text);
  return result.tree as RuleNode;
}

/** The rules (rule:, cartRule:) and texts (query:, cartRuleQuery:) a GraphQL block gives the API; none in SDL or sketches ("…"). */
function graphqlRules(body: string): { rules: RuleNode[]; texts: string[] } {
  const rules: RuleNode[] = [];
  const texts: string[] = [];
  let document;
  try {
    document = parse(body);
  } catch {
    return { rules, texts };
  }
  if (document.definitions.some((definition) => definition.kind !== Kind.OPERATION_DEFINITION)) return { rules, texts };
  visit(document, {
    enter(node) {
      if (node.kind !== Kind.ARGUMENT && node.kind !== Kind.OBJECT_FIELD) return;
      const name = node.name.value;
      if ((name === 'rule' || name === 'cartRule') && node.value.kind === Kind.OBJECT)
        rules.push(parseRuleTree(ruleFromInput(valueFromAST(node.value, ruleInput) as RuleInputShape), registry));
      if ((name === 'query' || name === 'cartRuleQuery') && node.value.kind === Kind.STRING) texts.push(node.value.value);
    },
  });
  return { rules, texts };
}

/** A JSON block that is a rule input (and, or, not, condition), as a rule. */
function jsonRules(body: string): RuleNode[] {
  const value = JSON.parse(body) as Record<string, unknown>;
  return ['and', 'or', 'not', 'condition'].some((key) => key in value) ? [parseRuleTree(ruleFromInput(value as RuleInputShape), registry)] : [];
}

describe('rule examples of the README and the docs', () => {
  const examples = files.flatMap((file) =>
    blocksOf(file)
      .map((block, index, blocks) => ({ file, block, before: blocks[index - 1] }))
      .filter(({ block }) => block.language === 'segment-query'),
  );

  it('are shown as text as well, in every file that has a rule', () => {
    const withRules = files.filter((file) => blocksOf(file).some((block) => block.language === 'graphql' && graphqlRules(block.body).rules.length > 0));
    for (const file of withRules)
      expect(
        examples.map((example) => example.file),
        `${file} shows its rules as text`,
      ).toContain(file);
    expect(examples.length).toBeGreaterThanOrEqual(12);
  });

  it.each(examples.map((example) => [`${example.file}: ${example.block.body.trim()}`, example] as const))(
    '%s reads as the rule of the JSON beside it',
    (_name, { block, before }) => {
      const tree = read(block.body.trim());
      const beside = before?.language === 'graphql' ? graphqlRules(before.body).rules : before?.language === 'json' ? jsonRules(before.body) : [];
      if (beside.length > 0) expect(beside, 'the JSON rule before it').toContainEqual(tree);
    },
  );

  it('texts given to the API in GraphQL blocks read as canonical rules', () => {
    const texts = files.flatMap((file) =>
      blocksOf(file)
        .filter((block) => block.language === 'graphql')
        .flatMap((block) => graphqlRules(block.body).texts),
    );
    expect(texts.length).toBeGreaterThanOrEqual(3);
    for (const text of texts) read(text);
  });
});

describe('docs/segment-queries.md', () => {
  const page = readFileSync(join(ROOT, 'docs/segment-queries.md'), 'utf8');
  const section = (title: string) => page.slice(page.indexOf(title), page.indexOf('\n## ', page.indexOf(title) + 1));

  it('shows every built-in condition as text, in the words the API describes it with', () => {
    const rows = [...section('## Every built-in condition, as text').matchAll(/^\| `(\w+)` \| `(.+)` \| (.+) \|$/gm)];
    for (const [, type, text, words] of rows) {
      const tree = read(text as string);
      expect('condition' in tree && tree.condition.type).toBe(type);
      expect(describeRuleTree(tree, registry)).toBe(words);
    }
    const builtins = builtinPlugins.flatMap((plugin) => plugin.conditions ?? []).map((condition) => condition.type);
    expect(builtins.filter((type) => !rows.some((row) => row[1] === type))).toEqual([]);
  });

  it('shows every template as its text', () => {
    const rows = new Map([...section('### Templates').matchAll(/^\| `([A-Z_]+)` \| `(.+)` \|$/gm)].map((row) => [row[1] as string, row[2] as string]));
    for (const template of SEGMENT_TEMPLATES) {
      const text = rows.get(template.key);
      expect(text, template.key).toBeDefined();
      expect(read(text as string)).toEqual(parseRuleTree(template.rule({ currency: 'USD' }), registry));
    }
  });
});
