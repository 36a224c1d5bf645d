// Property: every rule prints as text that reads back as the same rule, and printing what was
// read gives the same text. Over rule trees of every registered condition type (the built-ins
// and the example partner plugin), with valid parameters, through the server's own reading
// (the conditions' schemas included), in memory and through the API (stored from the text and
// from the JSON, read back from the database); and over any JSON the GraphQL input types allow, through
// the language package alone (strings of any characters, any numbers, fixed and rolling
// windows, ranges of any shape, custom JSON), so that the printer is total, not only right on
// the rules conditions accept.
import fc from 'fast-check';
import { describeConditions, parseQuery, printQuery, type InputType, type RuleInput } from '@cohort/segment-query';
import { describe, expect, it } from 'vitest';
import shippingMethodPlugin from '../../examples/shipping-method/index.js';
import { buildSchema } from '../../src/server/schema.js';
import { ruleFromText, textOfRule } from '../../src/segments/rule-text.js';
import { parseRuleTree, type RuleNode } from '../../src/rules/rule-tree.js';
import { asRuleInput, conditionParams, now } from '../support/condition-params.js';
import { createTestClient } from '../support/http.js';
import { registryWith } from '../support/registry.js';
import { schemaOptions } from '../support/runtime.js';

const registry = registryWith(shippingMethodPlugin);
const schema = buildSchema(registry, schemaOptions());
const vocabulary = describeConditions(schema);
const runs = Number(process.env.PROPERTY_RUNS ?? 25) * 8;

/** Parameters for the example partner condition, as conditionParams has them for the built-ins. */
const window = fc.oneof(
  fc.record({ lastDays: fc.integer({ min: 1, max: 400 }) }),
  fc.record({ from: fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: now, noInvalidDate: true }) }),
  fc.record({ to: fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: now, noInvalidDate: true }) }),
);
const partnerParams: Record<string, fc.Arbitrary<unknown>> = {
  shippingMethodUsed: fc.record({
    methods: fc.array(fc.constantFrom('SoColissimo', ' Courier ', 'UPS "Express"'), { minLength: 1, maxLength: 3 }),
    minOrders: fc.option(fc.integer({ min: 1, max: 9 }), { nil: undefined }),
    within: fc.option(window, { nil: undefined }),
  }),
};
const allParams = { ...conditionParams, ...partnerParams };

const ruleTree: fc.Arbitrary<RuleNode> = fc.letrec<{ node: RuleNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true, maxDepth: 5 },
    fc
      .constantFrom(...Object.keys(allParams))
      .chain((type) => (allParams[type] as fc.Arbitrary<unknown>).map((params) => ({ condition: { type, params } }) as RuleNode)),
    fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((and) => ({ and })),
    fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((or) => ({ or })),
    tie('node').map((not) => ({ not })),
  ),
})).node;

describe('a stored rule as text', () => {
  it('reads back as the same rule, and prints again as the same text', () => {
    fc.assert(
      fc.property(ruleTree, (generated) => {
        const stored = parseRuleTree(generated, registry);
        const text = textOfRule(stored, schema, registry) as string;
        const read = ruleFromText(text, schema, registry);
        expect(read.errors, text).toEqual([]);
        expect(read.tree, text).toEqual(stored);
        expect(textOfRule(read.tree as RuleNode, schema, registry)).toBe(text);
      }),
      { numRuns: runs },
    );
  });

  it('is stored from its text as from its JSON, and reads back from the database as the same text', async () => {
    const client = await createTestClient({ registry });
    const CREATE = `mutation ($input: CreateSegmentInput!) { createSegment(input: $input) { ... on MutationCreateSegmentSuccess { data { segment { id } } } ... on Error { message } } }`;
    const READ = `query ($id: ID!) { node(id: $id) { ... on Segment { rule query } } }`;
    let run = 0;
    await fc.assert(
      fc.asyncProperty(ruleTree, async (generated) => {
        run += 1;
        const stored = parseRuleTree(generated, registry);
        const text = textOfRule(stored, schema, registry) as string;
        const ids = [];
        for (const input of [
          { name: `text ${run}`, query: text },
          { name: `json ${run}`, rule: asRuleInput(stored) },
        ]) {
          const created = await client.request(CREATE, { input });
          expect(created.errors, JSON.stringify(created.errors)).toBeUndefined();
          ids.push(created.data.createSegment.data.segment.id as string);
        }
        const [fromText, fromJson] = await Promise.all(ids.map(async (id) => (await client.request(READ, { id })).data.node));
        expect(fromText.rule, text).toEqual(fromJson.rule);
        expect(fromText.query).toBe(text);
        expect(fromJson.query).toBe(text);
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 25) },
    );
  });

  it('covers every registered condition type', () => {
    expect(
      registry
        .all()
        .map((condition) => condition.type)
        .filter((type) => !(type in allParams)),
    ).toEqual([]);
  });
});

/** Any value GraphQL takes for a type, as JSON (what a client sends in a variable). */
function valueOf(type: InputType, depth = 0): fc.Arbitrary<unknown> {
  switch (type.kind) {
    case 'list':
      return fc.array(valueOf(type.of, depth + 1), { maxLength: 3 });
    case 'enum':
      return fc.constantFrom(...type.values.map((value) => value.name));
    case 'scalar':
      return scalarOf(type.name);
    case 'object': {
      if (depth > 4) return fc.constant({});
      const fields = type.fields.map((field) => [field.name, valueOf(field.type, depth + 1)] as const);
      if (type.oneOf) return fc.oneof(...fields.map(([name, value]) => value.map((item) => ({ [name]: item }))));
      const required = type.fields.filter((field) => field.required).map((field) => field.name);
      return fc.record(Object.fromEntries(fields), { requiredKeys: required });
    }
  }
}

const text = fc.string({ unit: 'binary', maxLength: 12 }).filter((value) => !value.includes('\u0000'));
const instant = fc
  .date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true })
  .map((date) => date.toISOString());

function scalarOf(name: string): fc.Arbitrary<unknown> {
  switch (name) {
    case 'Int':
      return fc.integer();
    case 'SafeInt':
      return fc.maxSafeInteger();
    case 'Float':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'Boolean':
      return fc.boolean();
    case 'DateTime':
      return instant;
    case 'Date':
      return instant.map((iso) => iso.slice(0, 10));
    case 'JSONObject':
      return fc.dictionary(text, fc.jsonValue({ maxDepth: 2 }));
    default:
      // Strings: any text, and the shapes the printer writes in short forms (currency codes).
      return fc.oneof(text, fc.constantFrom('USD', 'EUR', 'JPY', 'KWD', 'usd', 'and', 'last'));
  }
}

const conditionInputs = [...vocabulary.conditions.values()].map((condition) =>
  valueOf(condition.input).map((params) => ({ condition: { [condition.type]: params } }) as RuleInput),
);
const anyRule: fc.Arbitrary<RuleInput> = fc.letrec<{ node: RuleInput }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true, maxDepth: 5 },
    fc.oneof(...conditionInputs),
    fc.array(tie('node'), { maxLength: 3 }).map((and) => ({ and })),
    fc.array(tie('node'), { maxLength: 3 }).map((or) => ({ or })),
    tie('node').map((not) => ({ not })),
  ),
})).node;

/** JSON as it reads back: instants in one form (the printer writes the shortest exact one), no undefined fields. */
const normal = (value: unknown): unknown =>
  JSON.parse(
    JSON.stringify(value, (_key, field) => (typeof field === 'string' && /^\d{4}-\d{2}-\d{2}T.*Z$/.test(field) ? new Date(field).toISOString() : field)),
  );

describe('any rule input as text', () => {
  it('reads back as the same JSON, and prints again as the same text', () => {
    fc.assert(
      fc.property(anyRule, (rule) => {
        const printed = printQuery(rule, vocabulary);
        const read = parseQuery(printed, vocabulary);
        expect(read.errors, printed).toEqual([]);
        expect(normal(read.rule), printed).toEqual(normal(rule));
        expect(printQuery(read.rule as RuleInput, vocabulary)).toBe(printed);
      }),
      { numRuns: runs },
    );
  });
});
