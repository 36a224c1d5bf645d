// The Segment type (admin only), its queries and its mutations.
import { z } from 'zod';
import { prisma } from '../db/client.js';
import { SegmentKind } from '../generated/prisma/enums.js';
import { builder } from '../schema/builder.js';
import { ConflictError, NotFoundError } from '../shared/errors.js';
import { conditionRegistry } from './condition-plugins.js';
import { describeRuleTree, type RuleNode } from './rule-tree.js';
import { ruleFromInput, SegmentRuleInput } from './rule-input.js';
import { countMembers, createSegment, deleteSegment, updateSegment, validateRule } from './segments.js';

const SegmentKindEnum = builder.enumType(SegmentKind, { name: 'SegmentKind' });

export const SegmentNode = builder.prismaNode('Segment', {
  description: 'A group of customers defined by a rule tree. Admin only.',
  id: { field: 'id' },
  authScopes: { admin: true },
  fields: (t) => ({
    name: t.exposeString('name'),
    description: t.exposeString('description', { nullable: true }),
    kind: t.expose('kind', { type: SegmentKindEnum }),
    rule: t.field({ type: 'JSONObject', description: 'The rule tree as stored: and / or / not / condition { type, params }.', resolve: (segment) => segment.rule as Record<string, unknown> }),
    ruleDescription: t.string({ description: 'The rule tree in words.', resolve: (segment) => describeRuleTree(segment.rule as RuleNode, conditionRegistry) }),
    memberCount: t.int({
      description: 'How many customers are members now (one SQL query over the whole base).',
      resolve: (segment, _args, context) => countMembers(segment.rule as RuleNode, context.clock),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

builder.queryField('segments', (t) =>
  t.prismaConnection({
    type: 'Segment',
    cursor: 'id',
    authScopes: { admin: true },
    totalCount: () => prisma.segment.count(),
    resolve: (query) => prisma.segment.findMany({ ...query, orderBy: { name: 'asc' } }),
  }),
);

const segmentName = z.string().trim().min(1, 'must not be empty').max(120);

const CreateSegmentInput = builder.inputType('CreateSegmentInput', {
  fields: (t) => ({
    name: t.string({ validate: segmentName }),
    description: t.string({ required: false }),
    kind: t.field({ type: SegmentKindEnum, required: false, description: 'Defaults to DYNAMIC.' }),
    rule: t.field({ type: SegmentRuleInput }),
  }),
});

const SegmentPayload = builder.simpleObject('SegmentPayload', { fields: (t) => ({ segment: t.field({ type: SegmentNode }) }) });

builder.mutationField('createSegment', (t) =>
  t.field({
    type: SegmentPayload,
    authScopes: { admin: true },
    errors: { types: [ConflictError] },
    args: { input: t.arg({ type: CreateSegmentInput }) },
    resolve: async (_root, { input }) => ({ segment: await createSegment({ ...input, rule: ruleFromInput(input.rule) }) }),
  }),
);

const UpdateSegmentInput = builder.inputType('UpdateSegmentInput', {
  fields: (t) => ({
    id: t.globalID({ for: SegmentNode }),
    name: t.string({ required: false, validate: segmentName }),
    description: t.string({ required: false }),
    kind: t.field({ type: SegmentKindEnum, required: false }),
    rule: t.field({ type: SegmentRuleInput, required: false }),
  }),
});

builder.mutationField('updateSegment', (t) =>
  t.field({
    type: SegmentPayload,
    authScopes: { admin: true },
    errors: { types: [NotFoundError, ConflictError] },
    args: { input: t.arg({ type: UpdateSegmentInput }) },
    resolve: async (_root, { input }) => ({
      segment: await updateSegment(input.id.id, { ...input, rule: input.rule ? ruleFromInput(input.rule) : undefined }),
    }),
  }),
);

builder.mutationField('deleteSegment', (t) =>
  t.field({
    type: builder.simpleObject('DeleteSegmentPayload', { fields: (f) => ({ deletedSegmentId: f.id() }) }),
    authScopes: { admin: true },
    errors: { types: [NotFoundError, ConflictError] },
    args: { input: t.arg({ type: builder.inputType('DeleteSegmentInput', { fields: (f) => ({ id: f.globalID({ for: SegmentNode }) }) }) }) },
    resolve: async (_root, { input }) => {
      await deleteSegment(input.id.id);
      return { deletedSegmentId: input.id.id };
    },
  }),
);

builder.queryField('previewSegment', (t) =>
  t.field({
    type: builder.simpleObject('SegmentPreview', {
      fields: (f) => ({
        memberCount: f.int(),
        ruleDescription: f.string(),
      }),
    }),
    description: 'Validates a rule tree and counts its members without saving it.',
    authScopes: { admin: true },
    args: { rule: t.arg({ type: SegmentRuleInput }) },
    resolve: async (_root, { rule }, context) => {
      const tree = validateRule(ruleFromInput(rule), ['rule']);
      return { memberCount: await countMembers(tree, context.clock), ruleDescription: describeRuleTree(tree, conditionRegistry) };
    },
  }),
);
