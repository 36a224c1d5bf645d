// Promotion logic: writing promotions with their segments and effects, all-or-nothing.
import { prisma } from '../db/client.js';
import { changeBus } from '../shared/change-bus.js';
import { Prisma, type Promotion } from '../generated/prisma/client.js';
import type { PromotionStatus } from '../generated/prisma/enums.js';
import { InvalidInputError, NotFoundError } from '../shared/errors.js';
import { badUserInput, type InputIssue } from '../schema/bad-input.js';
import { cartCurrenciesOf, readStoredRule, storedRule, subtotalThresholdsOf, type RuleNode } from '../rules/rule-tree.js';
import type { PluginRegistry } from '../registry/registry.js';
import type { StoredEffect } from '@cohort/plugin-sdk';
import { readableEffects } from './effects.js';
import type { PeriodicLimit } from '../rules/usage-limits.js';
import type { Schedule } from '../rules/schedule.js';

export interface PromotionFields {
  name: string;
  description?: string | null;
  status?: PromotionStatus | null;
  priority?: number | null;
  currency: string;
  startsAt?: Date | null;
  endsAt?: Date | null;
  includeSegmentIds?: string[] | null;
  excludeSegmentIds?: string[] | null;
  /** Parsed by their effects' schemas (effectsFromInput). */
  effects: StoredEffect[];
  /** A validated rule tree over the cart (and anything else), or null for none. */
  cartRule?: RuleNode | null;
  schedule?: Schedule | null;
  exclusive?: boolean | null;
  maxDiscountPerOrder?: number | null;
  percentOfDiscounted?: boolean | null;
  usageLimit?: number | null;
  usageLimitPerCustomer?: number | null;
  periodicLimits?: PeriodicLimit[] | null;
  budget?: number | null;
  requiresVoucher?: boolean | null;
  combinesWithVouchers?: boolean | null;
}

async function segmentLinks(fields: Pick<PromotionFields, 'includeSegmentIds' | 'excludeSegmentIds'>) {
  const include = [...new Set(fields.includeSegmentIds ?? [])];
  const exclude = [...new Set(fields.excludeSegmentIds ?? [])];
  const both = include.find((id) => exclude.includes(id));
  if (both) throw new InvalidInputError('A segment cannot be both included and excluded', ['input', 'excludeSegments']);
  const found = await prisma.segment.findMany({ where: { id: { in: [...include, ...exclude] } }, select: { id: true } });
  const known = new Set(found.map((segment) => segment.id));
  for (const [ids, field] of [
    [include, 'includeSegments'],
    [exclude, 'excludeSegments'],
  ] as const) {
    const index = ids.findIndex((id) => !known.has(id));
    if (index >= 0) throw new NotFoundError('Segment', ids[index] as string, ['input', field, String(index)]);
  }
  return [
    ...include.map((segmentId) => ({ segmentId, targeting: 'INCLUDE' as const })),
    ...exclude.map((segmentId) => ({ segmentId, targeting: 'EXCLUDE' as const })),
  ];
}

/**
 * Refuses a configuration that could never work as its admin means it, naming the field: a
 * cart rule on carts in another currency than the promotion's (it prices carts in its own
 * only), or a `{missing}` nudge on a promotion that nothing brings within reach (no subtotal
 * threshold in its cart rule, no tiers), which would never show. `given` says which fields the
 * input carried, so that a conflict is reported against the field the admin changed.
 */
function checkConsistency(
  registry: PluginRegistry,
  config: { currency: string; cartRule: RuleNode | null; effects: StoredEffect[] },
  given: { currency: boolean; cartRule: boolean; effects: boolean },
): void {
  const issues: InputIssue[] = [];
  for (const { currency, type, path } of config.cartRule ? cartCurrenciesOf(config.cartRule, registry) : []) {
    if (currency === config.currency) continue;
    issues.push({
      path: given.cartRule || !given.currency ? ['input', 'cartRule', ...path].join('.') : 'input.currency',
      message: `the cart rule's ${type} is in ${currency} but the promotion is in ${config.currency}: carts in ${config.currency} never meet it`,
    });
  }
  const effects = config.effects.map((effect) => ({ effect, definition: registry.effect(effect.type) }));
  const reachable =
    effects.some(({ effect, definition }) => (definition?.subtotalThresholds?.(effect.params) ?? []).length > 0) ||
    (config.cartRule !== null && subtotalThresholdsOf(config.cartRule, registry).some((threshold) => threshold.currency === config.currency));
  effects.forEach(({ effect, definition }, index) => {
    if (reachable || !(definition?.messages?.(effect.params) ?? []).some((message) => message.text.includes('{missing}'))) return;
    // The parameter holding the nudge, to name it.
    const field = Object.entries(effect.params as Record<string, unknown>).find(([, value]) => typeof value === 'string' && value.includes('{missing}'))?.[0];
    issues.push({
      path: given.effects ? ['input', 'effects', String(index), effect.type, ...(field ? [field] : [])].join('.') : 'input.cartRule',
      message: 'uses {missing}, but no higher subtotal brings this promotion within reach (no cart subtotal condition, no tiers): the message would never show',
    });
  });
  if (issues.length > 0) throw badUserInput(issues);
}

function checkWindow(startsAt: Date | null | undefined, endsAt: Date | null | undefined) {
  if (startsAt && endsAt && endsAt <= startsAt) throw new InvalidInputError('endsAt must be after startsAt', ['input', 'endsAt']);
}

export async function createPromotion(registry: PluginRegistry, fields: PromotionFields): Promise<Promotion> {
  checkWindow(fields.startsAt, fields.endsAt);
  checkConsistency(
    registry,
    { currency: fields.currency, cartRule: fields.cartRule ?? null, effects: fields.effects },
    { currency: true, cartRule: true, effects: true },
  );
  const links = await segmentLinks(fields);
  return prisma.promotion
    .create({
      data: {
        name: fields.name,
        description: fields.description ?? null,
        status: fields.status ?? 'DRAFT',
        priority: fields.priority ?? 0,
        currency: fields.currency,
        startsAt: fields.startsAt ?? null,
        endsAt: fields.endsAt ?? null,
        effects: fields.effects as unknown as Prisma.InputJsonValue,
        cartRule: fields.cartRule ? (storedRule(fields.cartRule, registry) as Prisma.InputJsonValue) : Prisma.DbNull,
        schedule: (fields.schedule ?? Prisma.DbNull) as Prisma.InputJsonValue,
        exclusive: fields.exclusive ?? false,
        maxDiscountPerOrder: fields.maxDiscountPerOrder ?? null,
        percentOfDiscounted: fields.percentOfDiscounted ?? true,
        usageLimit: fields.usageLimit ?? null,
        usageLimitPerCustomer: fields.usageLimitPerCustomer ?? null,
        periodicLimits: (fields.periodicLimits ?? []) as Prisma.InputJsonValue,
        budget: fields.budget ?? null,
        requiresVoucher: fields.requiresVoucher ?? false,
        combinesWithVouchers: fields.combinesWithVouchers ?? true,
        segments: { create: links },
      },
    })
    .finally(() => changeBus().announce('livePromotions', null));
}

/** Changes the given fields of a promotion (`now`: when, for what its archiving stops). */
export async function updatePromotion(
  registry: PluginRegistry,
  id: string,
  now: Date,
  fields: { [K in keyof PromotionFields]?: PromotionFields[K] | null },
): Promise<Promotion> {
  const existing = await prisma.promotion.findUnique({ where: { id }, include: { segments: true } });
  if (!existing) throw new NotFoundError('Promotion', id, ['input', 'id']);
  const linked = (targeting: 'INCLUDE' | 'EXCLUDE') => existing.segments.filter((link) => link.targeting === targeting).map((link) => link.segmentId);
  checkWindow(fields.startsAt === undefined ? existing.startsAt : fields.startsAt, fields.endsAt === undefined ? existing.endsAt : fields.endsAt);
  checkConsistency(
    registry,
    {
      currency: fields.currency ?? existing.currency,
      cartRule: fields.cartRule !== undefined ? (fields.cartRule ?? null) : existing.cartRule === null ? null : readStoredRule(existing.cartRule, registry),
      effects: fields.effects ?? readableEffects(existing.effects, registry),
    },
    { currency: fields.currency != null, cartRule: fields.cartRule !== undefined, effects: fields.effects != null },
  );
  const relinkSegments = fields.includeSegmentIds != null || fields.excludeSegmentIds != null;
  // A list left out of the input keeps its current segments.
  const links = relinkSegments
    ? await segmentLinks({ includeSegmentIds: fields.includeSegmentIds ?? linked('INCLUDE'), excludeSegmentIds: fields.excludeSegmentIds ?? linked('EXCLUDE') })
    : [];
  return prisma
    .$transaction(async (tx) => {
      if (relinkSegments) await tx.promotionSegment.deleteMany({ where: { promotionId: id } });
      // A retired promotion's experiment ends with it: its results stop where the promotion did, and the periodic check leaves it.
      if (fields.status === 'ARCHIVED')
        await tx.experiment.updateMany({ where: { promotionId: id, startedAt: { not: null }, stoppedAt: null }, data: { stoppedAt: now } });
      return tx.promotion.update({
        where: { id },
        data: {
          ...(fields.name ? { name: fields.name } : {}),
          ...(fields.description !== undefined ? { description: fields.description } : {}),
          ...(fields.status ? { status: fields.status } : {}),
          ...(fields.priority != null ? { priority: fields.priority } : {}),
          ...(fields.currency ? { currency: fields.currency } : {}),
          ...(fields.startsAt !== undefined ? { startsAt: fields.startsAt } : {}),
          ...(fields.endsAt !== undefined ? { endsAt: fields.endsAt } : {}),
          ...(fields.effects ? { effects: fields.effects as unknown as Prisma.InputJsonValue } : {}),
          ...(fields.cartRule !== undefined
            ? { cartRule: fields.cartRule ? (storedRule(fields.cartRule, registry) as Prisma.InputJsonValue) : Prisma.DbNull }
            : {}),
          ...(fields.schedule !== undefined ? { schedule: (fields.schedule ?? Prisma.DbNull) as Prisma.InputJsonValue } : {}),
          ...(fields.exclusive != null ? { exclusive: fields.exclusive } : {}),
          ...(fields.maxDiscountPerOrder !== undefined ? { maxDiscountPerOrder: fields.maxDiscountPerOrder } : {}),
          ...(fields.percentOfDiscounted != null ? { percentOfDiscounted: fields.percentOfDiscounted } : {}),
          ...(fields.usageLimit !== undefined ? { usageLimit: fields.usageLimit } : {}),
          ...(fields.usageLimitPerCustomer !== undefined ? { usageLimitPerCustomer: fields.usageLimitPerCustomer } : {}),
          ...(fields.periodicLimits !== undefined ? { periodicLimits: (fields.periodicLimits ?? []) as Prisma.InputJsonValue } : {}),
          ...(fields.budget !== undefined ? { budget: fields.budget } : {}),
          ...(fields.requiresVoucher != null ? { requiresVoucher: fields.requiresVoucher } : {}),
          ...(fields.combinesWithVouchers != null ? { combinesWithVouchers: fields.combinesWithVouchers } : {}),
          ...(relinkSegments ? { segments: { create: links } } : {}),
        },
      });
    })
    .finally(() => changeBus().announce('livePromotions', null));
}
