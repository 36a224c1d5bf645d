// Segment logic: writing segments with validated rule trees, and membership questions
// answered for the whole base in one SQL query.
import { prisma } from '../db/client.js';
import { uniqueViolation } from '../db/errors.js';
import type { RuleTree } from '@cohort/plugin-sdk';
import { changeBus } from '../shared/change-bus.js';
import { Prisma, type Segment } from '../generated/prisma/client.js';
import type { SegmentKind } from '../generated/prisma/enums.js';
import { badUserInput } from '../schema/bad-input.js';
import type { Clock } from '../shared/clock.js';
import { ConflictError, InvalidInputError, NotFoundError } from '../shared/errors.js';
import type { PluginRegistry } from '../registry/registry.js';
import { asSegmentRule, memberPredicate, snapshotStep } from './membership.js';
import type { MembershipChangeMessage } from '../shared/change-bus.js';
import { publishMembershipChanges } from './membership-changes.js';
import { TRACKING_TRANSACTION, trackSegmentIn } from './tracking.js';
import { isUnreadable, parseRuleTree, RuleTreeError, storedRule, type RuleNode } from '../rules/rule-tree.js';

export interface SegmentFields {
  name: string;
  description?: string | null;
  kind?: SegmentKind | null;
  /** Validated when written: a typed rule tree for TypeScript callers (RuleTree), any value from an API input. */
  rule: RuleTree;
}

/** Validates a rule tree from an input, reporting every problem against the input field. */
export function validateRule(registry: PluginRegistry, rule: unknown, path: string[]): RuleNode {
  try {
    return parseRuleTree(rule, registry, path);
  } catch (error) {
    if (error instanceof RuleTreeError) throw badUserInput(error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })));
    throw error;
  }
}

function uniqueNameConflict(error: unknown, name: string): never {
  if (uniqueViolation(error)) throw new ConflictError(`A segment named "${name}" already exists`);
  throw error;
}

/** Creates a segment; a static one starts as a snapshot of its rule's members now. */
export async function createSegment(registry: PluginRegistry, fields: SegmentFields, clock: Clock): Promise<Segment> {
  const rule = validateRule(registry, fields.rule, ['input', 'rule']);
  const kind = fields.kind ?? 'DYNAMIC';
  const snapshot = kind === 'STATIC' ? await snapshotStep(rule, registry, clock) : null;
  const members = kind === 'DYNAMIC' ? await memberPredicate({ id: '', kind, rule }, registry, clock) : null;
  // The segment and its first snapshot (static) or recorded members (dynamic: they enter) are written together, or not at all.
  // (A new segment's first members are recorded without events: nothing to publish.)
  return prisma
    .$transaction(async (tx) => {
      const segment = await tx.segment.create({
        data: { name: fields.name, description: fields.description ?? null, kind, rule: storedRule(rule, registry) as Prisma.InputJsonValue },
      });
      if (snapshot) await snapshot(tx, segment.id);
      if (members) await trackSegmentIn(tx, segment.id, members, clock.now(), 'SEGMENT_EDIT');
      return tx.segment.findUniqueOrThrow({ where: { id: segment.id } });
    }, TRACKING_TRANSACTION)
    .catch((error) => uniqueNameConflict(error, fields.name));
}

export async function updateSegment(
  registry: PluginRegistry,
  id: string,
  fields: { [K in keyof SegmentFields]?: SegmentFields[K] | null },
  clock: Clock,
): Promise<Segment> {
  const rule = fields.rule === undefined || fields.rule === null ? undefined : validateRule(registry, fields.rule, ['input', 'rule']);
  const existing = await prisma.segment.findUnique({ where: { id }, select: { id: true, kind: true } });
  if (!existing) throw new NotFoundError('Segment', id, ['input', 'id']);
  // A new rule and the entries and exits it makes are written together (a dynamic segment's).
  const members = rule && existing.kind === 'DYNAMIC' ? await memberPredicate({ id, kind: 'DYNAMIC', rule }, registry, clock) : null;
  let recorded: MembershipChangeMessage[] = [];
  const updated = await prisma
    .$transaction(async (tx) => {
      const segment = await tx.segment.update({
        where: { id },
        data: {
          ...(fields.name ? { name: fields.name } : {}),
          ...(fields.description !== undefined ? { description: fields.description } : {}),
          // A segment made static, or dynamic again, has no record of its rule's members: it is recorded again from the start
          // (by the reconciliation), and admin reads evaluate it until then.
          ...(fields.kind ? { kind: fields.kind, ...(fields.kind !== existing.kind ? { recordedRule: Prisma.DbNull, membershipTrackedAt: null } : {}) } : {}),
          ...(rule ? { rule: storedRule(rule, registry) as Prisma.InputJsonValue } : {}),
        },
      });
      if (!members) return segment;
      recorded = (await trackSegmentIn(tx, id, members, clock.now(), 'SEGMENT_EDIT')).changes;
      return tx.segment.findUniqueOrThrow({ where: { id } });
    }, TRACKING_TRANSACTION)
    .catch((error) => uniqueNameConflict(error, fields.name ?? ''))
    .finally(() => changeBus().announce('livePromotions', null));
  publishMembershipChanges(recorded);
  return updated;
}

export async function deleteSegment(id: string): Promise<Segment> {
  const segment = await prisma.segment.findUnique({ where: { id }, include: { promotions: { select: { promotion: { select: { name: true } } } } } });
  if (!segment) throw new NotFoundError('Segment', id, ['input', 'id']);
  if (segment.promotions.length > 0) {
    throw new ConflictError(`Segment "${segment.name}" is used by promotions: ${segment.promotions.map((p) => p.promotion.name).join(', ')}`);
  }
  return prisma.segment.delete({ where: { id } }).finally(() => changeBus().announce('livePromotions', null));
}

async function staticSegment(id: string): Promise<Segment> {
  const segment = await prisma.segment.findUnique({ where: { id } });
  if (!segment) throw new NotFoundError('Segment', id, ['input', 'segment']);
  if (segment.kind !== 'STATIC') throw new InvalidInputError(`Segment "${segment.name}" is dynamic: its members follow its rule`, ['input', 'segment']);
  return segment;
}

/** Adds customers to a static segment's list; adding a member again changes nothing. */
export async function addStaticMembers(segmentId: string, customerIds: string[], clock: Clock): Promise<Segment> {
  const segment = await staticSegment(segmentId);
  await prisma.staticSegmentMember.createMany({
    data: customerIds.map((customerId) => ({ segmentId, customerId, addedAt: clock.now() })),
    skipDuplicates: true,
  });
  return segment;
}

export async function removeStaticMembers(segmentId: string, customerIds: string[]): Promise<Segment> {
  const segment = await staticSegment(segmentId);
  await prisma.staticSegmentMember.deleteMany({ where: { segmentId, customerId: { in: customerIds } } });
  return segment;
}

/** Replaces a static segment's list with its rule's members now. */
export async function refreshStaticSegment(registry: PluginRegistry, segmentId: string, clock: Clock): Promise<Segment> {
  const segment = await staticSegment(segmentId);
  const { rule } = asSegmentRule(segment, registry);
  // Refreshing from a rule that no longer reads would empty the list: keep it, and say why.
  if (isUnreadable(rule))
    throw new InvalidInputError(`Segment "${segment.name}" cannot be refreshed: its rule cannot be read (${rule.unreadable})`, ['input', 'segment']);
  const snapshot = await snapshotStep(rule, registry, clock);
  await prisma.$transaction((tx) => snapshot(tx, segment.id));
  return segment;
}
