// Segment logic: writing segments with validated rule trees, and membership questions
// answered for the whole base in one SQL query.
import { prisma } from '../db/client.js';
import { Prisma, type Segment } from '../generated/prisma/client.js';
import type { SegmentKind } from '../generated/prisma/enums.js';
import { badUserInput } from '../schema/bad-input.js';
import type { Clock } from '../shared/clock.js';
import { ConflictError, NotFoundError } from '../shared/errors.js';
import { getShopContext } from '../settings/shop-context.js';
import { conditionRegistry } from './condition-plugins.js';
import { parseRuleTree, RuleTreeError, ruleTreeToSql, type RuleNode } from './rule-tree.js';

export interface SegmentFields {
  name: string;
  description?: string | null;
  kind?: SegmentKind | null;
  rule: unknown;
}

/** Validates a rule tree from an input, reporting every problem against the input field. */
export function validateRule(rule: unknown, path: string[]): RuleNode {
  try {
    return parseRuleTree(rule, conditionRegistry, path);
  } catch (error) {
    if (error instanceof RuleTreeError) throw badUserInput(error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })));
    throw error;
  }
}

function uniqueNameConflict(error: unknown, name: string): never {
  if ((error as { code?: string }).code === 'P2002') throw new ConflictError(`A segment named "${name}" already exists`);
  throw error;
}

export async function createSegment(fields: SegmentFields): Promise<Segment> {
  const rule = validateRule(fields.rule, ['input', 'rule']);
  return prisma.segment
    .create({ data: { name: fields.name, description: fields.description ?? null, kind: fields.kind ?? 'DYNAMIC', rule: rule as Prisma.InputJsonValue } })
    .catch((error) => uniqueNameConflict(error, fields.name));
}

export async function updateSegment(id: string, fields: { [K in keyof SegmentFields]?: SegmentFields[K] | null }): Promise<Segment> {
  const rule = fields.rule === undefined || fields.rule === null ? undefined : validateRule(fields.rule, ['input', 'rule']);
  const existing = await prisma.segment.findUnique({ where: { id }, select: { id: true } });
  if (!existing) throw new NotFoundError('Segment', id, ['input', 'id']);
  return prisma.segment
    .update({
      where: { id },
      data: {
        ...(fields.name ? { name: fields.name } : {}),
        ...(fields.description !== undefined ? { description: fields.description } : {}),
        ...(fields.kind ? { kind: fields.kind } : {}),
        ...(rule ? { rule: rule as Prisma.InputJsonValue } : {}),
      },
    })
    .catch((error) => uniqueNameConflict(error, fields.name ?? ''));
}

export async function deleteSegment(id: string): Promise<Segment> {
  const segment = await prisma.segment.findUnique({ where: { id }, include: { promotions: { select: { promotion: { select: { name: true } } } } } });
  if (!segment) throw new NotFoundError('Segment', id, ['input', 'id']);
  if (segment.promotions.length > 0) {
    throw new ConflictError(`Segment "${segment.name}" is used by promotions: ${segment.promotions.map((p) => p.promotion.name).join(', ')}`);
  }
  return prisma.segment.delete({ where: { id } });
}

/** SQL predicate selecting the members of a rule tree, over the customer alias "c". */
export async function membershipPredicate(rule: RuleNode, clock: Clock): Promise<Prisma.Sql> {
  return ruleTreeToSql(rule, conditionRegistry, { customer: Prisma.raw('"c"'), now: clock.now(), shop: await getShopContext() });
}

export async function countMembers(rule: RuleNode, clock: Clock): Promise<number> {
  const predicate = await membershipPredicate(rule, clock);
  const [row] = await prisma.$queryRaw<{ count: bigint }[]>`SELECT count(*) AS count FROM "Customer" AS c WHERE ${predicate}`;
  return Number(row?.count ?? 0);
}
