// The Promotion type, its queries and its admin mutations. Storefronts may read a
// promotion's public face (name, description, effects); its targeting is admin only.
import { z } from 'zod';
import { prisma } from '../db/client.js';
import { PromotionStatus, SegmentTargeting } from '../generated/prisma/enums.js';
import { builder } from '../schema/builder.js';
import { MoneyRef } from '../schema/money.js';
import { SegmentNode } from '../segments/segment.js';
import { InvalidInputError, NotFoundError } from '../shared/errors.js';
import { currencySchema, formatMoney } from '../shared/money.js';
import { describeEffect, effectSchema, percentToBasisPoints, type Effect } from './effects.js';
import { createPromotion, updatePromotion } from './promotions.js';

const PromotionStatusEnum = builder.enumType(PromotionStatus, {
  name: 'PromotionStatus',
  description: 'DRAFT: being prepared, never applied. ACTIVE: applied within its schedule. ARCHIVED: retired.',
});

type EffectWithCurrency = Effect & { currency: string };

const PercentageOffEffect = builder.objectRef<Extract<EffectWithCurrency, { type: 'percentageOff' }>>('PercentageOffEffect').implement({
  description: 'A percentage off the order.',
  fields: (t) => ({
    percent: t.float({ resolve: (effect) => effect.basisPoints / 100 }),
  }),
});

const AmountOffEffect = builder.objectRef<Extract<EffectWithCurrency, { type: 'amountOff' }>>('AmountOffEffect').implement({
  description: 'A fixed amount off the order.',
  fields: (t) => ({
    amount: t.field({ type: MoneyRef, resolve: (effect) => ({ amount: effect.amount, currency: effect.currency }) }),
  }),
});

export const PromotionEffect = builder.unionType('PromotionEffect', {
  types: [PercentageOffEffect, AmountOffEffect],
  resolveType: (effect) => (effect.type === 'percentageOff' ? PercentageOffEffect : AmountOffEffect),
});

export const PromotionNode = builder.prismaNode('Promotion', {
  description: 'An offer aimed at segments of customers.',
  id: { field: 'id' },
  authScopes: { storefront: true },
  fields: (t) => ({
    name: t.exposeString('name'),
    description: t.exposeString('description', { nullable: true }),
    effects: t.field({
      type: [PromotionEffect],
      resolve: (promotion) => (promotion.effects as Effect[]).map((effect) => ({ ...effect, currency: promotion.currency })),
    }),
    effectDescriptions: t.stringList({
      description: 'Each effect in words, e.g. "10% off the order".',
      resolve: (promotion) => (promotion.effects as Effect[]).map((effect) => describeEffect(effect, (amount) => formatMoney({ amount, currency: promotion.currency }))),
    }),
    status: t.expose('status', { type: PromotionStatusEnum, authScopes: { admin: true } }),
    priority: t.exposeInt('priority', { authScopes: { admin: true }, description: 'Higher applies first.' }),
    currency: t.exposeString('currency'),
    startsAt: t.expose('startsAt', { type: 'DateTime', nullable: true }),
    endsAt: t.expose('endsAt', { type: 'DateTime', nullable: true }),
    includeSegments: t.prismaField({
      type: [SegmentNode],
      authScopes: { admin: true },
      select: { segments: { where: { targeting: SegmentTargeting.INCLUDE }, include: { segment: true } } },
      resolve: (_query, promotion) => promotion.segments.map((link) => link.segment),
    }),
    excludeSegments: t.prismaField({
      type: [SegmentNode],
      authScopes: { admin: true },
      select: { segments: { where: { targeting: SegmentTargeting.EXCLUDE }, include: { segment: true } } },
      resolve: (_query, promotion) => promotion.segments.map((link) => link.segment),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', authScopes: { admin: true } }),
  }),
});

builder.queryField('promotions', (t) =>
  t.prismaConnection({
    type: 'Promotion',
    cursor: 'id',
    authScopes: { admin: true },
    description: 'All promotions, highest priority first. Admin only.',
    args: { status: t.arg({ type: PromotionStatusEnum, required: false }) },
    totalCount: (_connection, { status }) => prisma.promotion.count({ where: status ? { status } : {} }),
    resolve: (query, _root, { status }) => prisma.promotion.findMany({ ...query, where: status ? { status } : {}, orderBy: [{ priority: 'desc' }, { id: 'asc' }] }),
  }),
);

const PercentageOffInput = builder.inputType('PercentageOffInput', {
  fields: (t) => ({ percent: t.float({ description: 'e.g. 10 for 10%; more than 0, at most 100, two decimals at most.', validate: percentToBasisPoints }) }),
});
const AmountOffInput = builder.inputType('AmountOffInput', {
  fields: (t) => ({ amount: t.int({ description: "Minor units of the promotion's currency.", validate: z.number().int().positive('must be more than 0') }) }),
});

const PromotionEffectInput = builder.inputType('PromotionEffectInput', {
  description: 'One effect: set exactly one field.',
  isOneOf: true,
  fields: (t) => ({
    percentageOff: t.field({ type: PercentageOffInput, required: false }),
    amountOff: t.field({ type: AmountOffInput, required: false }),
  }),
});

type EffectInput = { percentageOff?: { percent: number } | null; amountOff?: { amount: number } | null };

/** Maps effect inputs (already validated; percent arrives as basis points) to stored effects. */
function effectsFromInput(inputs: EffectInput[]): Effect[] {
  return inputs.map((input) =>
    effectSchema.parse(input.percentageOff ? { type: 'percentageOff', basisPoints: input.percentageOff.percent } : { type: 'amountOff', amount: input.amountOff?.amount }),
  );
}

const segmentIds = (ids: { id: string }[] | null | undefined) => ids?.map((id) => id.id);

const CreatePromotionInput = builder.inputType('CreatePromotionInput', {
  fields: (t) => ({
    name: t.string({ validate: z.string().trim().min(1, 'must not be empty').max(200) }),
    description: t.string({ required: false }),
    status: t.field({ type: PromotionStatusEnum, required: false, description: 'Defaults to DRAFT.' }),
    priority: t.int({ required: false, description: 'Higher applies first; defaults to 0.' }),
    currency: t.string({ validate: currencySchema }),
    startsAt: t.field({ type: 'DateTime', required: false }),
    endsAt: t.field({ type: 'DateTime', required: false }),
    includeSegments: t.globalIDList({ for: SegmentNode, required: false, description: 'Customers must be in at least one of these (none: everyone).' }),
    excludeSegments: t.globalIDList({ for: SegmentNode, required: false, description: 'Customers in any of these never get the promotion.' }),
    effects: t.field({ type: [PromotionEffectInput], validate: z.array(z.unknown()).min(1, 'give at least one effect') }),
  }),
});

const PromotionPayload = builder.simpleObject('PromotionPayload', { fields: (t) => ({ promotion: t.field({ type: PromotionNode }) }) });

builder.mutationField('createPromotion', (t) =>
  t.field({
    type: PromotionPayload,
    authScopes: { admin: true },
    errors: { types: [NotFoundError, InvalidInputError] },
    args: { input: t.arg({ type: CreatePromotionInput }) },
    resolve: async (_root, { input }) => ({
      promotion: await createPromotion({
        ...input,
        includeSegmentIds: segmentIds(input.includeSegments),
        excludeSegmentIds: segmentIds(input.excludeSegments),
        effects: effectsFromInput(input.effects),
      }),
    }),
  }),
);

const UpdatePromotionInput = builder.inputType('UpdatePromotionInput', {
  description: 'Fields left out keep their values.',
  fields: (t) => ({
    id: t.globalID({ for: PromotionNode }),
    name: t.string({ required: false, validate: z.string().trim().min(1, 'must not be empty').max(200) }),
    description: t.string({ required: false }),
    status: t.field({ type: PromotionStatusEnum, required: false }),
    priority: t.int({ required: false }),
    currency: t.string({ required: false, validate: currencySchema }),
    startsAt: t.field({ type: 'DateTime', required: false }),
    endsAt: t.field({ type: 'DateTime', required: false }),
    includeSegments: t.globalIDList({ for: SegmentNode, required: false }),
    excludeSegments: t.globalIDList({ for: SegmentNode, required: false }),
    effects: t.field({ type: [PromotionEffectInput], required: false, validate: z.array(z.unknown()).min(1, 'give at least one effect').nullish() }),
  }),
});

builder.mutationField('updatePromotion', (t) =>
  t.field({
    type: PromotionPayload,
    authScopes: { admin: true },
    errors: { types: [NotFoundError, InvalidInputError] },
    args: { input: t.arg({ type: UpdatePromotionInput }) },
    resolve: async (_root, { input }) => ({
      promotion: await updatePromotion(input.id.id, {
        ...input,
        includeSegmentIds: segmentIds(input.includeSegments),
        excludeSegmentIds: segmentIds(input.excludeSegments),
        effects: input.effects ? effectsFromInput(input.effects) : undefined,
      }),
    }),
  }),
);

builder.mutationField('archivePromotion', (t) =>
  t.field({
    type: PromotionPayload,
    authScopes: { admin: true },
    errors: { types: [NotFoundError] },
    args: { input: t.arg({ type: builder.inputType('ArchivePromotionInput', { fields: (f) => ({ id: f.globalID({ for: PromotionNode }) }) }) }) },
    resolve: async (_root, { input }) => ({ promotion: await updatePromotion(input.id.id, { status: 'ARCHIVED' }) }),
  }),
);
