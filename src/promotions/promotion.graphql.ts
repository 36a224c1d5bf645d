// The Promotion type, its queries and its admin mutations. Storefronts may read a
// promotion's public face (name, description, effects); its targeting is admin only.
import type { GraphQLSchema } from 'graphql';
import { z } from 'zod';
import { prisma } from '../db/client.js';
import { PromotionStatus, SegmentTargeting } from '../generated/prisma/enums.js';
import { EnumRef, ObjectRef } from '@pothos/core';
import type { Promotion } from '../generated/prisma/client.js';
import { implement, type BuilderTypes, type InputFieldBuilder, type SchemaParts } from '../schema/builder.js';
import { withoutNulls } from '../schema/plugin-types.js';
import { nameOrDescriptionContains } from '../schema/search.js';
import type { RuleInputShape } from '../segments/rule-input.js';
import { ruleOf, textOfRule } from '../segments/rule-text.js';
import { describeRuleTree, readStoredRule } from '../rules/rule-tree.js';
import { InvalidInputError, NotFoundError } from '../shared/errors.js';
import { currencySchema } from '../shared/money.js';
import { describeEffect, effectsFromInput, readableEffects } from './effects.js';
import { effectValue } from './promotion-effect.graphql.js';
import { PromotionEffect, PromotionEffectInput } from './promotion-effect.graphql.js';
import { createPromotion, updatePromotion } from './promotions.js';
import type { Schedule } from '../rules/schedule.js';
import { limitsFromInput } from './periodic-limit.graphql.js';
import { periodicLimitsField, PeriodicLimitRef } from './periodic-limit.graphql.js';
import { ScheduleInput, ScheduleRef } from './promotion-schedule.graphql.js';
import type { PeriodicLimit } from '../rules/usage-limits.js';
import { MoneyRef } from '../schema/money.js';
import { SegmentNode } from '../segments/segment.graphql.js';
import { SegmentRuleInput } from '../segments/rule-input.graphql.js';

export const PromotionStatusEnum = new EnumRef<BuilderTypes, PromotionStatus>('PromotionStatus');
export const PromotionNode = new ObjectRef<BuilderTypes, Promotion>('Promotion');

/** The Promotion type, and the promotions that target a segment. */
export function registerPromotionType({ builder, registry }: SchemaParts) {
  implement(
    builder,
    PromotionStatusEnum,
    builder.enumType(PromotionStatus, {
      name: 'PromotionStatus',
      description: 'DRAFT: being prepared, never applied. ACTIVE: applied within its schedule. ARCHIVED: retired.',
    }),
  );

  implement(
    builder,
    PromotionNode,
    builder.prismaNode('Promotion', {
      nullable: true,
      description: 'An offer aimed at segments of customers.',
      id: { field: 'id' },
      authScopes: { storefront: true },
      fields: (t) => ({
        name: t.exposeString('name'),
        description: t.exposeString('description', { nullable: true }),
        effects: t.field({
          type: [PromotionEffect],
          resolve: (promotion) => readableEffects(promotion.effects, registry).map((effect) => effectValue(effect, promotion.currency) as never),
        }),
        effectDescriptions: t.stringList({
          description: 'Each effect in words, e.g. "10% off the order".',
          resolve: (promotion) => readableEffects(promotion.effects, registry).map((effect) => describeEffect(effect, promotion.currency)),
        }),
        status: t.expose('status', { type: PromotionStatusEnum, authScopes: { admin: true } }),
        priority: t.exposeInt('priority', { authScopes: { admin: true }, description: 'Higher applies first.' }),
        currency: t.exposeString('currency'),
        startsAt: t.expose('startsAt', { type: 'DateTime', nullable: true }),
        endsAt: t.expose('endsAt', { type: 'DateTime', nullable: true }),
        includeSegments: t.prismaField({
          type: ['Segment'],
          authScopes: { admin: true },
          select: { segments: { where: { targeting: SegmentTargeting.INCLUDE }, include: { segment: true } } },
          resolve: (_query, promotion) => promotion.segments.map((link) => link.segment),
        }),
        excludeSegments: t.prismaField({
          type: ['Segment'],
          authScopes: { admin: true },
          select: { segments: { where: { targeting: SegmentTargeting.EXCLUDE }, include: { segment: true } } },
          resolve: (_query, promotion) => promotion.segments.map((link) => link.segment),
        }),
        schedule: t.field({ type: ScheduleRef, nullable: true, resolve: (promotion) => (promotion.schedule as Schedule | null) ?? null }),
        exclusive: t.exposeBoolean('exclusive', { description: 'Applies alone: not with other promotions.' }),
        requiresVoucher: t.exposeBoolean('requiresVoucher', { description: 'Applies only with one of its voucher codes.' }),
        combinesWithVouchers: t.exposeBoolean('combinesWithVouchers', { description: "Applies alongside other promotions' voucher codes." }),
        maxDiscountPerOrder: t.field({
          type: MoneyRef,
          nullable: true,
          authScopes: { admin: true },
          resolve: (promotion) => (promotion.maxDiscountPerOrder == null ? null : { amount: promotion.maxDiscountPerOrder, currency: promotion.currency }),
        }),
        percentOfDiscounted: t.exposeBoolean('percentOfDiscounted', {
          authScopes: { admin: true },
          description: 'Percentages apply to what earlier promotions left (true) or to the original amounts.',
        }),
        usageLimit: t.exposeInt('usageLimit', { nullable: true, authScopes: { admin: true } }),
        usageLimitPerCustomer: t.exposeInt('usageLimitPerCustomer', { nullable: true, authScopes: { admin: true } }),
        periodicLimits: t.field({ type: [PeriodicLimitRef], authScopes: { admin: true }, resolve: (promotion) => promotion.periodicLimits as PeriodicLimit[] }),
        budget: t.field({
          type: MoneyRef,
          nullable: true,
          authScopes: { admin: true },
          resolve: (promotion) => (promotion.budget == null ? null : { amount: promotion.budget, currency: promotion.currency }),
        }),
        redemptionCount: t.exposeInt('redemptionCount', { authScopes: { admin: true } }),
        discountGiven: t.field({
          type: MoneyRef,
          authScopes: { admin: true },
          resolve: (promotion) => ({ amount: promotion.discountGiven, currency: promotion.currency }),
        }),
        cartRuleDescription: t.string({
          nullable: true,
          description: 'The cart conditions in words.',
          resolve: (promotion) => (promotion.cartRule ? describeRuleTree(readStoredRule(promotion.cartRule, registry), registry) : null),
        }),
        cartRuleQuery: t.string({
          nullable: true,
          authScopes: { admin: true },
          description: 'The cart conditions as text, in canonical form (docs/segment-queries.md); null without a cart rule, or when it cannot be read.',
          resolve: (promotion, _args, _context, info) =>
            promotion.cartRule ? textOfRule(readStoredRule(promotion.cartRule, registry), info.schema, registry) : null,
        }),
        createdAt: t.expose('createdAt', { type: 'DateTime', authScopes: { admin: true } }),
        // Editors load these and send them back: the typed `effects` cannot name a partner's effect inputs.
        cartRule: t.field({
          type: 'JSONObject',
          nullable: true,
          authScopes: { admin: true },
          description:
            'The cart rule as stored, as Segment.rule is: and / or / not / condition { type, params }, where { type, params } is the ConditionInput { <type>: <params> }.',
          resolve: (promotion) => (promotion.cartRule as Record<string, unknown> | null) ?? null,
        }),
        storedEffects: t.field({
          type: ['JSONObject'],
          authScopes: { admin: true },
          description:
            'Each effect as stored, { type, params }: the PromotionEffectInput { <type>: <params> } it was given, its defaults filled in. For editors.',
          resolve: (promotion) => (Array.isArray(promotion.effects) ? (promotion.effects as Record<string, unknown>[]) : []),
        }),
      }),
    }),
  );

  const SegmentPromotion = builder.simpleObject('SegmentPromotion', {
    description: 'A promotion that targets a segment.',
    fields: (t) => ({ promotion: t.field({ type: PromotionNode }), targeting: t.string({ description: 'INCLUDE or EXCLUDE.' }) }),
  });

  builder.prismaObjectField(
    'Segment',
    'promotions',
    (t) =>
      t.field({
        type: [SegmentPromotion],
        description: 'The promotions that include or exclude the segment.',
        select: { promotions: { include: { promotion: true }, orderBy: { promotion: { priority: 'desc' } } } },
        resolve: (segment) => segment.promotions.map((link) => ({ promotion: link.promotion, targeting: link.targeting })),
        // Pothos types prismaObjectField's callback as returning an object field, which a prisma field with `select` is at run time.
      }) as never,
  );
}

export function registerPromotionQueries({ builder }: SchemaParts) {
  const promotionFilter = (args: { status?: PromotionStatus | null; search?: string | null }) => ({
    ...(args.status ? { status: args.status } : {}),
    ...nameOrDescriptionContains(args.search),
  });

  builder.queryField('promotions', (t) =>
    t.prismaConnection({
      type: 'Promotion',
      cursor: 'id',
      authScopes: { admin: true },
      description: 'All promotions, highest priority first. Admin only.',
      args: {
        status: t.arg({ type: PromotionStatusEnum, required: false }),
        search: t.arg.string({ required: false, description: 'Words found in the name or description, ignoring case.' }),
      },
      totalCount: (_connection, args) => prisma.promotion.count({ where: promotionFilter(args) }),
      resolve: (query, _root, args) => prisma.promotion.findMany({ ...query, where: promotionFilter(args), orderBy: [{ priority: 'desc' }, { id: 'asc' }] }),
    }),
  );
}

/** Creating, changing and archiving promotions. Admin only. */
export function registerPromotionMutations({ builder, registry }: SchemaParts) {
  /**
   * The cart rule an input gives, as a tree (cartRule) or as text (cartRuleQuery): undefined when
   * it gives neither, null for `cartRule: null` (no cart rule any more). `relocate` places the
   * promotion's own checks of the rule (its currency) in the text.
   */
  const cartRuleOf = (input: { cartRule?: RuleInputShape | null; cartRuleQuery?: string | null }, schema: GraphQLSchema) => {
    const rule = ruleOf(
      { rule: input.cartRule, query: input.cartRuleQuery, rulePath: ['input', 'cartRule'], queryPath: ['input', 'cartRuleQuery'] },
      schema,
      registry,
      false,
    );
    const rethrow = (error: unknown): never => {
      throw error;
    };
    return rule ?? { tree: input.cartRule === null ? null : undefined, relocate: rethrow };
  };

  const segmentIds = (ids: { id: string }[] | null | undefined) => ids?.map((id) => id.id);

  const positiveOrNull = z.number().int().positive('must be more than 0').nullish();

  /** The fields create and update share; on update, fields left out keep their values. */
  const promotionFields = (t: InputFieldBuilder) => ({
    description: t.string({ required: false }),
    status: t.field({ type: PromotionStatusEnum, required: false, description: 'Defaults to DRAFT.' }),
    priority: t.int({ required: false, description: 'Higher applies first; defaults to 0.' }),
    startsAt: t.field({ type: 'DateTime', required: false }),
    endsAt: t.field({ type: 'DateTime', required: false }),
    includeSegments: t.globalIDList({ for: SegmentNode, required: false, description: 'Customers must be in at least one of these (none: everyone).' }),
    excludeSegments: t.globalIDList({ for: SegmentNode, required: false, description: 'Customers in any of these never get the promotion.' }),
    cartRule: t.field({
      type: SegmentRuleInput,
      required: false,
      description:
        'Conditions on the cart (cartSubtotal, cartContains, cartItemCount — or any condition) for the promotion to apply; or give cartRuleQuery. Null removes it.',
    }),
    cartRuleQuery: t.string({ required: false, description: 'The cart rule as text (docs/segment-queries.md); or give cartRule.' }),
    schedule: t.field({ type: ScheduleInput, required: false }),
    exclusive: t.boolean({
      required: false,
      description: 'Applies alone: only when no promotion applied before it (by priority), and none after it. Defaults to false.',
    }),
    maxDiscountPerOrder: t.int({ required: false, description: 'Cap on what this promotion takes off one order, in minor units.', validate: positiveOrNull }),
    percentOfDiscounted: t.boolean({ required: false, description: 'Percentages of what earlier promotions left (default) or of the original amounts.' }),
    requiresVoucher: t.boolean({ required: false, description: 'Applies only with one of its voucher codes. Defaults to false.' }),
    combinesWithVouchers: t.boolean({ required: false, description: "Applies alongside other promotions' voucher codes. Defaults to true." }),
    usageLimit: t.int({ required: false, description: 'Redemptions allowed in all.', validate: positiveOrNull }),
    usageLimitPerCustomer: t.int({ required: false, description: 'Redemptions allowed per customer.', validate: positiveOrNull }),
    periodicLimits: periodicLimitsField(t),
    budget: t.int({
      required: false,
      description: 'Total discount this promotion may give, in minor units; the order that reaches it gets what is left.',
      validate: positiveOrNull,
    }),
  });

  const promotionName = z.string().trim().min(1, 'must not be empty').max(200);
  const someEffects = z.array(z.unknown()).min(1, 'give at least one effect');

  const CreatePromotionInput = builder.inputType('CreatePromotionInput', {
    fields: (t) => ({
      name: t.string({ validate: promotionName }),
      currency: t.string({ validate: currencySchema }),
      effects: t.field({ type: [PromotionEffectInput], validate: someEffects }),
      ...promotionFields(t),
    }),
  });

  const PromotionPayload = builder.simpleObject('PromotionPayload', { fields: (t) => ({ promotion: t.field({ type: PromotionNode }) }) });

  builder.mutationField('createPromotion', (t) =>
    t.field({
      type: PromotionPayload,
      authScopes: { admin: true },
      errors: { types: [NotFoundError, InvalidInputError] },
      args: { input: t.arg({ type: CreatePromotionInput }) },
      resolve: async (_root, { input }, _context, info) => {
        const cartRule = cartRuleOf(input, info.schema);
        return {
          promotion: await createPromotion(registry, {
            ...input,
            includeSegmentIds: segmentIds(input.includeSegments),
            excludeSegmentIds: segmentIds(input.excludeSegments),
            effects: effectsFromInput(withoutNulls(input.effects) as Record<string, unknown>[], registry),
            cartRule: cartRule.tree,
            periodicLimits: limitsFromInput(input.periodicLimits),
          }).catch(cartRule.relocate),
        };
      },
    }),
  );

  const UpdatePromotionInput = builder.inputType('UpdatePromotionInput', {
    description: 'Fields left out keep their values.',
    fields: (t) => ({
      id: t.globalID({ for: PromotionNode }),
      name: t.string({ required: false, validate: promotionName }),
      currency: t.string({ required: false, validate: currencySchema }),
      effects: t.field({ type: [PromotionEffectInput], required: false, validate: someEffects.nullish() }),
      ...promotionFields(t),
    }),
  });

  builder.mutationField('updatePromotion', (t) =>
    t.field({
      type: PromotionPayload,
      authScopes: { admin: true },
      errors: { types: [NotFoundError, InvalidInputError] },
      args: { input: t.arg({ type: UpdatePromotionInput }) },
      resolve: async (_root, { input }, context, info) => {
        const cartRule = cartRuleOf(input, info.schema);
        return {
          promotion: await updatePromotion(registry, input.id.id, context.clock.now(), {
            ...input,
            includeSegmentIds: segmentIds(input.includeSegments),
            excludeSegmentIds: segmentIds(input.excludeSegments),
            effects: input.effects ? effectsFromInput(withoutNulls(input.effects) as Record<string, unknown>[], registry) : undefined,
            cartRule: cartRule.tree,
            periodicLimits: limitsFromInput(input.periodicLimits),
          }).catch(cartRule.relocate),
        };
      },
    }),
  );

  builder.mutationField('archivePromotion', (t) =>
    t.field({
      type: PromotionPayload,
      authScopes: { admin: true },
      errors: { types: [NotFoundError] },
      args: { input: t.arg({ type: builder.inputType('ArchivePromotionInput', { fields: (f) => ({ id: f.globalID({ for: PromotionNode }) }) }) }) },
      resolve: async (_root, { input }, context) => ({ promotion: await updatePromotion(registry, input.id.id, context.clock.now(), { status: 'ARCHIVED' }) }),
    }),
  );
}
