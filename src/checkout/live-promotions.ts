// The live promotions: those that can apply now, with the segments they target, as the
// storefront is offered them; read in one query and kept briefly in memory.
import { sql, type EffectMessage, type FactDefinition, type GivenEffect } from '@cohort/plugin-sdk';
import { prisma, query } from '../db/client.js';
import type { Promotion } from '../generated/prisma/client.js';
import { readStoredEffects } from '../rules/effects.js';
import type { Schedule } from '../rules/schedule.js';
import type { SegmentRule } from '../segments/membership.js';
import type { PluginRegistry } from '../registry/registry.js';
import type { ChangeBus } from '../shared/change-bus.js';
import { asSegmentRule, CompiledSegments } from '../segments/membership.js';
import { CompiledRules, factsOf, isUnreadable, readStoredRule, subtotalThresholdsOf, type RuleNode } from '../rules/rule-tree.js';
import { logger } from '../shared/logger.js';
import type { Clock } from '../shared/clock.js';
import { needsCounting } from '../rules/usage-limits.js';
import { runningExperiment, type RunningExperiment } from '../experiments/experiments.js';

export interface LivePromotion {
  id: string;
  record: Promotion;
  currency: string;
  effects: GivenEffect[];
  cartRule: RuleNode | null;
  schedule: Schedule | null;
  includeSegmentIds: string[];
  excludeSegmentIds: string[];
  /** Derived once per set for the hot path: the subtotals from which its effects give more (tiers), ascending. */
  tierThresholds: number[];
  /** The subtotals from which conditions of its cart rule hold (their `subtotalThresholds`), ascending: what "nearly eligible" tries. */
  subtotalThresholds: { amount: number; currency: string }[];
  /** The messages its effects show (while it applies, or as nudges while it is within reach). */
  messages: EffectMessage[];
  /** Its include and exclude segments as indexes into the set's `compiledSegments`. */
  include: number[];
  exclude: number[];
  /** Its cart rule's index in the set's `cartRules`, or -1. */
  cartRuleIndex: number;
  /** Whether its limits need redemptions counted (per customer or per period). */
  countsUsage: boolean;
  /** Its experiment while it runs (a share of its customers held out), else null. */
  experiment: RunningExperiment | null;
}

export interface LivePromotionSet {
  /** In the order of application: priority (highest first), then age, then id. */
  promotions: LivePromotion[];
  segments: Map<string, SegmentRule>;
  /** The facts the segments and cart rules read besides their conditions' measures: loaded with the shopper in one statement. */
  facts: FactDefinition[];
  /** Every fact they read, measured conditions' included (explanations evaluate them all from facts). */
  allFacts: FactDefinition[];
  /** The segments, prepared to be evaluated per shopper. */
  compiledSegments: CompiledSegments;
  /** The promotions' cart rules, prepared to be evaluated per shopper and cart. */
  cartRules: CompiledRules;
  /** Positions in `promotions` of the promotions that include each segment (by segment index)… */
  promotionsBySegment: number[][];
  /** …and of those that target no segment: together, the only ones a shopper can get without a code. */
  untargeted: number[];
  /** Positions in `promotions` of those whose limits need redemptions counted. */
  counted: number[];
  /** The ids of the running experiments of its promotions: a known shopper's stored arms in them are read with the shopper. */
  experimentIds: string[];
  /** Every active promotion by id, and the ids of those whose usage limit or budget reads their counters. */
  byId: Map<string, LivePromotion>;
  limitedIds: string[];
}

/**
 * The live set is read whole when it has changed: database triggers move
 * `CatalogueVersion` (the table keeps its name) on every write to promotions, their segments and segment rules and their experiments, by this
 * process or any other writer, and each process checks it at most every
 * COHORT_CATALOGUE_TTL_MS (default 2 s), and at once after a change made through its own API.
 * The same check refreshes the redemption counters of promotions with a usage limit or a
 * budget (redemptions do not move the version). Dates are checked per request, so a
 * promotion starts and ends on time whatever the cache; redeem() checks limits under lock,
 * so they hold exactly.
 */
interface Cached {
  set: Promise<LivePromotionSet>;
  /** The version it was read at (read before the promotions, so a change during the read is seen next time). */
  version: Promise<number>;
  checkedAt: number;
  check: Promise<void> | null;
}

const readVersion = async () => Number((await query<{ version: number }>(sql`SELECT "version" FROM "CatalogueVersion" WHERE "id" = 1`))[0]?.version ?? 0);

/** How often the live promotions were read whole and checked for changes, by every server of the process (tests and metrics). */
export const livePromotionsActivity = { reads: 0, checks: 0 };

/** A server's live promotions: read with its plugins, kept between checks, forgotten when they change. */
export class LivePromotions {
  private cached: Cached | null = null;
  /** The set filtered to what is live at a time, valid until the next start or end date. */
  private live: { of: LivePromotionSet; set: LivePromotionSet; from: number; until: number } | null = null;
  private readonly stopListening: () => void;

  constructor(
    readonly registry: PluginRegistry,
    /** How long the set is kept between checks, judged by `clock` (the server's: tests move it instead of waiting). */
    private ttlMs: number,
    private readonly clock: Clock,
    /** Whose "livePromotions" changes make it read the promotions afresh. */
    changes: ChangeBus,
  ) {
    this.stopListening = changes.on('livePromotions', () => this.forget());
  }

  /** Sets how long the set is kept between checks (tests); drops the current one. */
  setTtl(ms: number): void {
    this.ttlMs = ms;
    this.cached = null;
  }

  forget(): void {
    this.cached = null;
  }

  /** Stops listening for changes (the server is closing). */
  close(): void {
    this.stopListening();
  }

  async load(now: Date): Promise<LivePromotionSet> {
    if (!this.cached) this.cached = this.readWhole();
    else if (this.expired(this.cached)) {
      const current = this.cached;
      current.check ??= this.checkForChanges(current).finally(() => (current.check = null));
      await current.check.catch((error: unknown) => {
        if (this.cached === current) this.cached = null;
        throw error;
      });
    }
    // The set may have been forgotten meanwhile (a write here, or heard of from another instance).
    const current = this.cached ?? (this.cached = this.readWhole());
    const set = await current.set.catch((error: unknown) => {
      if (this.cached === current) this.cached = null;
      throw error;
    });
    const time = now.getTime();
    const live = this.live;
    if (live?.of === set && time >= live.from && time < live.until) return live.set;
    let from = Number.NEGATIVE_INFINITY;
    let until = Number.POSITIVE_INFINITY;
    const promotions = set.promotions.filter(({ record }) => {
      const starts = record.startsAt?.getTime() ?? Number.NEGATIVE_INFINITY;
      const ends = record.endsAt?.getTime() ?? Number.POSITIVE_INFINITY;
      for (const edge of [starts, ends]) {
        if (edge <= time) from = Math.max(from, edge);
        else until = Math.min(until, edge);
      }
      return starts <= time && ends > time;
    });
    this.live = { of: set, set: promotions.length === set.promotions.length ? set : { ...set, ...indexed(promotions, set.compiledSegments) }, from, until };
    return this.live.set;
  }

  /** Past the TTL, or the clock moved back before the last check (a clock set back must not freeze the set). */
  private expired(cached: Cached): boolean {
    const elapsed = this.clock.now().getTime() - cached.checkedAt;
    return elapsed >= this.ttlMs || elapsed < 0;
  }

  private readWhole(): Cached {
    livePromotionsActivity.reads += 1;
    const version = readVersion();
    return { version, set: version.then(() => readLivePromotions(this.registry)), checkedAt: this.clock.now().getTime(), check: null };
  }

  /** Past the TTL: one check (shared by the requests meanwhile) of the version, with the counters of limited promotions. */
  private async checkForChanges(current: Cached): Promise<void> {
    livePromotionsActivity.checks += 1;
    const set = await current.set;
    const rows = await query<{ version: number; id: string | null; redemptionCount: number | null; discountGiven: number | null }>(
      sql`SELECT v."version", p.id, p."redemptionCount", p."discountGiven" FROM "CatalogueVersion" v LEFT JOIN "Promotion" p ON p.id = ANY(${set.limitedIds}::text[]) WHERE v."id" = 1`,
    );
    if (this.cached !== current) return;
    if ((rows[0]?.version ?? -1) !== (await current.version)) {
      this.cached = this.readWhole();
      return;
    }
    for (const row of rows) {
      const promotion = row.id === null ? undefined : set.byId.get(row.id);
      if (promotion) Object.assign(promotion.record, { redemptionCount: row.redemptionCount, discountGiven: row.discountGiven });
    }
    current.checkedAt = this.clock.now().getTime();
  }
}

/** The promotions with the lookups that depend on which of them are in the list. */
function indexed(promotions: LivePromotion[], segments: CompiledSegments) {
  const promotionsBySegment = segments.ids.map((): number[] => []);
  const untargeted: number[] = [];
  promotions.forEach((promotion, position) => {
    if (promotion.include.length === 0) untargeted.push(position);
    for (const segment of promotion.include) promotionsBySegment[segment]?.push(position);
  });
  const counted: number[] = [];
  promotions.forEach((promotion, position) => promotion.countsUsage && counted.push(position));
  const experimentIds = promotions.flatMap((promotion) => (promotion.experiment ? [promotion.experiment.id] : []));
  return { promotions, promotionsBySegment, untargeted, counted, experimentIds };
}

/** Promotions already reported as not offered (by id and version), so the log says it once, not on every refresh. */
const reportedUnreadable = new Set<string>();

/** A promotion's effects read back, with what the hot path needs of them; unreadable when their plugins cannot read or describe them (a plugin's bug included). */
function readEffects(
  stored: unknown,
  registry: PluginRegistry,
): { effects: GivenEffect[]; tierThresholds: number[]; messages: EffectMessage[] } | { unreadable: string } {
  try {
    const read = readStoredEffects(stored, registry);
    if ('unreadable' in read) return read;
    const { effects } = read;
    return {
      effects,
      tierThresholds: effects.flatMap((effect) => effect.definition.subtotalThresholds?.(effect.params) ?? []).sort((a, b) => a - b),
      messages: effects.flatMap((effect) => effect.definition.messages?.(effect.params) ?? []),
    };
  } catch (error) {
    return { unreadable: `an effect's plugin failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

async function readLivePromotions(registry: PluginRegistry): Promise<LivePromotionSet> {
  const rows = await prisma.promotion.findMany({
    where: { status: 'ACTIVE' },
    include: { segments: { include: { segment: { select: { id: true, kind: true, rule: true } } } }, experiment: true },
    orderBy: [{ priority: 'desc' }, { createdAt: 'asc' }, { id: 'asc' }],
  });
  const segments = new Map<string, SegmentRule>();
  for (const row of rows) for (const link of row.segments) segments.set(link.segment.id, asSegmentRule(link.segment, registry));
  // A promotion whose cart rule, segments or effects no longer read (a plugin was removed) is
  // not offered: who it is for, or what it gives, cannot be told.
  const cartRules = new Map(rows.map((row) => [row.id, row.cartRule === null ? null : readStoredRule(row.cartRule, registry)]));
  const effectsOf = new Map(rows.map((row) => [row.id, readEffects(row.effects, registry)]));
  const usable = rows.filter((row) => {
    const unreadableRule = [cartRules.get(row.id) ?? null, ...row.segments.map((link) => (segments.get(link.segment.id) as SegmentRule).rule)].find(
      isUnreadable,
    );
    const effects = effectsOf.get(row.id) as ReturnType<typeof readEffects>;
    const unreadable = unreadableRule
      ? `a rule it depends on cannot be read: ${unreadableRule.unreadable}`
      : 'unreadable' in effects
        ? `its effects cannot be read: ${effects.unreadable}`
        : null;
    if (unreadable && !reportedUnreadable.has(`${row.id}@${row.updatedAt.getTime()}`)) {
      reportedUnreadable.add(`${row.id}@${row.updatedAt.getTime()}`);
      logger.error(`Promotion "${row.name}" (${row.id}) is not offered: ${unreadable}`);
    }
    return !unreadable;
  });
  const compiledSegments = new CompiledSegments(segments.values(), registry);
  const cartRuleTrees: RuleNode[] = [];
  const promotions = usable.map((row): LivePromotion => {
    const { segments: links, experiment, ...record } = row;
    const { effects, tierThresholds, messages } = effectsOf.get(row.id) as Exclude<ReturnType<typeof readEffects>, { unreadable: string }>;
    const cartRule = cartRules.get(row.id) ?? null;
    const includeSegmentIds = links.filter((link) => link.targeting === 'INCLUDE').map((link) => link.segmentId);
    const excludeSegmentIds = links.filter((link) => link.targeting === 'EXCLUDE').map((link) => link.segmentId);
    return {
      subtotalThresholds: cartRule ? subtotalThresholdsOf(cartRule, registry).sort((a, b) => a.amount - b.amount) : [],
      tierThresholds,
      messages,
      id: row.id,
      record,
      currency: row.currency,
      effects,
      cartRule,
      schedule: (row.schedule as Schedule | null) ?? null,
      includeSegmentIds,
      excludeSegmentIds,
      include: includeSegmentIds.map((id) => compiledSegments.indexOf.get(id) as number),
      exclude: excludeSegmentIds.map((id) => compiledSegments.indexOf.get(id) as number),
      cartRuleIndex: cartRule ? cartRuleTrees.push(cartRule) - 1 : -1,
      countsUsage: needsCounting(record),
      experiment: experiment ? runningExperiment(experiment) : null,
    };
  });
  const allFacts = new Map(compiledSegments.facts.map((fact) => [fact.name, fact]));
  const facts = new Map(compiledSegments.unmeasuredFacts.map((fact) => [fact.name, fact]));
  for (const rule of cartRuleTrees) {
    factsOf(rule, registry, allFacts);
    factsOf(rule, registry, facts, true);
  }
  return {
    segments,
    facts: [...facts.values()],
    allFacts: [...allFacts.values()],
    compiledSegments,
    cartRules: new CompiledRules(cartRuleTrees, registry),
    byId: new Map(promotions.map((promotion) => [promotion.id, promotion])),
    limitedIds: promotions.filter(({ record }) => record.usageLimit !== null || record.budget !== null).map((promotion) => promotion.id),
    ...indexed(promotions, compiledSegments),
  };
}
