// Loyalty membership (optionally of given tiers), referral source and account status.
import { defineCondition, definePlugin, profileFact, sql, z } from 'cohort/plugin-sdk';

const names = z.array(z.string().trim().min(1, 'must not be empty')).min(1, 'name at least one');
const normal = (value: string | null) => (value ?? '').trim().toLowerCase();

export const loyaltyMember = defineCondition({
  type: 'loyaltyMember',
  label: 'Loyalty programme member',
  params: z.object({ member: z.boolean(), tiers: names.nullish() }).refine((value) => value.member || !value.tiers, { message: 'tiers only go with member: true', path: ['tiers'] }),
  input: (t) => ({
    member: t.boolean(),
    tiers: t.stringList({ required: false, description: 'Only members of one of these tiers.' }),
  }),
  facts: [profileFact],
  evaluate({ member, tiers }, { profile }) {
    if (!profile) return false;
    if (!member) return !profile.loyaltyMember;
    return profile.loyaltyMember && (!tiers || tiers.some((tier) => normal(tier) === normal(profile.loyaltyTier)));
  },
  toSql({ member, tiers }, { customer }) {
    if (!member) return sql`NOT ${customer}."loyaltyMember"`;
    return tiers ? sql`${customer}."loyaltyMember" AND lower(trim(coalesce(${customer}."loyaltyTier", ''))) = ANY(${tiers.map(normal)}::text[])` : sql`${customer}."loyaltyMember"`;
  },
  describe: ({ member, tiers }) => (member ? `is a loyalty member${tiers ? ` (${tiers.join(' or ')})` : ''}` : 'is not a loyalty member'),
});

export const referralSource = defineCondition({
  type: 'referralSource',
  label: 'Came through a referral source',
  params: z.object({ anyOf: names }),
  input: (t) => ({ anyOf: t.stringList({ description: 'e.g. "friend", "instagram"; case-insensitive.' }) }),
  facts: [profileFact],
  evaluate: ({ anyOf }, { profile }) => profile?.referralSource != null && anyOf.map(normal).includes(normal(profile.referralSource)),
  toSql: ({ anyOf }, { customer }) => sql`lower(trim(${customer}."referralSource")) = ANY(${anyOf.map(normal)}::text[])`,
  describe: ({ anyOf }) => `was referred by ${anyOf.join(' or ')}`,
});

export const accountStatus = defineCondition({
  type: 'accountStatus',
  label: 'Account status',
  params: z.object({ anyOf: z.array(z.enum(['ACTIVE', 'DEACTIVATED'])).min(1, 'name at least one status') }),
  input: (t) => ({ anyOf: t.stringList({ description: 'ACTIVE and/or DEACTIVATED.' }) }),
  facts: [profileFact],
  evaluate: ({ anyOf }, { profile }) => profile !== null && anyOf.includes(profile.status),
  toSql: ({ anyOf }, { customer }) => sql`${customer}.status = ANY(CAST(${anyOf}::text[] AS "CustomerStatus"[]))`,
  describe: ({ anyOf }) => `account is ${anyOf.map((status) => status.toLowerCase()).join(' or ')}`,
});

export default definePlugin({ name: 'loyalty', conditions: [loyaltyMember, referralSource, accountStatus] });
