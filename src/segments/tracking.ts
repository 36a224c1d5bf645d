// Membership tracking: Cohort records the members of every dynamic segment (SegmentMember)
// and each entry and exit with its moment and cause (SegmentMembershipEvent).
//
// - A customer whose data is ingested is re-evaluated in memory against every tracked segment,
//   with the same compiled rules as the storefront, in one transaction that reads their facts,
//   compares with what is recorded and writes the difference (`trackCustomers`).
// - A segment created or edited, and the periodic reconciliation, compare a segment's members
//   in SQL with what is recorded and write the difference in one statement (`trackSegment`).
//
// Both write only what changes (INSERT … ON CONFLICT DO NOTHING, DELETE … RETURNING) and record
// an event for exactly the rows they changed, so two trackers racing on one customer record one
// event. Nothing here reads through another connection while its transaction holds locks.
import { sql, type FactDefinition, type Sql } from '@cohort/plugin-sdk';
import { database, prisma, query, queryIn } from '../db/client.js';
import { sqlStateOf } from '../db/errors.js';
import type { QueryRows } from '../db/sql.js';
import { Prisma, type MembershipCause } from '../generated/prisma/client.js';
import { customersWithIds, readSqlFacts } from '../facts/loaders.js';
import { cancel, claimDueJobs, enqueue, pendingJobField } from '../jobs/jobs.js';
import type { PluginRegistry } from '../registry/registry.js';
import { getShopContext } from '../settings/shop-context.js';
import type { Clock } from '../shared/clock.js';
import { logger } from '../shared/logger.js';
import { asSegmentRule, CompiledSegments, memberPredicate } from './membership.js';
import { emitMembershipEvents } from '../webhooks/outbox.js';
import { publishMembershipChanges } from './membership-changes.js';
import { changeBus, type ChangeBus, type MembershipChangeMessage } from '../shared/change-bus.js';
import { isUnreadable, readStoredRule, type RuleNode } from '../rules/rule-tree.js';

type Transaction = Prisma.TransactionClient;

/** Deadlocks between a segment's and a customer's tracking are possible (they share rows); PostgreSQL breaks them, and the loser tries again. */
async function withRetry<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await run();
    } catch (error) {
      const code = sqlStateOf(error);
      if (attempt >= 3 || (code !== '40P01' && code !== '40001')) throw error;
    }
  }
}

/** Tracking a large segment writes many rows: more than Prisma's default 5 s. */
export const TRACKING_TRANSACTION = { maxWait: 10_000, timeout: 120_000 };

export interface SegmentChange {
  entered: number;
  left: number;
  /** What was recorded, to publish once committed. */
  changes: MembershipChangeMessage[];
}

type RecordedRow = { id: string; segmentId: string; customerId: string; entered: boolean; at: Date; cause: string };

function changeOf(recorded: RecordedRow[]): SegmentChange {
  const changes = recorded.map((row) => ({
    id: row.id,
    segmentId: row.segmentId,
    customerId: row.customerId,
    entered: row.entered,
    at: row.at.toISOString(),
    cause: row.cause as MembershipCause,
  }));
  return { entered: changes.filter((change) => change.entered).length, left: changes.filter((change) => !change.entered).length, changes };
}

/**
 * The end of both trackers' statements: an event for each row their `entered` and `departed`
 * steps changed (both RETURNING "segmentId", "customerId"), none when `silent`, returned.
 */
const recordedSql = (now: Date, cause: MembershipCause, silent = false) => sql`
    recorded AS (
      INSERT INTO "SegmentMembershipEvent" ("segmentId", "customerId", entered, at, cause)
      SELECT x."segmentId", x."customerId", x.entered, ${now.toISOString()}::timestamp, ${causeSql(cause)}::"MembershipCause"
      FROM (SELECT "segmentId", "customerId", true AS entered FROM entered UNION ALL SELECT "segmentId", "customerId", false FROM departed) AS x
      WHERE NOT ${silent}::boolean
      RETURNING id::text, "segmentId", "customerId", entered, at, cause::text
    )
    SELECT * FROM recorded`;

/**
 * The cause of a change to `x."customerId"`'s membership. A reconciliation (or a schedule pass)
 * that finds a change a write has promised to track (its MEMBERSHIP_DUE job names a cause) and
 * has not tracked yet records it with the write's cause: the write made it, the pass only got
 * there first. Read before the tracking replaces the promise (trackCustomers enqueues after).
 */
const causeSql = (cause: MembershipCause): Sql =>
  cause === 'RECONCILIATION'
    ? sql`COALESCE(${pendingJobField(MEMBERSHIP_DUE, sql`${MEMBERSHIP_DUE_KEY_PREFIX} || x."customerId"`, 'cause')}, ${cause})`
    : sql`${cause}`;

/**
 * Brings one dynamic segment's recorded members in line with its rule now, in the caller's
 * transaction (so that an edit and its consequences commit together). The first time (a new
 * segment, or one created before recording existed) it records the members without events:
 * the history starts there (`membershipTrackedAt`), and a customer with no event was in the
 * segment from the start if they are still, or until their first event if that is an exit.
 */
export async function trackSegmentIn(
  tx: Transaction,
  segmentId: string,
  predicate: Sql,
  now: Date,
  cause: MembershipCause,
  expected?: { updatedAt: Date },
): Promise<SegmentChange> {
  const read = queryIn(tx);
  await read(sql`SELECT pg_advisory_xact_lock(hashtext(${`segment:${segmentId}`}))::text`);
  // A reconciliation read the rule a while ago: if the segment was edited, deleted or made static since, its edit recorded what changed.
  if (expected) {
    const current = await tx.segment.findUnique({ where: { id: segmentId }, select: { kind: true, updatedAt: true } });
    if (!current || current.kind !== 'DYNAMIC' || current.updatedAt.getTime() !== expected.updatedAt.getTime()) return { entered: 0, left: 0, changes: [] };
  }
  // Recording starts once; later runs keep its start (the history goes back to it).
  const starting = (await tx.segment.updateMany({ where: { id: segmentId, membershipTrackedAt: null }, data: { membershipTrackedAt: now } })).count > 0;
  const recorded = await read<RecordedRow>(
    sql`
    WITH current AS (SELECT "_customer".id FROM cohort_v1.customers AS "_customer" WHERE ${predicate}),
    entered AS (
      INSERT INTO "SegmentMember" ("segmentId", "customerId", since) SELECT ${segmentId}, c.id, ${now.toISOString()}::timestamp FROM current c
      ON CONFLICT DO NOTHING RETURNING "segmentId", "customerId"
    ),
    departed AS (
      DELETE FROM "SegmentMember" m WHERE m."segmentId" = ${segmentId} AND NOT EXISTS (SELECT 1 FROM current c WHERE c.id = m."customerId") RETURNING "segmentId", "customerId"
    ),
    ${recordedSql(now, cause, starting)}`,
  );
  // The record now holds this rule's members, but customers' due times were scheduled under the segments as they were: until
  // a pass schedules them again (MEMBERSHIP_SCHEDULE), admin reads evaluate the rule (recorded.ts).
  const [marked] = await read<{ current: boolean }>(sql`SELECT COALESCE("recordedRule" = rule, false) AS current FROM "Segment" WHERE id = ${segmentId}`);
  if (!marked?.current) await enqueue(read, [scheduleDueTimesJob(now)]);
  await emitMembershipEvents(read, recorded);
  return changeOf(recorded);
}

/**
 * The job that, once a segment's members are recorded under a new rule (created, edited, or
 * recorded for the first time), tracks every customer again, so that each one's next due time
 * accounts for it, then marks the segments recorded under their rule (`recordedRule`): from then
 * on, admin reads may answer from the record. One pending at a time: edits meanwhile share it.
 */
export const MEMBERSHIP_SCHEDULE = 'membership.schedule';
const scheduleDueTimesJob = (runAt: Date) => ({ task: MEMBERSHIP_SCHEDULE, payload: {}, runAt, key: 'membership-schedule', queue: 'membership-schedule' });

/** `trackSegmentIn` in a transaction of its own. */
export async function trackSegment(
  registry: PluginRegistry,
  segment: { id: string; kind: 'DYNAMIC' | 'STATIC'; rule: unknown; updatedAt: Date },
  clock: Clock,
  cause: MembershipCause,
): Promise<SegmentChange | null> {
  if (segment.kind !== 'DYNAMIC') return null;
  const rule = asSegmentRule(segment, registry);
  if (isUnreadable(rule.rule)) return null;
  const predicate = await memberPredicate(rule, registry, clock);
  const now = clock.now();
  const change = await withRetry(() =>
    prisma.$transaction((tx) => trackSegmentIn(tx, segment.id, predicate, now, cause, { updatedAt: segment.updatedAt }), TRACKING_TRANSACTION),
  );
  publishMembershipChanges(change.changes);
  return change;
}

/** Whether time alone may change a rule's members: one of its conditions declares `changesAt`. */
function changesWithTime(rule: RuleNode, registry: PluginRegistry): boolean {
  if ('unreadable' in rule) return false;
  if ('and' in rule) return rule.and.some((child) => changesWithTime(child, registry));
  if ('or' in rule) return rule.or.some((child) => changesWithTime(child, registry));
  if ('not' in rule) return changesWithTime(rule.not, registry);
  return registry.get(rule.condition.type)?.changesAt !== undefined;
}

/** The recorded dynamic segments, compiled once per set of segments: a small query tells whether any was added, edited, deleted or began recording (their rules' hashes too: two edits may share an `updatedAt`, under a frozen clock say). */
class TrackedSegments {
  private key = '';
  private compiled: CompiledSegments | null = null;

  constructor(private readonly registry: PluginRegistry) {}

  async current(): Promise<CompiledSegments> {
    const [state] = await prisma.$queryRawUnsafe<{ key: string }[]>(
      `SELECT count(*)::text || ':' || COALESCE(max("updatedAt")::text, '') || ':' || COALESCE(max("membershipTrackedAt")::text, '') || ':' || COALESCE(md5(string_agg(id || md5(rule::text), ',' ORDER BY id)), '') AS key
       FROM "Segment" WHERE kind = 'DYNAMIC' AND "membershipTrackedAt" IS NOT NULL`,
    );
    if (this.compiled && state?.key === this.key) return this.compiled;
    const segments = await prisma.segment.findMany({
      where: { kind: 'DYNAMIC', membershipTrackedAt: { not: null } },
      select: { id: true, kind: true, rule: true },
      orderBy: { id: 'asc' },
    });
    const readable = segments.map((segment) => asSegmentRule(segment, this.registry)).filter((segment) => !isUnreadable(segment.rule));
    this.compiled = new CompiledSegments(readable, this.registry);
    this.key = state?.key ?? '';
    return this.compiled;
  }
}

/**
 * Reads customers' facts in the transaction: SQL facts in one statement, others through their
 * loaders with the transaction's connection. A customer who does not exist (erased) is missing
 * from the map: the statement that reads SQL facts tells, or one that asks.
 */
async function factsIn(
  read: QueryRows,
  facts: FactDefinition[],
  customerIds: string[],
  now: Date,
  shop: Awaited<ReturnType<typeof getShopContext>>,
): Promise<Map<string, Record<string, unknown>>> {
  const sqlFacts = facts.filter((fact) => fact.sql);
  const found =
    sqlFacts.length > 0
      ? await readSqlFacts(read, sqlFacts, customersWithIds(customerIds))
      : (await read<{ id: string }>(sql`SELECT id FROM "Customer" WHERE id = ANY(${customerIds}::text[])`)).map((row) => ({
          id: row.id,
          facts: [] as unknown[],
        }));
  const values = new Map(found.map((row) => [row.id, Object.fromEntries(sqlFacts.map((fact, index) => [fact.name, row.facts[index]]))]));
  const existing = [...values.keys()];
  for (const fact of facts.filter((candidate) => !candidate.sql)) {
    const loaded = existing.length > 0 ? await fact.load(existing, { query: read, now, shop }) : new Map<string, unknown>();
    for (const [customerId, customerFacts] of values) customerFacts[fact.name] = loaded.get(customerId) ?? fact.empty;
  }
  return values;
}

/** The job that re-evaluates a customer when time alone may change their segments (cause TIME): one pending per customer. */
export const MEMBERSHIP_DUE = 'membership.due';
/** The key of a customer's pending `membership.due` job. */
const MEMBERSHIP_DUE_KEY_PREFIX = 'membership-due:';
export const membershipDueKey = (customerId: string) => `${MEMBERSHIP_DUE_KEY_PREFIX}${customerId}`;
/**
 * A customer's next due time (no cause: time), or work that names its cause: a write's promise,
 * or the retry of a tracking that failed. Jobs that name a cause count as a change waiting to be
 * recorded (recorded.ts), and run alone: trackDue claims only plain time jobs.
 */
const membershipDueJob = (customerId: string, runAt: Date, cause?: MembershipCause) => ({
  task: MEMBERSHIP_DUE,
  payload: cause === undefined ? { customerId } : { customerId, cause },
  runAt,
  key: membershipDueKey(customerId),
});

/** How long after a write its tracking is done by a job if it was not done at once. */
export const TRACKING_CATCH_UP_MS = 60_000;

/**
 * Promises, in the transaction that writes customers' data (through `read`), that their
 * entries and exits will be recorded: a job a minute from now, which the tracking done right
 * after the commit replaces with their next due time (or removes). If that tracking cannot run
 * (the database went away, the process was killed), the job does it: a write and the promise to
 * track it commit together.
 */
export async function promiseTracking(read: QueryRows, customerIds: Iterable<string | null | undefined>): Promise<void> {
  const ids = [...new Set([...customerIds].filter((id): id is string => typeof id === 'string'))];
  const at = new Date(Date.now() + TRACKING_CATCH_UP_MS);
  await enqueue(
    read,
    ids.map((id) => membershipDueJob(id, at, 'INGESTION')),
  );
}

/** Customers tracked in one transaction: a bulk write's tracking costs a few statements per this many customers, not per customer. */
export const TRACKING_BATCH = 500;

/** Records the entries and exits of customers whose data changed; one transaction per TRACKING_BATCH customers. */
export class MembershipTracker {
  private readonly segments: TrackedSegments;

  constructor(
    private readonly registry: PluginRegistry,
    private readonly clock: Clock,
  ) {
    this.segments = new TrackedSegments(registry);
  }

  /** `untracked`: how many could not be tracked now (a job tracks them in a minute). */
  async trackCustomers(customerIds: Iterable<string>, cause: MembershipCause): Promise<SegmentChange & { untracked: number }> {
    const ids = [...new Set(customerIds)];
    const total = { entered: 0, left: 0, changes: [] as MembershipChangeMessage[], untracked: 0 };
    if (ids.length === 0) return total;
    const [compiled, shop] = await Promise.all([this.segments.current(), getShopContext(this.clock.now())]);
    if (compiled.ids.length === 0) {
      // No segment is recorded: their writes' promises are kept, and time can change nothing (recorded.ts reads pending jobs).
      await cancel(database.query, ids.map(membershipDueKey));
      return total;
    }
    for (let start = 0; start < ids.length; start += TRACKING_BATCH) {
      // Locked in one order by every tracker, so that two batches sharing customers wait for each other instead of deadlocking.
      const batch = ids.slice(start, start + TRACKING_BATCH).sort();
      let recorded: RecordedRow[];
      try {
        recorded = await withRetry(() =>
          database.transaction(async (read) => {
            // A write that waits this long behind a segment's recording gives way: the customers are due again shortly.
            await read(sql`SET LOCAL lock_timeout = '2s'`);
            await read(
              sql`SELECT pg_advisory_xact_lock(hashtext(k))::text FROM (SELECT 'customer:' || id AS k FROM unnest(${batch}::text[]) AS id ORDER BY 1) AS keys`,
            );
            // The moment is taken once the customers are ours, so that events follow the order of commits.
            const now = this.clock.now();
            // Read after the lock, so an erasure committed while this waited is seen: nothing to record for them (their memberships went with them).
            const factsOf = await factsIn(read, compiled.facts, batch, now, shop);
            const pairs: { customerId: string; segmentId: string }[] = [];
            const due: ReturnType<typeof membershipDueJob>[] = [];
            const notDue: string[] = [];
            for (const [customerId, facts] of factsOf) {
              const members = compiled.membersOf(facts, { now, shop, cart: null });
              compiled.ids.forEach((segmentId, index) => {
                if (members[index] === 1) pairs.push({ customerId, segmentId });
              });
              // When time alone may next change their segments: a job then (MEMBERSHIP_DUE), replacing the one pending, or none.
              const dueAt = compiled.nextChangeAt(facts, { now, shop, cart: null });
              if (dueAt) due.push(membershipDueJob(customerId, dueAt));
              else notDue.push(membershipDueKey(customerId));
            }
            const tracked = [...factsOf.keys()];
            if (tracked.length === 0) return [];
            const recorded = await read<RecordedRow>(
              sql`
              WITH current AS (SELECT * FROM unnest(${pairs.map((pair) => pair.customerId)}::text[], ${pairs.map((pair) => pair.segmentId)}::text[]) AS c("customerId", "segmentId")),
              -- What is recorded of these customers, read by customer from their index (index-only, a few pages each) and matched
              -- to the segments by a hash: the planner had probed the primary key for every segment and customer (300 × 500
              -- probes, 330 ms; 10–15 ms this way).
              recorded_before AS MATERIALIZED (
                SELECT m."segmentId", m."customerId" FROM "SegmentMember" m JOIN unnest(${compiled.ids}::text[]) AS t(id) ON t.id = m."segmentId"
                WHERE m."customerId" = ANY(${tracked}::text[])
              ),
              entered AS (
                INSERT INTO "SegmentMember" ("segmentId", "customerId", since)
                SELECT c."segmentId", c."customerId", ${now.toISOString()}::timestamp FROM current c JOIN "Segment" s ON s.id = c."segmentId" AND s."membershipTrackedAt" IS NOT NULL
                -- Every member, not only those recorded_before lacks: a row another transaction is deleting (a segment's
                -- reconciliation, which read these customers before their write) is in this statement's snapshot, and only
                -- ON CONFLICT waits for that deletion to commit and then inserts the row again.
                ON CONFLICT DO NOTHING RETURNING "segmentId", "customerId"
              ),
              departed AS (
                DELETE FROM "SegmentMember" m USING recorded_before r
                WHERE m."segmentId" = r."segmentId" AND m."customerId" = r."customerId"
                  AND NOT EXISTS (SELECT 1 FROM current c WHERE c."customerId" = r."customerId" AND c."segmentId" = r."segmentId")
                RETURNING m."segmentId", m."customerId"
              ),
              ${recordedSql(now, cause)}`,
            );
            // After the record, which reads the promises these replace (causeSql).
            await enqueue(read, due);
            await cancel(read, notDue);
            await emitMembershipEvents(read, recorded);
            return recorded;
          }),
        );
      } catch (error) {
        // Their data is written; they are due again in a minute (a MEMBERSHIP_DUE job: the one their write promised, or this one), and the reconciliation is there too.
        logger.warn(`Could not record the segment entries and exits of ${batch.length} customer(s) now (${(error as Error).message}); retrying in a minute`);
        total.untracked += batch.length;
        const retryAt = new Date(Date.now() + TRACKING_CATCH_UP_MS);
        await enqueue(
          database.query,
          batch.map((customerId) => membershipDueJob(customerId, retryAt, cause)),
        ).catch((failure: unknown) =>
          logger.warn(
            `Could not schedule the retry either (${(failure as Error).message}): the job promised with the write, or the reconciliation, will record them`,
          ),
        );
        continue;
      }
      const change = changeOf(recorded);
      publishMembershipChanges(change.changes);
      total.entered += change.entered;
      total.left += change.left;
    }
    return total;
  }

  /**
   * A plain time job's work (MEMBERSHIP_DUE, its payload naming no cause): its customer, and the other customers
   * due by now whose jobs nothing runs, up to a batch, in one pass (claimDueJobs): when many come
   * due at once (a month's first day for "birthday this month", a window that ends for thousands
   * at the same hour), they cost a transaction per TRACKING_BATCH customers, not one job each.
   */
  async trackDue(customerId: string): Promise<SegmentChange & { untracked: number }> {
    const now = this.clock.now();
    // Marked with their cause while they are ours: admin reads then know a change may be waiting (recorded.ts). If the pass
    // fails, each is retried alone (a retry names its cause), so that one customer who cannot be tracked holds up no other.
    const others = await claimDueJobs(
      database.query,
      MEMBERSHIP_DUE,
      { dueBy: now, until: new Date(now.getTime() + TRACKING_CATCH_UP_MS), limit: TRACKING_BATCH - 1 },
      { field: 'cause', value: 'TIME' },
    );
    return this.trackCustomers([customerId, ...others.map((payload) => String(payload.customerId))], 'TIME');
  }

  /**
   * The MEMBERSHIP_SCHEDULE pass: the recorded segments not yet marked recorded under their
   * rule are read (with their rule's hash), every customer is tracked again (in memory, as
   * ingestion does: entries and exits found are corrections, and each customer's next due time
   * is scheduled under every segment's current rule), then those segments whose rule is still
   * the one read are marked. A customer that could not be tracked fails the pass (the job tries again).
   */
  async scheduleDueTimes(): Promise<{ segments: number; customers: number }> {
    const segments = await query<{ id: string; hash: string; rule: unknown }>(sql`
      SELECT id, md5(rule::text) AS hash, rule FROM "Segment" WHERE kind = 'DYNAMIC' AND "membershipTrackedAt" IS NOT NULL AND "recordedRule" IS DISTINCT FROM rule`);
    if (segments.length === 0) return { segments: 0, customers: 0 };
    // A rule that time alone never changes adds no due time: nobody needs tracking again for it.
    const timed = segments.some((segment) => changesWithTime(readStoredRule(segment.rule, this.registry), this.registry));
    const customers = timed ? await query<{ id: string }>(sql`SELECT id FROM cohort_v1.customers`) : [];
    const tracked = await this.trackCustomers(
      customers.map((customer) => customer.id),
      'RECONCILIATION',
    );
    if (tracked.untracked > 0) throw new Error(`${tracked.untracked} customer(s) could not be tracked: their segments' due times are not all scheduled`);
    const marked = await query<{ id: string }>(sql`
      UPDATE "Segment" AS s SET "recordedRule" = s.rule FROM unnest(${segments.map((segment) => segment.id)}::text[], ${segments.map((segment) => segment.hash)}::text[]) AS p(id, hash)
      WHERE s.id = p.id AND md5(s.rule::text) = p.hash RETURNING s.id`);
    return { segments: marked.length, customers: customers.length };
  }

  /**
   * Every dynamic segment against its rule in SQL: starts recording segments not yet recorded
   * (no events: their history starts now), and corrects the others (RECONCILIATION).
   * `unrecordedOnly`: only those not recorded, or not recorded under their rule (`recordedRule`).
   * Returns the corrections per segment, which should be none.
   */
  async reconcile(
    shouldStop: () => boolean = () => false,
    options: { unrecordedOnly?: boolean } = {},
  ): Promise<{ segments: number; corrected: number; bySegment: { segmentId: string; entered: number; left: number }[] }> {
    const segments = await prisma.segment.findMany({
      where: { kind: 'DYNAMIC', ...(options.unrecordedOnly ? { OR: [{ membershipTrackedAt: null }, { recordedRule: { equals: Prisma.DbNull } }] } : {}) },
      select: { id: true, kind: true, rule: true, updatedAt: true, membershipTrackedAt: true },
      orderBy: { id: 'asc' },
    });
    const bySegment: { segmentId: string; entered: number; left: number }[] = [];
    for (const segment of segments) {
      if (shouldStop()) break;
      try {
        const change = await trackSegment(this.registry, segment, this.clock, segment.membershipTrackedAt ? 'RECONCILIATION' : 'SEGMENT_EDIT');
        if (change && segment.membershipTrackedAt && change.entered + change.left > 0)
          bySegment.push({ segmentId: segment.id, entered: change.entered, left: change.left });
      } catch (error) {
        // One segment's failure (deleted mid-run, a rule that fails in SQL) does not stop the others.
        logger.error(`Could not reconcile the members of segment ${segment.id}; the next run will try again`, error);
      }
    }
    const corrected = bySegment.reduce((sum, change) => sum + change.entered + change.left, 0);
    if (corrected > 0) logger.warn(`Membership reconciliation corrected ${corrected} memberships in ${bySegment.length} segments`);
    return { segments: segments.length, corrected, bySegment };
  }
}

// ─── Customers changed ──────────────────────────────────────────────────────
// Ingestion announces the customers whose data it wrote (after its commit) on the change bus;
// each server's tracker records their entries and exits before the mutation answers. A failure
// is logged, not returned: the data is written, and the reconciliation will catch the membership up.

export async function announceCustomersChanged(customerIds: Iterable<string | null | undefined>): Promise<void> {
  const ids = [...new Set([...customerIds].filter((id): id is string => typeof id === 'string'))];
  if (ids.length > 0) await changeBus().announce('customers', ids);
}

/** Records the entries and exits of the customers announced on `changes` with `tracker`; returns the function that stops it. */
export function trackAnnouncedCustomers(changes: ChangeBus, tracker: MembershipTracker): () => void {
  // Writes that commit while a tracking pass runs are tracked together in the next one: concurrent
  // single-order calls share a transaction instead of queueing one each.
  let running: Promise<void> | null = null;
  let next: { ids: Set<string>; done: Promise<void> } | null = null;
  const track = (customerIds: readonly string[]): Promise<void> => {
    if (next) {
      for (const id of customerIds) next.ids.add(id);
      return next.done;
    }
    const ids = new Set(customerIds);
    const done = (running ?? Promise.resolve()).then(async () => {
      if (next?.ids === ids) next = null;
      await tracker
        .trackCustomers(ids, 'INGESTION')
        .then(() => undefined)
        .catch((error: unknown) => logger.error(`Could not record the segment entries and exits of ${ids.size} customer(s); the reconciliation will`, error));
    });
    next = { ids, done };
    running = done;
    return done;
  };
  return changes.on('customers', track);
}
