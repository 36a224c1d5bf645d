// The retention purge: raw events older than COHORT_RAW_EVENTS_KEEP_DAYS (product views,
// carts, webhook events with their deliveries and tries, membership events) and audit entries
// older than COHORT_AUDIT_LOG_KEEP_DAYS are deleted, on a timer (main.ts passes the settings).
// Current memberships are not touched: the recorded members stay, and the history still answers
// "was this customer in it then?" the same for every moment after the cutoff (before it, it
// says that the recorded history starts at the cutoff).
import { sql } from '@cohort/plugin-sdk';
import { prisma, queryIn } from '../db/client.js';
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

/** Deletes what is older than the settings keep, as of `now`. */
export async function purgeExpiredData(settings: PurgeSettings, now: Date): Promise<Purged> {
  const purged: Purged = { productViews: 0, carts: 0, webhookEvents: 0, membershipEvents: 0, auditEntries: 0 };
  if (settings.rawEventsDays > 0) {
    const before = new Date(now.getTime() - settings.rawEventsDays * DAY_MS);
    purged.productViews = (await prisma.productView.deleteMany({ where: { viewedAt: { lt: before } } })).count;
    purged.carts = (await prisma.cart.deleteMany({ where: { lastActivityAt: { lt: before } } })).count;
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
 * history answers for a moment from the members recorded now and the events after it, so
 * every answer from `before` on is what it was.
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
export function schedulePurge(settings: PurgeSettings & { purgeMinutes: number }, clock: Clock): Repeating {
  return repeat('purge expired raw events and audit entries', settings.purgeMinutes * 60_000, async () => {
    const purged = await purgeExpiredData(settings, clock.now());
    const total = Object.values(purged).reduce((sum, count) => sum + count, 0);
    if (total > 0) logger.info(`Purged what is kept no longer: ${Object.entries(purged).map(([what, count]) => `${count} ${what}`).join(', ')}`);
  });
}
