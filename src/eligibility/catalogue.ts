// The promotions that can apply now, with the segments they target, read in one query.
import { prisma } from '../db/client.js';
import type { Promotion } from '../generated/prisma/client.js';
import type { Effect } from '../promotions/effects.js';
import type { Schedule } from '../promotions/schedule.js';
import type { SegmentRule } from '../segments/membership.js';
import type { RuleNode } from '../segments/rule-tree.js';

export interface LivePromotion {
  id: string;
  record: Promotion;
  currency: string;
  effects: Effect[];
  cartRule: RuleNode | null;
  schedule: Schedule | null;
  includeSegmentIds: string[];
  excludeSegmentIds: string[];
}

export interface PromotionCatalogue {
  /** In the order of application: priority (highest first), then age, then id. */
  promotions: LivePromotion[];
  segments: Map<string, SegmentRule>;
}

export async function loadPromotionCatalogue(now: Date): Promise<PromotionCatalogue> {
  const rows = await prisma.promotion.findMany({
    where: {
      status: 'ACTIVE',
      AND: [{ OR: [{ startsAt: null }, { startsAt: { lte: now } }] }, { OR: [{ endsAt: null }, { endsAt: { gt: now } }] }],
    },
    include: { segments: { include: { segment: { select: { id: true, kind: true, rule: true } } } } },
    orderBy: [{ priority: 'desc' }, { createdAt: 'asc' }, { id: 'asc' }],
  });
  const segments = new Map<string, SegmentRule>();
  const promotions = rows.map((row) => {
    for (const link of row.segments) segments.set(link.segment.id, { id: link.segment.id, kind: link.segment.kind, rule: link.segment.rule as RuleNode });
    const { segments: links, ...record } = row;
    return {
      id: row.id,
      record,
      currency: row.currency,
      effects: row.effects as Effect[],
      cartRule: (row.cartRule as RuleNode | null) ?? null,
      schedule: (row.schedule as Schedule | null) ?? null,
      includeSegmentIds: links.filter((link) => link.targeting === 'INCLUDE').map((link) => link.segmentId),
      excludeSegmentIds: links.filter((link) => link.targeting === 'EXCLUDE').map((link) => link.segmentId),
    };
  });
  return { promotions, segments };
}
