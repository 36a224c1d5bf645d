// When admin reads (memberCount, members, the export, Customer.segments) answer from the recorded
// members (SegmentMember) instead of evaluating the rule over the whole base: only when the
// record is exact now (docs/concepts.md, "Recorded membership"), that is
// - the segment is dynamic, tracking follows every change of its rule's members (`followsTracking`),
//   and it is recorded under its current rule (`recordedRule`
//   equals `rule`): its members recorded (its creation or an edit of its rule records them in
//   its transaction) and then every customer's due times scheduled under it, by the
//   `membership.schedule` pass the recording queued (tracking.ts), which then writes `recordedRule`;
// - and no customer's change is known but not recorded yet: no `membership.due` job is due by
//   now (time passed and its job has not run yet), and none is a write's promise (its tracking
//   not done yet) or a failed tracking's retry (both name their cause in their payload).
// Otherwise the rule is evaluated, as before. Both ways answer as of now; the source says which.
import { sql } from '@cohort/plugin-sdk';
import { query } from '../db/client.js';
import { pendingJobKeys } from '../jobs/jobs.js';
import type { PluginRegistry } from '../registry/registry.js';
import { readStoredRule, type RuleNode } from '../rules/rule-tree.js';
import type { Clock } from '../shared/clock.js';
import type { MembershipSource } from './membership.js';
import { MEMBERSHIP_DUE, membershipDueKey } from './tracking.js';

/**
 * Whether tracking follows every change of a rule's members: it reads (a rule whose plugin was
 * removed has no members, and is not tracked any more), and none of its conditions declares
 * that something tracking does not see changes it (`changedOutsideTracking`: the RFM
 * thresholds, redemptions, the shop's settings…); the reconciliation alone catches those.
 */
export function followsTracking(rule: RuleNode, registry: PluginRegistry): boolean {
  if ('unreadable' in rule) return false;
  if ('and' in rule) return rule.and.every((child) => followsTracking(child, registry));
  if ('or' in rule) return rule.or.every((child) => followsTracking(child, registry));
  if ('not' in rule) return followsTracking(rule.not, registry);
  const condition = registry.get(rule.condition.type);
  return condition !== undefined && condition.changedOutsideTracking === undefined;
}

/**
 * The keys of the customers whose changes are known but not recorded yet (among `keys` when
 * given): a `membership.due` job due by now (time changed them and the job has not run yet), or
 * one whose payload names a cause (a write's promise, its tracking not done yet, or a failed
 * tracking's retry: membershipDueJob in tracking.ts).
 */
const unrecordedChanges = (now: Date, keys?: string[]) => pendingJobKeys(MEMBERSHIP_DUE, now, 'cause', keys);

/** Where each segment's members are read from now, in one statement for them all. */
export async function membershipSources(segmentIds: readonly string[], registry: PluginRegistry, clock: Clock): Promise<Map<string, MembershipSource>> {
  const rows = await query<{ id: string; rule: unknown; recorded: boolean }>(sql`
    SELECT s.id, s.rule, COALESCE(s.kind = 'DYNAMIC' AND s."recordedRule" = s.rule AND NOT EXISTS (${unrecordedChanges(clock.now())}), false) AS recorded
    FROM "Segment" AS s WHERE s.id = ANY(${[...segmentIds]}::text[])`);
  return new Map(rows.map((row) => [row.id, row.recorded && followsTracking(readStoredRule(row.rule, registry), registry) ? 'RECORDED' : 'EVALUATED']));
}

/** The dynamic segments recorded under their current, readable rule: for them, a customer with no unrecorded change is a member if and only if recorded so. */
export async function segmentsRecordedUnderTheirRule(registry: PluginRegistry): Promise<Set<string>> {
  const rows = await query<{ id: string; rule: unknown }>(
    sql`SELECT id, rule FROM "Segment" WHERE kind = 'DYNAMIC' AND "recordedRule" IS NOT NULL AND "recordedRule" = rule`,
  );
  return new Set(rows.filter((row) => followsTracking(readStoredRule(row.rule, registry), registry)).map((row) => row.id));
}

/**
 * Per customer, the segments they are recorded in; null for a customer with a change not
 * recorded yet (evaluate them instead). Two statements for all the customers.
 */
export async function recordedSegmentsOf(customerIds: readonly string[], clock: Clock): Promise<(Set<string> | null)[]> {
  const ids = [...customerIds];
  const [pending, rows] = await Promise.all([
    query<{ key: string }>(unrecordedChanges(clock.now(), ids.map(membershipDueKey))),
    query<{ customerId: string; segmentId: string }>(sql`SELECT "customerId", "segmentId" FROM "SegmentMember" WHERE "customerId" = ANY(${ids}::text[])`),
  ]);
  const unrecorded = new Set(pending.map((row) => row.key));
  const segments = new Map(ids.map((id) => [id, new Set<string>()]));
  for (const row of rows) segments.get(row.customerId)?.add(row.segmentId);
  return ids.map((id) => (unrecorded.has(membershipDueKey(id)) ? null : (segments.get(id) as Set<string>)));
}
