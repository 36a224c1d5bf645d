// The Segment type (admin only), its queries and its mutations.
import { decodeBase64, encodeBase64, EnumRef, ObjectRef, PothosValidationError } from '@pothos/core';
import { encodeGlobalID, resolveCursorConnection, type ResolveCursorConnectionArgs } from '@pothos/plugin-relay';
import { z } from 'zod';
import { resolveCustomerRef } from '../customers/refs.js';
import { prisma } from '../db/client.js';
import type { RuleTree } from '@cohort/plugin-sdk';
import type { Customer, Segment } from '../generated/prisma/client.js';
import { SegmentKind } from '../generated/prisma/enums.js';
import { implement, type BuilderTypes, type SchemaParts } from '../schema/builder.js';
import { badUserInput } from '../schema/bad-input.js';
import { nameOrDescriptionContains } from '../schema/search.js';
import type { Clock } from '../shared/clock.js';
import { ConflictError, InvalidInputError, NotFoundError } from '../shared/errors.js';
import { asSegmentRule, countMembers, memberIds, membershipChange, segmentsOf, type MembershipSource, type SegmentRule } from './membership.js';
import { describeRuleTree, isUnreadable, readStoredRule, type RuleNode } from '../rules/rule-tree.js';
import { exportPath } from './export.js';
import { ruleOf, textOfRule } from './rule-text.js';
import { addStaticMembers, createSegment, deleteSegment, refreshStaticSegment, removeStaticMembers, updateSegment } from './segments.js';
import { CustomerNode, CustomerRefInput } from '../customers/customer.graphql.js';
import { SegmentRuleInput } from './rule-input.graphql.js';

export const SegmentKindEnum = new EnumRef<BuilderTypes, SegmentKind>('SegmentKind');
export const SegmentNode = new ObjectRef<BuilderTypes, Segment>('Segment');
export const SegmentPayload = new ObjectRef<BuilderTypes, { segment: Segment }>('SegmentPayload');

/** Customers in id order for a page of member ids, loaded in one query. */
async function customersByIds(ids: string[]): Promise<Customer[]> {
  const customers = await prisma.customer.findMany({ where: { id: { in: ids } } });
  const byId = new Map(customers.map((customer) => [customer.id, customer]));
  return ids.map((id) => byId.get(id)).filter((customer): customer is Customer => customer !== undefined);
}

/** How many members a preview shows. */
const SAMPLE_SIZE = 10;

/** The Segment type, its members, and the segments a customer is in. */
export function registerSegmentType({ builder, registry }: SchemaParts) {
  implement(
    builder,
    SegmentKindEnum,
    builder.enumType(SegmentKind, {
      name: 'SegmentKind',
      description:
        'DYNAMIC: members are whoever meets the rule, always current. STATIC: a stored list, snapshot of the rule when created or refreshed, edited by hand.',
    }),
  );

  /** Member cursors are opaque, like every other connection's, and checked when they come back. */
  const MEMBER_CURSOR = 'SegmentMember:';
  const memberCursor = (customer: Customer) => encodeBase64(`${MEMBER_CURSOR}${customer.id}`);
  function customerIdOfCursor(cursor: string | undefined): string | undefined {
    if (cursor === undefined) return undefined;
    let decoded = '';
    try {
      decoded = decodeBase64(cursor);
    } catch {
      decoded = '';
    }
    if (!decoded.startsWith(MEMBER_CURSOR) || decoded.length === MEMBER_CURSOR.length || decoded.includes('\u0000'))
      throw new PothosValidationError(`Invalid cursor: ${cursor}`);
    return decoded.slice(MEMBER_CURSOR.length);
  }

  async function membersConnection(segment: SegmentRule, clock: Clock, source: MembershipSource, args: Parameters<typeof resolveCursorConnection>[0]['args']) {
    const connection = await resolveCursorConnection(
      { args, toCursor: memberCursor },
      async ({ after, before, limit, inverted }: ResolveCursorConnectionArgs) =>
        customersByIds(
          await memberIds(segment, registry, clock, { after: customerIdOfCursor(after), before: customerIdOfCursor(before), limit, inverted }, source),
        ),
    );
    // An empty page has no cursors (Pothos gives ""), as every other connection answers; the count is read only when asked for.
    const empty = connection.edges.length === 0;
    return {
      ...connection,
      pageInfo: {
        ...connection.pageInfo,
        startCursor: empty ? null : connection.pageInfo.startCursor,
        endCursor: empty ? null : connection.pageInfo.endCursor,
      },
      segment,
      clock,
      source,
    };
  }

  const MembershipSourceEnum = builder.enumType('MembershipSource', {
    description:
      "Where a segment's members were read from. Both answer as of now: the record is used only when it is exact (docs/concepts.md#recorded-membership).",
    values: {
      RECORDED: {
        value: 'RECORDED' as const,
        description: 'The recorded members: the segment was recorded under its current rule and no change is waiting to be recorded.',
      },
      EVALUATED: {
        value: 'EVALUATED' as const,
        description:
          "The segment's rule evaluated over the whole base (a static segment's list, a segment not yet recorded under its rule, or a change not recorded yet).",
      },
    },
  });

  const MemberExportFormatEnum = builder.enumType('MemberExportFormat', {
    values: {
      CSV: { value: 'csv' as const, description: 'Comma-separated, a header row first.' },
      JSON: { value: 'json' as const, description: 'One JSON array of objects.' },
    },
  });

  implement(
    builder,
    SegmentNode,
    builder.prismaNode('Segment', {
      nullable: true,
      description: 'A group of customers defined by a rule tree. Admin only.',
      id: { field: 'id' },
      authScopes: { admin: true },
      fields: (t) => ({
        name: t.exposeString('name'),
        description: t.exposeString('description', { nullable: true }),
        kind: t.expose('kind', { type: SegmentKindEnum }),
        rule: t.field({
          type: 'JSONObject',
          description: 'The rule tree as stored: and / or / not / condition { type, params }.',
          resolve: (segment) => segment.rule as Record<string, unknown>,
        }),
        query: t.string({
          nullable: true,
          description: 'The rule as text, in its canonical form (docs/segment-queries.md); null when the stored rule cannot be read (see ruleProblem).',
          resolve: (segment, _args, _context, info) => textOfRule(readStoredRule(segment.rule, registry), info.schema, registry),
        }),
        ruleDescription: t.string({
          description: 'The rule tree in words.',
          resolve: (segment) => describeRuleTree(readStoredRule(segment.rule, registry), registry),
        }),
        ruleProblem: t.string({
          nullable: true,
          description:
            'Why the stored rule cannot be used (a condition type whose plugin was removed, say), or null. Such a segment has no members, and promotions that target it are not offered.',
          resolve: (segment) => {
            const rule = readStoredRule(segment.rule, registry);
            return isUnreadable(rule) ? rule.unreadable : null;
          },
        }),
        membershipSource: t.field({
          type: MembershipSourceEnum,
          description: 'Where memberCount, members and the export read the members from in this request: the recorded members, or the rule evaluated now.',
          resolve: (segment, _args, context) => context.loaders.membershipSource.load(segment.id),
        }),
        memberCount: t.int({
          description:
            'How many customers are members now: the recorded members when they are exact, else the rule over the whole base (see membershipSource).',
          complexity: 200,
          resolve: async (segment, _args, context) =>
            countMembers(asSegmentRule(segment, registry), registry, context.clock, await context.loaders.membershipSource.load(segment.id)),
        }),
        members: t.connection(
          {
            type: CustomerNode,
            description: 'The members, in a stable order (by customer ID, whichever membershipSource).',
            resolve: async (segment, args, context) =>
              membersConnection(asSegmentRule(segment, registry), context.clock, await context.loaders.membershipSource.load(segment.id), args),
          },
          {
            fields: (connection) => ({
              totalCount: connection.int({
                description: 'How many members there are, as memberCount (when the segment is EVALUATED, costly: ask for it once, not on every page).',
                complexity: 200,
                resolve: (page) => {
                  const { segment, clock, source } = page as unknown as { segment: SegmentRule; clock: Clock; source: MembershipSource };
                  return countMembers(segment, registry, clock, source);
                },
              }),
            }),
          },
        ),
        exportUrl: t.string({
          description:
            "Where the members download, relative to this API's origin: GET it with an admin key (`Authorization: Bearer <key>` or `x-api-key`). CSV (with a header row) or a JSON array, streamed in a stable order; at most a few downloads run at once per instance (others: 503 BUSY with Retry-After). See docs/api.md#exporting-a-segments-members.",
          args: { format: t.arg({ type: MemberExportFormatEnum, defaultValue: 'csv' }) },
          resolve: (segment, { format }) => exportPath(encodeGlobalID('Segment', segment.id), format),
        }),
        createdAt: t.expose('createdAt', { type: 'DateTime' }),
        updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
      }),
    }),
  );

  builder.objectField(CustomerNode, 'segments', (t) =>
    t.field({
      type: [SegmentNode],
      description:
        "The segments this customer is in now: read from the recorded members for segments recorded under their rule, unless a change of the customer's is not recorded yet; evaluated otherwise.",
      complexity: 10,
      resolve: async (customer, _args, context) => {
        const [{ segments, compiled, recorded, unrecorded }, recordedIn] = await Promise.all([
          context.loaders.allSegments.load('all'),
          context.loaders.recordedSegments.load(customer.id),
        ]);
        const memberOf =
          recordedIn === null
            ? await segmentsOf(customer.id, compiled, context.clock, null, context.loadFact)
            : new Set([
                ...[...recordedIn].filter((id) => recorded.has(id)),
                ...(unrecorded.ids.length > 0 ? await segmentsOf(customer.id, unrecorded, context.clock, null, context.loadFact) : []),
              ]);
        return segments.filter((segment) => memberOf.has(segment.id));
      },
    }),
  );
}

/** Listing segments and previewing rules. */
export function registerSegmentQueries({ builder, registry }: SchemaParts) {
  const segmentFilter = (args: { search?: string | null; kind?: SegmentKind | null }) => ({
    ...(args.kind ? { kind: args.kind } : {}),
    ...nameOrDescriptionContains(args.search),
  });

  builder.queryField('segments', (t) =>
    t.prismaConnection({
      type: 'Segment',
      cursor: 'id',
      authScopes: { admin: true },
      description: 'Segments by name. Admin only.',
      args: {
        search: t.arg.string({ required: false, description: 'Words found in the name or description, ignoring case.' }),
        kind: t.arg({ type: SegmentKindEnum, required: false }),
      },
      totalCount: (_connection, args) => prisma.segment.count({ where: segmentFilter(args) }),
      resolve: (query, _root, args) => prisma.segment.findMany({ ...query, where: segmentFilter(args), orderBy: { name: 'asc' } }),
    }),
  );

  builder.queryField('previewSegment', (t) =>
    t.field({
      type: builder.simpleObject('SegmentPreview', {
        fields: (f) => ({
          memberCount: f.int(),
          ruleDescription: f.string(),
          sample: f.field({ type: [CustomerNode], description: `Up to ${SAMPLE_SIZE} members.` }),
        }),
      }),
      description: 'Validates a rule, given as a tree (rule) or as text (query), counts its members and shows a sample, without saving anything.',
      complexity: 2_000,
      authScopes: { admin: true },
      args: {
        rule: t.arg({ type: SegmentRuleInput, required: false, description: 'The rule as a tree; or give query.' }),
        query: t.arg.string({ required: false, description: 'The rule as text (docs/segment-queries.md); or give rule.' }),
      },
      resolve: async (_root, args, context, info) => {
        const { tree } = ruleOf({ rule: args.rule, query: args.query, rulePath: ['rule'], queryPath: ['query'] }, info.schema, registry, true) as {
          tree: RuleNode;
        };
        const preview = { id: 'preview', kind: 'DYNAMIC' as const, rule: tree };
        const [memberCount, sampleIds] = await Promise.all([
          countMembers(preview, registry, context.clock),
          memberIds(preview, registry, context.clock, { limit: SAMPLE_SIZE, inverted: false }),
        ]);
        return { memberCount, ruleDescription: describeRuleTree(tree, registry), sample: await customersByIds(sampleIds) };
      },
    }),
  );

  // parseSegmentQuery's inverse: an editor that shows a rule both as a tree and as text (the
  // console's text mode) asks for the text of a tree that is not saved yet.
  builder.queryField('printSegmentQuery', (t) =>
    t.string({
      description:
        'The canonical text of a rule given as a tree (docs/segment-queries.md): what Segment.query gives once it is saved. Validates the rule as previewSegment does; saves nothing. Admin only.',
      authScopes: { admin: true },
      args: { rule: t.arg({ type: SegmentRuleInput, required: true, description: 'The rule as a tree.' }) },
      resolve: (_root, args, _context, info) => {
        const { tree } = ruleOf({ rule: args.rule, query: null, rulePath: ['rule'], queryPath: ['query'] }, info.schema, registry, true) as { tree: RuleNode };
        const text = textOfRule(tree, info.schema, registry);
        if (text === null) throw badUserInput([{ path: 'rule', message: 'this rule cannot be written as text' }]);
        return text;
      },
    }),
  );

  builder.queryField('previewSegmentChange', (t) =>
    t.field({
      type: builder.simpleObject('SegmentChangePreview', {
        description: 'What saving a new rule would do to a segment, computed over the whole base now; nothing is saved.',
        fields: (f) => ({
          currentCount: f.int({ description: 'Members now.' }),
          newCount: f.int({ description: 'Members under the new rule.' }),
          entering: f.int({ description: 'Customers the new rule adds.' }),
          leaving: f.int({ description: 'Members the new rule drops.' }),
          staying: f.int({ description: 'Members under both.' }),
          ruleDescription: f.string({ description: 'The new rule, in words.' }),
          enteringSample: f.field({ type: [CustomerNode], description: `Up to ${SAMPLE_SIZE} entering customers, in id order.` }),
          leavingSample: f.field({ type: [CustomerNode], description: `Up to ${SAMPLE_SIZE} leaving members, in id order.` }),
        }),
      }),
      description:
        'Before updateSegment: who would enter and who would leave the segment under a new rule. For a STATIC segment, against its stored members: what refreshStaticSegment would do after the edit. Admin only.',
      complexity: 4_000,
      authScopes: { admin: true },
      errors: { types: [NotFoundError] },
      args: {
        segment: t.arg.globalID({ for: SegmentNode }),
        rule: t.arg({ type: SegmentRuleInput, required: false, description: 'The new rule as a tree; or give query.' }),
        query: t.arg.string({ required: false, description: 'The new rule as text (docs/segment-queries.md); or give rule.' }),
      },
      resolve: async (_root, args, context, info) => {
        const { tree } = ruleOf({ rule: args.rule, query: args.query, rulePath: ['rule'], queryPath: ['query'] }, info.schema, registry, true) as {
          tree: RuleNode;
        };
        const stored = await prisma.segment.findUnique({ where: { id: args.segment.id } });
        if (!stored) throw new NotFoundError('Segment', args.segment.id, ['segment']);
        const change = await membershipChange(
          asSegmentRule(stored, registry),
          { id: stored.id, kind: 'DYNAMIC', rule: tree },
          registry,
          context.clock,
          SAMPLE_SIZE,
        );
        const [enteringSample, leavingSample] = await Promise.all([customersByIds(change.enteringSample), customersByIds(change.leavingSample)]);
        return {
          currentCount: change.staying + change.leaving,
          newCount: change.staying + change.entering,
          entering: change.entering,
          leaving: change.leaving,
          staying: change.staying,
          ruleDescription: describeRuleTree(tree, registry),
          enteringSample,
          leavingSample,
        };
      },
    }),
  );
}

/** Creating, changing and deleting segments, and editing a static segment's members. */
export function registerSegmentMutations({ builder, registry }: SchemaParts) {
  const segmentName = z.string().trim().min(1, 'must not be empty').max(120);

  const CreateSegmentInput = builder.inputType('CreateSegmentInput', {
    fields: (t) => ({
      name: t.string({ validate: segmentName }),
      description: t.string({ required: false }),
      kind: t.field({ type: SegmentKindEnum, required: false, description: 'Defaults to DYNAMIC. A STATIC segment starts with the members its rule has now.' }),
      rule: t.field({ type: SegmentRuleInput, required: false, description: 'The rule as a tree; or give query.' }),
      query: t.string({ required: false, description: 'The rule as text (docs/segment-queries.md); or give rule.' }),
    }),
  });

  implement(builder, SegmentPayload, builder.simpleObject('SegmentPayload', { fields: (t) => ({ segment: t.field({ type: SegmentNode }) }) }));

  builder.mutationField('createSegment', (t) =>
    t.field({
      type: SegmentPayload,
      authScopes: { admin: true },
      errors: { types: [ConflictError] },
      args: { input: t.arg({ type: CreateSegmentInput }) },
      resolve: async (_root, { input }, context, info) => {
        const { tree } = ruleOf(
          { rule: input.rule, query: input.query, rulePath: ['input', 'rule'], queryPath: ['input', 'query'] },
          info.schema,
          registry,
          true,
        ) as { tree: RuleNode };
        return {
          segment: await createSegment(registry, { name: input.name, description: input.description, kind: input.kind, rule: tree as RuleTree }, context.clock),
        };
      },
    }),
  );

  const UpdateSegmentInput = builder.inputType('UpdateSegmentInput', {
    description: 'Fields left out keep their values.',
    fields: (t) => ({
      id: t.globalID({ for: SegmentNode }),
      name: t.string({ required: false, validate: segmentName }),
      description: t.string({ required: false }),
      rule: t.field({ type: SegmentRuleInput, required: false, description: 'The new rule as a tree; or give query.' }),
      query: t.string({ required: false, description: 'The new rule as text (docs/segment-queries.md); or give rule.' }),
    }),
  });

  builder.mutationField('updateSegment', (t) =>
    t.field({
      type: SegmentPayload,
      authScopes: { admin: true },
      errors: { types: [NotFoundError, ConflictError] },
      args: { input: t.arg({ type: UpdateSegmentInput }) },
      resolve: async (_root, { input }, context, info) => {
        const rule = ruleOf({ rule: input.rule, query: input.query, rulePath: ['input', 'rule'], queryPath: ['input', 'query'] }, info.schema, registry, false);
        return {
          segment: await updateSegment(
            registry,
            input.id.id,
            { name: input.name, description: input.description, rule: rule?.tree as RuleTree | undefined },
            context.clock,
          ),
        };
      },
    }),
  );

  builder.mutationField('deleteSegment', (t) =>
    t.field({
      type: builder.simpleObject('DeleteSegmentPayload', { fields: (f) => ({ deletedSegmentId: f.id() }) }),
      authScopes: { admin: true },
      errors: { types: [NotFoundError, ConflictError] },
      args: { input: t.arg({ type: builder.inputType('DeleteSegmentInput', { fields: (f) => ({ id: f.globalID({ for: SegmentNode }) }) }) }) },
      resolve: async (_root, { input }) => {
        const deleted = await deleteSegment(input.id.id);
        return { deletedSegmentId: encodeGlobalID('Segment', deleted.id) };
      },
    }),
  );

  const StaticMembersInput = builder.inputType('StaticSegmentMembersInput', {
    fields: (t) => ({
      segment: t.globalID({ for: SegmentNode }),
      customers: t.field({
        type: [CustomerRefInput],
        validate: z.array(z.unknown()).min(1, 'name at least one customer').max(1000, 'at most 1000 customers per call'),
      }),
    }),
  });

  async function customerIds(refs: { id?: string | null; externalId?: string | null }[]): Promise<string[]> {
    return Promise.all(refs.map((ref, index) => resolveCustomerRef(ref, ['input', 'customers', String(index)])));
  }

  builder.mutationField('addCustomersToSegment', (t) =>
    t.field({
      type: SegmentPayload,
      description: 'Adds customers to a STATIC segment.',
      authScopes: { admin: true },
      errors: { types: [NotFoundError, InvalidInputError] },
      args: { input: t.arg({ type: StaticMembersInput }) },
      resolve: async (_root, { input }, context) => ({ segment: await addStaticMembers(input.segment.id, await customerIds(input.customers), context.clock) }),
    }),
  );

  builder.mutationField('removeCustomersFromSegment', (t) =>
    t.field({
      type: SegmentPayload,
      description: 'Removes customers from a STATIC segment.',
      authScopes: { admin: true },
      errors: { types: [NotFoundError, InvalidInputError] },
      args: { input: t.arg({ type: StaticMembersInput }) },
      resolve: async (_root, { input }) => ({ segment: await removeStaticMembers(input.segment.id, await customerIds(input.customers)) }),
    }),
  );

  builder.mutationField('refreshStaticSegment', (t) =>
    t.field({
      type: SegmentPayload,
      description: "Replaces a STATIC segment's list with the members its rule has now.",
      authScopes: { admin: true },
      errors: { types: [NotFoundError, InvalidInputError] },
      args: { input: t.arg({ type: builder.inputType('RefreshStaticSegmentInput', { fields: (f) => ({ segment: f.globalID({ for: SegmentNode }) }) }) }) },
      resolve: async (_root, { input }, context) => ({ segment: await refreshStaticSegment(registry, input.segment.id, context.clock) }),
    }),
  );
}
