// Tags and customer groups on the customer record. Matching ignores case and spaces.
import { defineCondition, definePlugin, join, profileFact, shopValues, sql, z } from '@cohort/plugin-sdk';
import './global-types.js';

const names = z.array(z.string().trim().min(1, 'must not be empty')).min(1, 'name at least one');
const normal = (value: string) => value.trim().toLowerCase();

export const customerTag = defineCondition({
  type: 'customerTag',
  label: 'Tagged with',
  params: z
    .object({
      anyOf: shopValues('customerTag', names.nullish().describe('Has at least one of these tags.')),
      allOf: shopValues('customerTag', names.nullish().describe('Has every one of these tags.')),
    })
    .refine((value) => value.anyOf != null || value.allOf != null, { message: 'give anyOf, allOf or both' }),
  facts: [profileFact],
  evaluate({ anyOf, allOf }, { profile }) {
    const tags = new Set((profile?.tags ?? []).map(normal));
    return (!anyOf || anyOf.some((tag) => tags.has(normal(tag)))) && (!allOf || allOf.every((tag) => tags.has(normal(tag))));
  },
  toSql({ anyOf, allOf }, { customer }) {
    const tags = sql`(SELECT coalesce(array_agg(lower(trim(tag))), '{}') FROM unnest(${customer}.tags) AS tag)`;
    const parts = [anyOf ? sql`${tags} && ${anyOf.map(normal)}::text[]` : null, allOf ? sql`${tags} @> ${allOf.map(normal)}::text[]` : null].filter(
      (part): part is NonNullable<typeof part> => part !== null,
    );
    return join(parts, ' AND ');
  },
  describe: ({ anyOf, allOf }) => [anyOf ? `tagged ${anyOf.join(' or ')}` : null, allOf ? `tagged ${allOf.join(' and ')}` : null].filter(Boolean).join(' and '),
});

export const customerGroup = defineCondition({
  type: 'customerGroup',
  label: 'Member of a customer group',
  params: z.object({ anyOf: names.describe('Belongs to at least one of these groups.') }),
  facts: [profileFact],
  evaluate({ anyOf }, { profile }) {
    const groups = new Set((profile?.groups ?? []).map(normal));
    return anyOf.some((group) => groups.has(normal(group)));
  },
  toSql({ anyOf }, { customer }) {
    return sql`(SELECT coalesce(array_agg(lower(trim(g))), '{}') FROM unnest(${customer}.groups) AS g) && ${anyOf.map(normal)}::text[]`;
  },
  describe: ({ anyOf }) => `in group ${anyOf.join(' or ')}`,
});

export default definePlugin({ name: 'customer-tags', conditions: [customerTag, customerGroup] });
