// The segment query language in GraphQL (admin only): reading a text as a rule, with its
// errors placed in the text, and what may be written at a position of a text, with values
// from the shop's data for the parameters whose plugins say which data they name.
import { describeConditions, suggestAt, type QueryError, type Suggestion } from '@cohort/segment-query';
import { shopValuesOf, type AnyCondition, type ShopValueKind } from '@cohort/plugin-sdk';
import { z } from 'zod';
import type { SchemaParts } from '../schema/builder.js';
import { describeRuleTree, storedRule } from '../rules/rule-tree.js';
import { ruleFromText, textOfRule } from './rule-text.js';
import type { ShopValue } from './shop-values.js';

type SuggestionKind = 'CONDITION' | 'PARAMETER' | 'OPERATOR' | 'KEYWORD' | 'VALUE';
interface SuggestionShape {
  kind: SuggestionKind;
  label: string;
  insertText: string;
  detail: string | null;
  count: number | null;
  from: number;
  to: number;
}

export function registerSegmentQueryTypes({ builder, registry }: SchemaParts) {
  const SegmentQueryError = builder.objectRef<QueryError>('SegmentQueryError').implement({
    description: 'A problem in a segment query, placed in the text: what an editor underlines.',
    fields: (t) => ({
      message: t.exposeString('message', { description: 'What is wrong: the message the API gives for the same rule as a tree, for problems of the rule.' }),
      line: t.exposeInt('line', { description: 'Line of the first character at fault, from 1.' }),
      column: t.exposeInt('column', { description: 'Column of the first character at fault, from 1, in UTF-16 code units.' }),
      offset: t.exposeInt('offset', { description: 'Offset of the first character at fault, from 0, in UTF-16 code units (a JavaScript string index).' }),
      length: t.exposeInt('length', { description: 'How many characters are at fault (0 at the end of the text).' }),
      expected: t.exposeStringList('expected', { description: 'What could be written there: tokens ("AND", ")"), kinds ("a condition", "a value") or names.' }),
      path: t.exposeString('path', {
        nullable: true,
        description:
          'The part of the rule at fault, as the path the same problem has in the rule as a tree (e.g. "and.0.condition.amountSpent.amount"); null for syntax.',
      }),
      replacement: t.exposeString('replacement', {
        nullable: true,
        description: 'What to write instead, for text that reads two ways (a decimal comma, a currency symbol several currencies share).',
      }),
    }),
  });

  const SegmentQueryParse = builder.simpleObject('SegmentQueryParse', {
    description: 'A segment query read as a rule: the rule, or the errors.',
    fields: (t) => ({
      valid: t.boolean({ description: 'Whether the text is a rule that createSegment would take.' }),
      rule: t.field({ type: 'JSONObject', nullable: true, description: 'The rule tree as it would be stored (and / or / not / condition { type, params }).' }),
      query: t.string({ nullable: true, description: 'The rule in canonical text (what Segment.query gives once stored).' }),
      ruleDescription: t.string({ nullable: true, description: 'The rule in words.' }),
      errors: t.field({ type: [SegmentQueryError] }),
    }),
  });

  builder.queryField('parseSegmentQuery', (t) =>
    t.field({
      type: SegmentQueryParse,
      authScopes: { admin: true },
      description: 'Reads a segment query (docs/segment-queries.md) as a rule, or says where and why it does not read. Saves nothing. Admin only.',
      args: { text: t.arg.string({ description: 'The query.' }) },
      resolve: (_root, { text }, _context, info) => {
        const read = ruleFromText(text, info.schema, registry);
        if (!read.tree) return { valid: false, rule: null, query: null, ruleDescription: null, errors: read.errors };
        return {
          valid: true,
          rule: storedRule(read.tree, registry) as Record<string, unknown>,
          query: textOfRule(read.tree, info.schema, registry),
          ruleDescription: describeRuleTree(read.tree, registry),
          errors: [],
        };
      },
    }),
  );

  const SuggestionKindEnum = builder.enumType('SegmentQuerySuggestionKind', {
    description: 'What a suggestion is.',
    values: {
      CONDITION: { description: 'A condition type.' },
      PARAMETER: { description: "A condition's parameter, or a field of one." },
      OPERATOR: { description: 'A comparison (>, >=, <, <=, =, between … and …).' },
      KEYWORD: { description: 'AND, OR, NOT.' },
      VALUE: { description: "A value: an enum's, true or false, a time window, or one from the shop's data (with its count)." },
    } as const,
  });

  const SegmentQuerySuggestion = builder.simpleObject('SegmentQuerySuggestion', {
    fields: (t) => ({
      kind: t.field({ type: SuggestionKindEnum }),
      label: t.string({ description: 'What to show.' }),
      insertText: t.string({ description: 'What to insert in place of the text from `from` to `to`.' }),
      detail: t.string({ nullable: true, description: "More to show: a condition's label, a parameter's description and type, a value's count." }),
      count: t.int({
        nullable: true,
        description:
          "For a value from the shop's data: how many customers (tags, categories, countries, custom fields) or products (brands, product categories) carry it.",
      }),
      from: t.int({ description: 'Start of the text the suggestion replaces (offset, UTF-16 code units).' }),
      to: t.int({ description: 'End of the text the suggestion replaces (exclusive).' }),
    }),
  });

  const SegmentQuerySuggestions = builder.simpleObject('SegmentQuerySuggestions', {
    description: 'What may be written at a position of a segment query.',
    fields: (t) => ({
      from: t.int({ description: 'Start of the word or string at the position (what the suggestions replace).' }),
      to: t.int({ description: 'End of it (exclusive).' }),
      suggestions: t.field({ type: [SegmentQuerySuggestion] }),
      complete: t.boolean({
        description:
          "False when values from the shop's data were still being read (a kind's first request on a server): the answer came without them, and asking again gets them.",
      }),
    }),
  });

  const MAX_SUGGESTIONS = 200;

  builder.queryField('segmentQuerySuggestions', (t) =>
    t.field({
      type: SegmentQuerySuggestions,
      authScopes: { admin: true },
      complexity: 20,
      description:
        "What may be written at a position of a segment query: conditions, parameters, operators, keywords, enum values, and values from the shop's data with how many customers or products carry each. Admin only.",
      args: {
        text: t.arg.string({ description: 'The query, as far as it is written.' }),
        position: t.arg.int({
          description: 'The cursor: an offset in the text, from 0, in UTF-16 code units.',
          validate: z.number().int().min(0, 'must not be negative'),
        }),
        first: t.arg.int({
          required: false,
          description: `At most this many suggestions (default 50, at most ${MAX_SUGGESTIONS}).`,
          validate: z.number().int().min(1).max(MAX_SUGGESTIONS).nullish(),
        }),
      },
      resolve: async (_root, args, context, info) => {
        const first = args.first ?? 50;
        const completion = suggestAt(args.text, args.position, describeConditions(info.schema));
        const suggestions = completion.suggestions.map(fromPackage);
        const request = completion.value;
        const condition = request ? registry.get(request.condition) : undefined;
        const kind = request && condition ? shopValueKindAt(condition, request.path) : undefined;
        let complete = true;
        if (request && kind) {
          const field = kind === 'customFieldValue' && typeof request.siblings.field === 'string' ? request.siblings.field : undefined;
          const searching = context.shopValues.search(kind, request.prefix, first, field);
          context.shopValues.warm();
          const found = await searching;
          complete = found.complete;
          suggestions.unshift(...found.values.map((value) => fromShop(value, completion.from, completion.to)));
        }
        context.shopValues.warm();
        return { from: completion.from, to: completion.to, suggestions: suggestions.slice(0, first), complete };
      },
    }),
  );
}

function fromPackage(suggestion: Suggestion): SuggestionShape {
  return {
    kind: suggestion.kind.toUpperCase() as SuggestionKind,
    label: suggestion.label,
    insertText: suggestion.insert,
    detail: suggestion.detail,
    count: null,
    from: suggestion.from,
    to: suggestion.to,
  };
}

function fromShop(value: ShopValue, from: number, to: number): SuggestionShape {
  const detail = value.count === null ? null : `${value.count.toLocaleString('en')} ${value.count === 1 ? value.unit?.replace(/s$/, '') : value.unit}`;
  return { kind: 'VALUE', label: value.label, insertText: JSON.stringify(value.value), detail, count: value.count, from, to };
}

interface SchemaDef {
  type: string;
  innerType?: unknown;
  in?: unknown;
  out?: unknown;
  shape?: Record<string, unknown>;
  element?: unknown;
  getter?: () => unknown;
}

/**
 * The shop data a condition's parameter names (plugins say it with the SDK's `shopValues`), at
 * a path of parameters and fields; list items are looked into. Wrappers (optional, default,
 * preprocessing) are looked through, as the schema's GraphQL input is derived.
 */
export function shopValueKindAt(condition: AnyCondition, path: string[]): ShopValueKind | undefined {
  let found: ShopValueKind | undefined;
  const inner = (schema: unknown): unknown => {
    let current = schema;
    for (let depth = 0; depth < 20; depth += 1) {
      found = shopValuesOf(current as Parameters<typeof shopValuesOf>[0]) ?? found;
      const def = (current as { _zod: { def: SchemaDef } })._zod.def;
      if (['optional', 'nullable', 'default', 'prefault', 'catch', 'readonly', 'nonoptional'].includes(def.type)) current = def.innerType;
      else if (def.type === 'pipe') current = (def.in as { _zod: { def: SchemaDef } })._zod.def.type === 'transform' ? def.out : def.in;
      else if (def.type === 'lazy') current = (def.getter as () => unknown)();
      else if (def.type === 'array') current = def.element;
      else return current;
    }
    return current;
  };
  let schema = inner(condition.params);
  for (const key of path) {
    found = undefined;
    const shape = (schema as { _zod: { def: SchemaDef } })._zod.def.shape;
    if (!shape?.[key]) return undefined;
    schema = inner(shape[key]);
  }
  return found;
}
