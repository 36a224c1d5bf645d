// Customer category: the ERP-style category on the customer record ("wholesale", "retail").
// Matching ignores case and surrounding spaces, as categories come from many systems.
import { defineCondition, definePlugin, profileFact, shopValues, sql, z } from '@cohort/plugin-sdk';
import './global-types.js';

export const customerCategory = defineCondition({
  type: 'customerCategory',
  label: 'Customer category is one of',
  params: z.object({
    categories: shopValues(
      'customerCategory',
      z
        .array(z.string().trim().min(1, 'must not be empty'))
        .min(1, 'name at least one category')
        .describe('Matches when the customer category is any of these (case-insensitive).'),
    ),
  }),
  facts: [profileFact],
  evaluate({ categories }, { profile }) {
    const category = profile?.category?.trim().toLowerCase();
    return category !== undefined && categories.some((wanted) => wanted.toLowerCase() === category);
  },
  toSql({ categories }, { customer }) {
    return sql`lower(trim(${customer}.category)) = ANY(${categories.map((category) => category.toLowerCase())}::text[])`;
  },
  describe: ({ categories }) => `customer category is ${categories.join(' or ')}`,
});

export default definePlugin({ name: 'customer-category', conditions: [customerCategory] });
