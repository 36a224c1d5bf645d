// The retention purge: raw events older than COHORT_RAW_EVENTS_KEEP_DAYS (product views,
// carts, webhook events with their deliveries and tries, membership events) and audit entries
// older than COHORT_AUDIT_LOG_KEEP_DAYS are deleted, on a timer (main.ts passes the settings
// and the membership tracker).
//
// Views and carts are facts segment rules read: a condition whose window reaches past the
// cutoff (abandonedCart or viewCount over `lastDays: 36500`, or from a date) may no longer hold
// once they are gone. So the customers whose views or carts were deleted are re-evaluated at
// once, with cause RECONCILIATION: the recorded memberships agree with the rules the moment
// the purge ends, and a customer who no longer qualifies leaves then, recorded as such.
// Other memberships are not touched, and the history still answers "was this customer in it
// then?" from the recorded events, for every moment after the cutoff (before it, it says that
// the recorded history starts at the cutoff).
import { sql } from '@cohort/plugin-sdk';
import { prisma, query, queryIn } from '../db/client.js';
import type { MembershipTracker } from '../segments/tracking.js';
import { DAY_MS, type Clock } from '../shared/clock.js';
import { logger } from '../shared/logger.js';
import { repeat, type Repeating } from '../shared/repeat.js';

export interface PurgeSettings {
  /** Days raw events are kept; 0: for ever. */
  rawEventsDays: number;
  /** Days audit entries are kept; 0: for ever. */
  auditLogDays: number;
}

export interface Purged {
  productViews: number;
  carts: number;
  webhookEvents: number;
  membershipEvents: number;
  auditEntries: number;
}

/** What re-evaluates the customers whose facts the purge deleted. */
export type PurgeTracker = Pick<MembershipTracker, 'trackCustomers'>;

/** Deletes what is older than the settings keep, as of `now`; re-evaluates the customers whose views or carts went. */
export async function purgeExpiredData(settings: PurgeSettings, now: Date, tracker: PurgeTracker): Promise<Purged> {
  const purged: Purged = { productViews: 0, carts: 0, webhookEvents: 0, membershipEvents: 0, auditEntries: 0 };
  if (settings.rawEventsDays > 0) {
    const before = new Date(now.getTime() - settings.rawEventsDays * DAY_MS);
    const cutoff = before.toISOString();
    const views = await query<{ customerId: string }>(sql`DELETE FROM "ProductView" WHERE "viewedAt" < ${cutoff}::timestamp RETURNING "customerId"`);
    const carts = await query<{ customerId: string | null }>(sql`DELETE FROM "Cart" WHERE "lastActivityAt" < ${cutoff}::timestamp RETURNING "customerId"`);
    purged.productViews = views.length;
    purged.carts = carts.length;
    // Their facts changed: their memberships are brought in line now, not at the next reconciliation.
    const affected = new Set([...views, ...carts].flatMap((row) => (row.customerId ? [row.customerId] : [])));
    if (affected.size > 0) await tracker.trackCustomers(affected, 'RECONCILIATION');
    // An event still being delivered stays until its deliveries settle.
    purged.webhookEvents = (await prisma.webhookEvent.deleteMany({ where: { createdAt: { lt: before }, deliveries: { none: { status: 'PENDING' } } } })).count;
    purged.membershipEvents = await purgeMembershipEvents(before);
  }
  if (settings.auditLogDays > 0) {
    purged.auditEntries = (await prisma.auditEntry.deleteMany({ where: { at: { lt: new Date(now.getTime() - settings.auditLogDays * DAY_MS) } } })).count;
  }
  return purged;
}

/**
 * Membership events before `before`; the segments' recorded history then starts there. The
 * history answers for a moment from the members recorded now and the events after it, so an
 * answer for a moment from `before` on is what it was (the exits this purge records, at its own
 * time, are events after every such moment up to it).
 */
async function purgeMembershipEvents(before: Date): Promise<number> {
  const cutoff = before.toISOString();
  return prisma.$transaction(async (tx) => {
    // Not through Prisma's update: it would move the segments' updatedAt, which says when an admin edited them.
    await queryIn(tx)(sql`UPDATE "Segment" SET "membershipTrackedAt" = ${cutoff}::timestamp WHERE "membershipTrackedAt" < ${cutoff}::timestamp RETURNING id`);
    return (await tx.segmentMembershipEvent.deleteMany({ where: { at: { lt: before } } })).count;
  });
}

/** Purges at start, then every `purgeMinutes` (0: at start only). Each instance runs it; a second run at once finds nothing to delete. */
export function schedulePurge(settings: PurgeSettings & { purgeMinutes: number }, clock: Clock, tracker: PurgeTracker): Repeating {
  return repeat('purge expired raw events and audit entries', settings.purgeMinutes * 60_000, async () => {
    const purged = await purgeExpiredData(settings, clock.now(), tracker);
    const total = Object.values(purged).reduce((sum, count) => sum + count, 0);
    if (total > 0)
      logger.info(
        `Purged what is kept no longer: ${Object.entries(purged)
          .map(([what, count]) => `${count} ${what}`)
          .join(', ')}`,
      );
  });
}
