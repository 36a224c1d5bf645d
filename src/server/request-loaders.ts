// Request-scoped DataLoaders: each batches and caches one kind of lookup for the
// duration of a request, so resolvers never issue one query per item.
import { sql } from '@cohort/plugin-sdk';
import DataLoader from 'dataloader';
import { prisma, query } from '../db/client.js';
import type { Product, Segment } from '../generated/prisma/client.js';
import type { PluginRegistry } from '../registry/registry.js';
import type { Clock } from '../shared/clock.js';
import { asSegmentRule, CompiledSegments, type MembershipSource } from '../segments/membership.js';
import { membershipSources, recordedSegmentsOf, segmentsRecordedUnderTheirRule } from '../segments/recorded.js';

export interface Loaders {
  productBySku: DataLoader<string, Product | null>;
  /**
   * Every segment, read and compiled once per request (by `Customer.segments` on a page of customers, say); `recorded`:
   * those whose recorded members answer for a customer with no unrecorded change, and `unrecorded` the others, compiled.
   */
  allSegments: DataLoader<'all', { segments: Segment[]; compiled: CompiledSegments; recorded: Set<string>; unrecorded: CompiledSegments }>;
  /** Where a segment's members are read from in this request (segments/recorded.ts), decided once for memberCount, members and totalCount together. */
  membershipSource: DataLoader<string, MembershipSource>;
  /** The segments a customer is recorded in, or null when a change of theirs is not recorded yet (segments/recorded.ts). */
  recordedSegments: DataLoader<string, Set<string> | null>;
  /** Entries and exits recorded in the last hours, per segment, counted from one moment per batch: a page of segments asks in one query. */
  segmentChanges: DataLoader<{ segmentId: string; hours: number }, { since: Date; entered: number; left: number }, string>;
}

export function createLoaders(registry: PluginRegistry, clock: Clock): Loaders {
  return {
    productBySku: new DataLoader(async (skus) => {
      // Every cart on the storefront's hot path resolves its SKUs here: a lean query.
      const products = await query<Product>(sql`
        SELECT id, sku, name, brand, category, price, currency, "createdAt", "updatedAt" FROM "Product" WHERE sku = ANY(${[...skus]}::text[])`);
      const bySku = new Map(products.map((product) => [product.sku, product]));
      return skus.map((sku) => bySku.get(sku) ?? null);
    }),
    allSegments: new DataLoader(async (keys) => {
      const [segments, recorded] = await Promise.all([prisma.segment.findMany({ orderBy: { name: 'asc' } }), segmentsRecordedUnderTheirRule(registry)]);
      const rules = segments.map((segment) => asSegmentRule(segment, registry));
      const compiled = new CompiledSegments(rules, registry);
      const unrecorded = new CompiledSegments(
        rules.filter((rule) => !recorded.has(rule.id)),
        registry,
      );
      return keys.map(() => ({ segments, compiled, recorded, unrecorded }));
    }),
    membershipSource: new DataLoader(async (segmentIds) => {
      const sources = await membershipSources(segmentIds, registry, clock);
      return segmentIds.map((id) => sources.get(id) ?? 'EVALUATED');
    }),
    recordedSegments: new DataLoader((customerIds) => recordedSegmentsOf(customerIds, clock)),
    segmentChanges: new DataLoader(
      async (keys) => {
        const now = clock.now().getTime();
        const counts = new Map<string, { since: Date; entered: number; left: number }>();
        for (const hours of new Set(keys.map((key) => key.hours))) {
          const since = new Date(now - hours * 3_600_000);
          const ids = keys.filter((key) => key.hours === hours).map((key) => key.segmentId);
          const rows = await query<{ segmentId: string; entered: number; left: number }>(sql`
            SELECT "segmentId", count(*) FILTER (WHERE entered) AS entered, count(*) FILTER (WHERE NOT entered) AS left
            FROM "SegmentMembershipEvent" WHERE "segmentId" = ANY(${ids}::text[]) AND at >= ${since.toISOString()}::timestamp GROUP BY "segmentId"`);
          for (const id of ids) counts.set(`${id}@${hours}`, { since, entered: 0, left: 0 });
          for (const row of rows) counts.set(`${row.segmentId}@${hours}`, { since, entered: Number(row.entered), left: Number(row.left) });
        }
        return keys.map((key) => counts.get(`${key.segmentId}@${key.hours}`) as { since: Date; entered: number; left: number });
      },
      { cacheKeyFn: (key) => `${key.segmentId}@${key.hours}` },
    ),
  };
}
