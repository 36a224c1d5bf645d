// Who is in a segment. One customer: evaluate rule trees in memory on facts loaded in a
// fixed number of queries. The whole base: one SQL query from the compiled rule tree.
// Static segments are a stored snapshot, the same both ways.
import { defineSqlFact, join, raw, sql, type CartSnapshot, type EvaluationContext, type FactDefinition, type Sql } from '@cohort/plugin-sdk';
import { query } from '../db/client.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { SegmentKind } from '../generated/prisma/enums.js';
import { createFactLoader, type LoadFact } from '../facts/loaders.js';
import { getShopContext } from '../settings/shop-context.js';
import type { Clock } from '../shared/clock.js';
import type { PluginRegistry } from '../registry/registry.js';
import { CompiledRules, factsOf, readStoredRule, ruleTreeToSql, type RuleNode } from '../rules/rule-tree.js';

export interface SegmentRule {
  id: string;
  kind: SegmentKind;
  rule: RuleNode;
}

/** A segment row as membership needs it, its stored rule read back (readStoredRule). */
export const asSegmentRule = (segment: { id: string; kind: SegmentKind; rule: unknown }, registry: PluginRegistry): SegmentRule => ({
  id: segment.id,
  kind: segment.kind,
  rule: readStoredRule(segment.rule, registry),
});

const customerAlias = raw('"_customer"');

/** A SQL predicate over "_customer", a row of the data contract's cohort_v1.customers, selecting the segment's members. */
export async function memberPredicate(segment: SegmentRule, registry: PluginRegistry, clock: Clock): Promise<Sql> {
  if (segment.kind === 'STATIC') {
    return sql`EXISTS (SELECT 1 FROM "StaticSegmentMember" m WHERE m."segmentId" = ${segment.id} AND m."customerId" = "_customer".id)`;
  }
  return ruleTreeToSql(segment.rule, registry, { customer: customerAlias, now: clock.now(), shop: await getShopContext(clock.now()) });
}

/**
 * Where a segment's members are read: RECORDED, its recorded members (SegmentMember, by its
 * primary key), when they are exact now (recorded.ts decides); EVALUATED, its rule over the whole base.
 */
export type MembershipSource = 'RECORDED' | 'EVALUATED';

export async function countMembers(segment: SegmentRule, registry: PluginRegistry, clock: Clock, source: MembershipSource = 'EVALUATED'): Promise<number> {
  const [row] = await query<{ count: number }>(
    source === 'RECORDED'
      ? sql`SELECT count(*) AS count FROM "SegmentMember" WHERE "segmentId" = ${segment.id}`
      : sql`SELECT count(*) AS count FROM cohort_v1.customers AS "_customer" WHERE ${await memberPredicate(segment, registry, clock)}`,
  );
  return Number(row?.count ?? 0);
}

/** A page of member ids in id order, after or before a cursor (keyset pagination); both sources give the same order. */
export async function memberIds(
  segment: SegmentRule,
  registry: PluginRegistry,
  clock: Clock,
  page: { after?: string | null; before?: string | null; limit: number; inverted: boolean },
  source: MembershipSource = 'EVALUATED',
): Promise<string[]> {
  const id = raw(source === 'RECORDED' ? 'm."customerId"' : '"_customer".id');
  const bounds = [page.after ? sql`${id} > ${page.after}` : null, page.before ? sql`${id} < ${page.before}` : null].filter(
    (bound): bound is Sql => bound !== null,
  );
  const where = join([source === 'RECORDED' ? sql`m."segmentId" = ${segment.id}` : await memberPredicate(segment, registry, clock), ...bounds], ' AND ');
  const from = raw(source === 'RECORDED' ? '"SegmentMember" AS m' : 'cohort_v1.customers AS "_customer"');
  const rows = await query<{ id: string }>(
    sql`SELECT ${id} AS id FROM ${from} WHERE ${where} ORDER BY ${id} ${raw(page.inverted ? 'DESC' : 'ASC')} LIMIT ${page.limit}`,
  );
  return rows.map((row) => row.id);
}

export interface MembershipChange {
  entering: number;
  leaving: number;
  staying: number;
  enteringSample: string[];
  leavingSample: string[];
}

/**
 * Who would enter and who would leave if `current` became `next`, over the whole base in one
 * statement (both rules evaluated once per customer): the counts, and up to `sample` ids each
 * way, in id order.
 */
export async function membershipChange(
  current: SegmentRule,
  next: SegmentRule,
  registry: PluginRegistry,
  clock: Clock,
  sample: number,
): Promise<MembershipChange> {
  const [was, will] = await Promise.all([memberPredicate(current, registry, clock), memberPredicate(next, registry, clock)]);
  const [row] = await query<{ entering: string; leaving: string; staying: string; sample: { id: string; will: boolean }[] }>(sql`
    WITH f AS MATERIALIZED (SELECT "_customer".id, COALESCE(${was}, false) AS was, COALESCE(${will}, false) AS will FROM cohort_v1.customers AS "_customer"),
    changed AS (SELECT f.id, f.will, row_number() OVER (PARTITION BY f.will ORDER BY f.id) AS position FROM f WHERE f.was <> f.will)
    SELECT c.entering, c.leaving, c.staying, COALESCE(s.sample, '[]'::json) AS sample
    FROM (SELECT count(*) FILTER (WHERE f.will AND NOT f.was)::text AS entering, count(*) FILTER (WHERE f.was AND NOT f.will)::text AS leaving,
                 count(*) FILTER (WHERE f.was AND f.will)::text AS staying FROM f) AS c
    CROSS JOIN (SELECT json_agg(json_build_object('id', changed.id, 'will', changed.will) ORDER BY changed.id) AS sample FROM changed WHERE changed.position <= ${sample}::int) AS s`);
  const samples = row?.sample ?? [];
  return {
    entering: Number(row?.entering ?? 0),
    leaving: Number(row?.leaving ?? 0),
    staying: Number(row?.staying ?? 0),
    enteringSample: samples.filter((entry) => entry.will).map((entry) => entry.id),
    leavingSample: samples.filter((entry) => !entry.will).map((entry) => entry.id),
  };
}

/** The static segments a customer is listed in: membership of static segments, as a fact. */
export const staticSegmentsFact = defineSqlFact({
  name: 'staticSegments',
  empty: new Set<string>() as ReadonlySet<string>,
  json: (customer) => sql`(SELECT COALESCE(json_agg(m."segmentId"), '[]') FROM "StaticSegmentMember" m WHERE m."customerId" = ${customer})`,
  parse: (json) => new Set(json as string[]) as ReadonlySet<string>,
});

/**
 * Evaluates segments for one customer (or an anonymous shopper) and returns the ids of those
 * they are in. Facts come through `loadFact`: pass the request's loader so that many
 * customers in one request share one query per fact (and compile the segments once for them).
 */
export async function segmentsOf(
  customerId: string | null,
  segments: CompiledSegments,
  clock: Clock,
  cart: CartSnapshot | null,
  loadFact: LoadFact = createFactLoader(clock),
): Promise<Set<string>> {
  const [shop, ...values] = await Promise.all([
    getShopContext(clock.now()),
    ...segments.facts.map((fact) => (customerId === null ? fact.empty : loadFact(fact, customerId))),
  ]);
  const facts = Object.fromEntries(segments.facts.map((fact, index) => [fact.name, values[index]]));
  const members = segments.membersOf(facts, { now: clock.now(), shop, cart });
  const ids = new Set<string>();
  members.forEach((member, index) => member === 1 && ids.add(segments.ids[index] as string));
  return ids;
}

/** Every fact these segments read (static segments read their member lists), each once; see factsOf for `exceptMeasured`. */
function segmentFacts(segments: Iterable<SegmentRule>, registry: PluginRegistry, exceptMeasured: boolean): Map<string, FactDefinition> {
  const into = new Map<string, FactDefinition>();
  for (const segment of segments) {
    if (segment.kind === 'DYNAMIC') factsOf(segment.rule, registry, into, exceptMeasured);
    else into.set(staticSegmentsFact.name, staticSegmentsFact);
  }
  return into;
}

/**
 * Segments prepared once to be evaluated for many shoppers (the storefront keeps the live
 * promotions' segments this way): see CompiledRules. Segments are numbered in the order given.
 */
export class CompiledSegments {
  readonly ids: string[] = [];
  readonly indexOf = new Map<string, number>();
  /** Every fact the segments read (static segments read their member lists), each once. */
  readonly facts: FactDefinition[];
  /** The facts of their conditions that have no measure: what the storefront reads besides measures. */
  readonly unmeasuredFacts: FactDefinition[];
  /** Per segment: its tree's index in `rules`, or -1 for a static segment. */
  private readonly trees: number[] = [];
  readonly rules: CompiledRules;

  constructor(segments: Iterable<SegmentRule>, registry: PluginRegistry) {
    const list = [...segments];
    const trees: RuleNode[] = [];
    for (const segment of list) {
      this.indexOf.set(segment.id, this.ids.push(segment.id) - 1);
      this.trees.push(segment.kind === 'STATIC' ? -1 : trees.push(segment.rule) - 1);
    }
    this.rules = new CompiledRules(trees, registry);
    this.facts = [...segmentFacts(list, registry, false).values()];
    this.unmeasuredFacts = [...segmentFacts(list, registry, true).values()];
  }

  /** The earliest instant after now at which time alone may change one of these segments for this customer, or null. */
  nextChangeAt(facts: Record<string, unknown>, context: EvaluationContext): Date | null {
    return this.rules.nextChangeAt(facts, context);
  }

  /** For one shopper: 1 at each segment's index they are in, 0 elsewhere; `known`: see CompiledRules.run. */
  membersOf(facts: Record<string, unknown>, context: EvaluationContext, known?: Uint8Array): Uint8Array {
    const staticIds = (facts[staticSegmentsFact.name] ?? staticSegmentsFact.empty) as ReadonlySet<string>;
    const run = this.rules.run(facts, context, known);
    const members = new Uint8Array(this.ids.length);
    for (let index = 0; index < members.length; index += 1) {
      const tree = this.trees[index] as number;
      if (tree === -1 ? staticIds.has(this.ids[index] as string) : run.holds(tree)) members[index] = 1;
    }
    return members;
  }
}

/**
 * Prepares the replacement of a static segment's list by the current members of a rule tree:
 * everything it reads is read now, so that the returned step only writes, inside the caller's
 * transaction (which must not wait on other connections while it holds locks).
 */
export async function snapshotStep(
  rule: RuleNode,
  registry: PluginRegistry,
  clock: Clock,
): Promise<(tx: Prisma.TransactionClient, segmentId: string) => Promise<number>> {
  const predicate = await memberPredicate({ id: '', kind: 'DYNAMIC', rule }, registry, clock);
  const now = clock.now();
  return async (tx, segmentId) => {
    await tx.staticSegmentMember.deleteMany({ where: { segmentId } });
    const insert = sql`INSERT INTO "StaticSegmentMember" ("segmentId", "customerId", "addedAt") SELECT ${segmentId}, "_customer".id, ${now} FROM cohort_v1.customers AS "_customer" WHERE ${predicate}`;
    return tx.$executeRawUnsafe(insert.text, ...insert.values);
  };
}
