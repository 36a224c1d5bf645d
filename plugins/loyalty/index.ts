// Loyalty: membership (optionally of given tiers), referral source and account status as
// conditions; and, as an effect, the points an order earns (none, or a multiplier).
import { defineCondition, defineEffect, definePlugin, graphqlType, outputField, profileFact, sql, z } from '@cohort/plugin-sdk';
import './global-types.js';

const names = z.array(z.string().trim().min(1, 'must not be empty')).min(1, 'name at least one');
const normal = (value: string | null) => (value ?? '').trim().toLowerCase();

export const loyaltyMember = defineCondition({
  type: 'loyaltyMember',
  label: 'Loyalty programme member',
  params: z
    .object({ member: z.boolean(), tiers: names.nullish().describe('Only members of one of these tiers.') })
    .refine((value) => value.member || !value.tiers, { message: 'tiers only go with member: true', path: ['tiers'] }),
  facts: [profileFact],
  evaluate({ member, tiers }, { profile }) {
    if (!profile) return false;
    if (!member) return !profile.loyaltyMember;
    return profile.loyaltyMember && (!tiers || tiers.some((tier) => normal(tier) === normal(profile.loyaltyTier)));
  },
  toSql({ member, tiers }, { customer }) {
    if (!member) return sql`NOT ${customer}.loyalty_member`;
    return tiers
      ? sql`${customer}.loyalty_member AND lower(trim(coalesce(${customer}.loyalty_tier, ''))) = ANY(${tiers.map(normal)}::text[])`
      : sql`${customer}.loyalty_member`;
  },
  describe: ({ member, tiers }) => (member ? `is a loyalty member${tiers ? ` (${tiers.join(' or ')})` : ''}` : 'is not a loyalty member'),
});

export const referralSource = defineCondition({
  type: 'referralSource',
  label: 'Came through a referral source',
  params: z.object({ anyOf: names.describe('e.g. "friend", "instagram"; case-insensitive.') }),
  facts: [profileFact],
  evaluate: ({ anyOf }, { profile }) => profile?.referralSource != null && anyOf.map(normal).includes(normal(profile.referralSource)),
  toSql: ({ anyOf }, { customer }) => sql`lower(trim(${customer}.referral_source)) = ANY(${anyOf.map(normal)}::text[])`,
  describe: ({ anyOf }) => `was referred by ${anyOf.join(' or ')}`,
});

export const accountStatus = defineCondition({
  type: 'accountStatus',
  label: 'Account status',
  params: z.object({
    anyOf: z
      .array(z.enum(['ACTIVE', 'DEACTIVATED']))
      .min(1, 'name at least one status')
      .describe('ACTIVE and/or DEACTIVATED.'),
  }),
  facts: [profileFact],
  evaluate: ({ anyOf }, { profile }) => profile !== null && anyOf.includes(profile.status),
  toSql: ({ anyOf }, { customer }) => sql`${customer}.status = ANY(${anyOf}::text[])`,
  describe: ({ anyOf }) => `account is ${anyOf.map((status) => status.toLowerCase()).join(' or ')}`,
});

export const loyaltyPoints = defineEffect({
  type: 'loyaltyPoints',
  label: 'Loyalty points: none, or a multiplier',
  params: graphqlType(
    'LoyaltyPointsInput',
    z.object({
      earn: z.boolean().describe('false: the order earns no points.'),
      multiplier: z
        .number()
        .min(0)
        .max(100)
        .refine((multiplier) => Math.abs(multiplier * 100 - Math.round(multiplier * 100)) < 1e-9, 'may have at most two decimals')
        .nullish()
        .describe('e.g. 2 for double points; defaults to 1.'),
    }),
  ),
  output: {
    name: 'LoyaltyPointsEffect',
    fields: {
      earn: outputField({ type: 'Boolean', description: 'false: the order earns no points.', resolve: ({ earn }) => earn }),
      multiplier: outputField({ type: 'Float', description: '2 means double points.', resolve: ({ multiplier }) => multiplier ?? 1 }),
    },
  },
  describe: ({ earn, multiplier }) => (earn ? `earns ${Math.round((multiplier ?? 1) * 100) / 100}× loyalty points` : 'earns no loyalty points'),
  apply: ({ earn, multiplier }, cart) => cart.loyalty({ earn, multiplier: multiplier ?? 1 }),
});

export default definePlugin({ name: 'loyalty', conditions: [loyaltyMember, referralSource, accountStatus], effects: [loyaltyPoints] });
