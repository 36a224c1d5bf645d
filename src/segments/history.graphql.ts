// Membership history in GraphQL, for admins: a customer's entries and exits, a segment's size
// day by day, membership at a past moment, and the reconciliation on demand. All are answered
// from what tracking recorded (tracking.ts), which starts when a segment is first recorded.
import { sql } from '@cohort/plugin-sdk';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { requestError } from '../shared/error-codes.js';
import { z } from 'zod';
import { prisma, query } from '../db/client.js';
import type { SegmentMembershipEvent } from '../generated/prisma/client.js';
import { CustomerNode, CustomerRefInput } from '../customers/customer.graphql.js';
import { resolveCustomerRef } from '../customers/refs.js';
import type { SchemaParts } from '../schema/builder.js';
import { getShopContext } from '../settings/shop-context.js';
import { InvalidInputError, NotFoundError } from '../shared/errors.js';
import { asSegmentRule, CompiledSegments, segmentsOf } from './membership.js';
import type { MembershipChangeMessage } from '../shared/change-bus.js';
import { subscribeToMembershipChanges } from './membership-changes.js';
import { MembershipTracker } from './tracking.js';
import { SegmentNode } from './segment.graphql.js';

export function registerSegmentHistoryTypes({ builder, registry }: SchemaParts) {
  const Cause = builder.enumType('MembershipCause', {
    values: {
      INGESTION: { description: 'Data about the customer was ingested (an order, the profile, a view, a cart, the wishlist).' },
      TIME: { description: 'Time passed (a window moved).' },
      SEGMENT_EDIT: { description: 'The segment was created or its rule changed.' },
      RECONCILIATION: { description: 'The periodic reconciliation corrected the record (what the others missed).' },
    },
  });

  const Change = builder.objectRef<SegmentMembershipEvent>('SegmentMembershipChange').implement({
    description: 'A customer entering or leaving a segment.',
    fields: (t) => ({
      segment: t.prismaField({
        type: 'Segment',
        nullable: true,
        resolve: (select, event) => prisma.segment.findUnique({ ...select, where: { id: event.segmentId } }),
      }),
      customer: t.prismaField({
        type: 'Customer',
        nullable: true,
        resolve: (select, event) => prisma.customer.findUnique({ ...select, where: { id: event.customerId } }),
      }),
      entered: t.exposeBoolean('entered', { description: 'true: entered; false: left.' }),
      at: t.expose('at', { type: 'DateTime' }),
      cause: t.field({ type: Cause, resolve: (event) => event.cause }),
    }),
  });

  const first = z.number().int().min(1, 'must be at least 1').max(500, 'must be at most 500');

  builder.objectField(CustomerNode, 'segmentHistory', (t) =>
    t.field({
      type: [Change],
      description: "The customer's entries into and exits from dynamic segments, the newest first.",
      complexity: 20,
      args: {
        segment: t.arg.globalID({ for: SegmentNode, required: false, description: 'Only this segment.' }),
        first: t.arg.int({ required: false, defaultValue: 50, validate: first, description: 'From 1 to 500.' }),
      },
      resolve: (customer, args) =>
        prisma.segmentMembershipEvent.findMany({
          where: { customerId: customer.id, ...(args.segment ? { segmentId: args.segment.id } : {}) },
          orderBy: [{ at: 'desc' }, { id: 'desc' }],
          take: args.first ?? 50,
        }),
    }),
  );

  const SizeOnDay = builder.simpleObject('SegmentSizeOnDay', {
    description: "A segment's members at the end of a day in the shop's time zone (today: now).",
    fields: (t) => ({ date: t.field({ type: 'Date' }), size: t.int({ nullable: true, description: 'Null before the segment was first recorded.' }) }),
  });

  builder.objectField(SegmentNode, 'sizeOverTime', (t) =>
    t.field({
      type: [SizeOnDay],
      description:
        'Members at the end of each of the last days, the oldest first, from the recorded entries and exits: a series for a chart. Dynamic segments only (empty for static ones).',
      complexity: 50,
      args: {
        days: t.arg.int({
          required: false,
          defaultValue: 30,
          validate: z.number().int().min(1, 'must be at least 1').max(366, 'must be at most 366'),
          description: 'From 1 to 366.',
        }),
      },
      resolve: async (segment, args, context) => {
        if (segment.kind !== 'DYNAMIC') return [];
        const { timeZone } = await getShopContext(context.clock.now());
        const now = context.clock.now();
        // Days are the shop's calendar days, half-open: a day ends at the next local midnight (as an
        // instant, whatever the session's time zone); today ends now, with every event recorded so far.
        const today = sql`(${now.toISOString()}::timestamptz AT TIME ZONE ${timeZone})::date`;
        const rows = await query<{ date: Date; size: number | null }>(sql`
          WITH days AS (
            SELECT d::date AS date,
                   CASE WHEN d::date = ${today} THEN NULL ELSE (((d::date + 1)::timestamp AT TIME ZONE ${timeZone}) AT TIME ZONE 'UTC') END AS ends
            FROM generate_series((${today} - ${(args.days ?? 30) - 1}::int)::timestamp, ${today}::timestamp, interval '1 day') AS d
          ),
          recorded AS (SELECT "membershipTrackedAt" AS since FROM "Segment" WHERE id = ${segment.id}),
          members AS (SELECT count(*)::int AS now FROM "SegmentMember" WHERE "segmentId" = ${segment.id})
          SELECT days.date,
                 CASE WHEN recorded.since IS NULL OR days.ends <= recorded.since THEN NULL
                      WHEN days.ends IS NULL THEN members.now
                      ELSE members.now - (SELECT count(*) FILTER (WHERE e.entered) - count(*) FILTER (WHERE NOT e.entered) FROM "SegmentMembershipEvent" e
                                          WHERE e."segmentId" = ${segment.id} AND e.at >= days.ends)::int END AS size
          FROM days CROSS JOIN recorded CROSS JOIN members ORDER BY days.date`);
        return rows.map((row) => ({ date: row.date, size: row.size === null ? null : Number(row.size) }));
      },
    }),
  );

  builder.objectField(SegmentNode, 'recentChanges', (t) =>
    t.field({
      type: builder.simpleObject('SegmentRecentChanges', {
        description: 'Entries into and exits from a dynamic segment over a recent period, as recorded.',
        fields: (f) => ({ since: f.field({ type: 'DateTime' }), entered: f.int(), left: f.int() }),
      }),
      description: 'How many customers entered and left in the last hours (24 by default): for lists of segments, one query per page.',
      args: {
        hours: t.arg.int({
          required: false,
          defaultValue: 24,
          validate: z.number().int().min(1, 'must be at least 1').max(8_784, 'must be at most 8784 (366 days)'),
          description: 'From 1 to 8784.',
        }),
      },
      resolve: (segment, args, context) => context.loaders.segmentChanges.load({ segmentId: segment.id, hours: args.hours ?? 24 }),
    }),
  );

  builder.objectField(SegmentNode, 'membershipRecordedSince', (t) =>
    t.expose('membershipTrackedAt', {
      type: 'DateTime',
      nullable: true,
      description: "When Cohort began recording the segment's entries and exits (null: not yet, or a static segment).",
    }),
  );

  builder.queryField('segmentMembership', (t) =>
    t.field({
      type: builder.simpleObject('SegmentMembership', {
        fields: (f) => ({
          isMember: f.boolean(),
          since: f.field({ type: 'DateTime', nullable: true, description: 'With `at`: when they last entered, if they were a member.' }),
          cause: f.field({ type: Cause, nullable: true, description: 'With `at`: what made them enter or leave last.' }),
        }),
      }),
      description:
        'Is this customer in this segment now (evaluated), or was it at `at` (from the recorded history of a dynamic segment, for audits: a promotion given, a message sent)? Admin only.',
      complexity: 10,
      authScopes: { admin: true },
      errors: { types: [NotFoundError, InvalidInputError] },
      args: {
        segment: t.arg.globalID({ for: SegmentNode }),
        customer: t.arg({ type: CustomerRefInput }),
        at: t.arg({ type: 'DateTime', required: false, description: "A past moment, from the segment's recorded history (membershipRecordedSince) on." }),
      },
      resolve: async (_root, args, context) => {
        const segment = await prisma.segment.findUnique({ where: { id: args.segment.id } });
        if (!segment) throw new NotFoundError('Segment', args.segment.id, ['segment']);
        const customerId = await resolveCustomerRef(args.customer, ['customer']);
        if (!args.at) {
          const memberOf = await segmentsOf(
            customerId,
            new CompiledSegments([asSegmentRule(segment, registry)], registry),
            context.clock,
            null,
            context.loadFact,
          );
          return { isMember: memberOf.has(segment.id), since: null, cause: null };
        }
        if (segment.kind !== 'DYNAMIC') throw new InvalidInputError('Only dynamic segments have a recorded history', ['at']);
        if (!segment.membershipTrackedAt || args.at < segment.membershipTrackedAt) {
          throw new InvalidInputError(
            `The segment's recorded history starts at ${segment.membershipTrackedAt?.toISOString() ?? 'its first recording, which has not happened yet'}`,
            ['at'],
          );
        }
        const last = await prisma.segmentMembershipEvent.findFirst({
          where: { segmentId: segment.id, customerId, at: { lte: args.at } },
          orderBy: [{ at: 'desc' }, { id: 'desc' }],
        });
        if (last) return { isMember: last.entered, since: last.entered ? last.at : null, cause: last.cause };
        // No event by then: as at the start of recording, which the first event after it reverses (or nothing has since).
        const next = await prisma.segmentMembershipEvent.findFirst({
          where: { segmentId: segment.id, customerId, at: { gt: args.at } },
          orderBy: [{ at: 'asc' }, { id: 'asc' }],
        });
        const fromStart = next ? !next.entered : (await prisma.segmentMember.count({ where: { segmentId: segment.id, customerId } })) > 0;
        return { isMember: fromStart, since: fromStart ? segment.membershipTrackedAt : null, cause: null };
      },
    }),
  );

  builder.subscriptionField('segmentMembershipChanged', (t) =>
    t.field({
      type: Change,
      authScopes: { admin: true },
      description:
        'Each entry into and exit from a dynamic segment as it is recorded, for admin UIs: over server-sent events (`Accept: text/event-stream`). Across instances when REDIS_URL is set. Admin only.',
      args: { segment: t.arg.globalID({ for: SegmentNode }) },
      subscribe: async (_root, args) => {
        // A segment that does not exist has no changes to wait for: say so (code NOT_FOUND) instead of a stream that stays silent.
        if (!(await prisma.segment.findUnique({ where: { id: args.segment.id }, select: { id: true } }))) {
          throw requestError('NOT_FOUND', `Segment "${encodeGlobalID('Segment', args.segment.id)}" does not exist`);
        }
        return subscribeToMembershipChanges(args.segment.id);
      },
      resolve: (change: MembershipChangeMessage) => ({
        id: BigInt(change.id),
        segmentId: change.segmentId,
        customerId: change.customerId,
        entered: change.entered,
        at: new Date(change.at),
        cause: change.cause,
      }),
    }),
  );

  const CorrectionRef = builder.simpleObject('SegmentCorrection', {
    fields: (t) => ({ segment: t.field({ type: SegmentNode, nullable: true }), entered: t.int(), left: t.int() }),
  });

  builder.mutationField('reconcileSegmentMemberships', (t) =>
    t.field({
      type: builder.simpleObject('ReconcileSegmentMembershipsPayload', {
        fields: (f) => ({
          segments: f.int({ description: 'Dynamic segments compared.' }),
          corrected: f.int({ description: 'Memberships the record had wrong: entries and exits it missed. Should be 0.' }),
          bySegment: f.field({ type: [CorrectionRef] }),
        }),
      }),
      description:
        'Compares every dynamic segment with its rule now and corrects the record (it also runs on a schedule, COHORT_RECONCILE_MINUTES). Admin only.',
      authScopes: { admin: true },
      errors: { types: [] },
      resolve: async (_root, _args, context) => {
        const result = await new MembershipTracker(registry, context.clock).reconcile();
        const segments = new Map(
          (await prisma.segment.findMany({ where: { id: { in: result.bySegment.map((change) => change.segmentId) } } })).map((segment) => [
            segment.id,
            segment,
          ]),
        );
        return {
          segments: result.segments,
          corrected: result.corrected,
          bySegment: result.bySegment.map((change) => ({ segment: segments.get(change.segmentId) ?? null, entered: change.entered, left: change.left })),
        };
      },
    }),
  );
}
