// Segment templates in GraphQL: the built-in segments, listed with
// their rules, and made into ordinary, editable segments on request. Admin only.
import { z } from 'zod';
import type { SchemaParts } from '../schema/builder.js';
import { prisma } from '../db/client.js';
import { ConflictError } from '../shared/errors.js';
import { describeRuleTree, parseRuleTree } from '../rules/rule-tree.js';
import { textOfRule } from './rule-text.js';
import { SegmentKindEnum, SegmentPayload } from './segment.graphql.js';
import { createSegment } from './segments.js';
import { SEGMENT_TEMPLATES, type SegmentTemplate } from './templates.js';

/** Amounts in templates are in the shop's default currency. */
const defaultCurrency = async () => (await prisma.shopSettings.findUnique({ where: { id: 1 }, select: { defaultCurrency: true } }))?.defaultCurrency ?? 'USD';

export function registerSegmentTemplateTypes({ builder, registry }: SchemaParts) {
  // A server lists the templates its plugins can express.
  const templates = SEGMENT_TEMPLATES.filter((template) => {
    try {
      parseRuleTree(template.rule({ currency: 'USD' }), registry);
      return true;
    } catch {
      return false;
    }
  });
  const byKey = new Map(templates.map((template) => [template.key, template]));

  const SegmentTemplateKey = builder.enumType('SegmentTemplateKey', {
    description: 'A built-in segment: a common definition to start from.',
    values: Object.fromEntries(templates.map((template) => [template.key, { description: template.name }])),
  });

  const SegmentTemplateRef = builder.objectRef<SegmentTemplate & { currency: string }>('SegmentTemplate').implement({
    description: 'A built-in segment, ready to create as an editable segment.',
    fields: (t) => ({
      key: t.field({ type: SegmentTemplateKey, resolve: (template) => template.key as never }),
      name: t.exposeString('name'),
      description: t.exposeString('description', { description: 'What the segment is, in words.' }),
      source: t.exposeString('source', { description: 'The document it comes from.' }),
      rule: t.field({
        type: 'JSONObject',
        description: "The rule tree it creates, amounts in the shop's default currency.",
        resolve: (template) => template.rule(template) as unknown as Record<string, unknown>,
      }),
      ruleDescription: t.string({
        description: 'The rule tree in words.',
        resolve: (template) => describeRuleTree(parseRuleTree(template.rule(template), registry), registry),
      }),
      query: t.string({
        description: 'The rule as text, in canonical form (docs/segment-queries.md): what createSegment takes as `query`.',
        resolve: (template, _args, _context, info) => textOfRule(parseRuleTree(template.rule(template), registry), info.schema, registry) as string,
      }),
    }),
  });

  builder.queryField('segmentTemplates', (t) =>
    t.field({
      type: [SegmentTemplateRef],
      authScopes: { admin: true },
      description: 'The built-in segments (deactivated, potential, first order recently, loyal…), each with its rule. Admin only.',
      resolve: async () => {
        const currency = await defaultCurrency();
        return templates.map((template) => ({ ...template, currency }));
      },
    }),
  );

  const CreateSegmentFromTemplateInput = builder.inputType('CreateSegmentFromTemplateInput', {
    fields: (t) => ({
      template: t.field({ type: SegmentTemplateKey }),
      name: t.string({
        required: false,
        description: "Defaults to the template's name.",
        validate: z.string().trim().min(1, 'must not be empty').max(200).nullish(),
      }),
      kind: t.field({ type: SegmentKindEnum, required: false, description: 'Defaults to DYNAMIC.' }),
    }),
  });

  builder.mutationField('createSegmentFromTemplate', (t) =>
    t.field({
      type: SegmentPayload,
      authScopes: { admin: true },
      errors: { types: [ConflictError] },
      description: 'Creates an ordinary segment (editable like any other) from a built-in one.',
      args: { input: t.arg({ type: CreateSegmentFromTemplateInput }) },
      resolve: async (_root, { input }, context) => {
        const template = byKey.get(input.template as string) as SegmentTemplate;
        const rule = template.rule({ currency: await defaultCurrency() });
        const segment = await createSegment(
          registry,
          { name: input.name ?? template.name, description: template.description, kind: input.kind, rule },
          context.clock,
        );
        return { segment };
      },
    }),
  );
}
