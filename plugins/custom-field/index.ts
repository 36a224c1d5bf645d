// Custom profile fields (the shop's own JSON fields): equals, contains, numeric range, or true.
// Values are compared by kind: `equals` compares text forms ("42" equals 42), `contains`
// applies to text values only, `atLeast`/`atMost` to numeric values only, `isTrue` to booleans.
import { defineCondition, definePlugin, profileFact, shopValues, sql, z } from '@cohort/plugin-sdk';
import './global-types.js';

const params = z
  .object({
    field: shopValues('customFieldName', z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'field names are letters, digits and _').describe('The custom field name, e.g. "shoeSize".')),
    equals: shopValues('customFieldValue', z.string().nullish().describe('The value, as text, equals this (case-insensitive).')),
    contains: shopValues('customFieldValue', z.string().min(1, 'must not be empty').nullish().describe('A text value contains this (case-insensitive).')),
    atLeast: z.number().finite().nullish().describe('A numeric value is at least this.'),
    atMost: z.number().finite().nullish().describe('A numeric value is at most this.'),
    isTrue: z.boolean().nullish().describe('A boolean value is this.'),
  })
  .refine(
    (value) => [value.equals != null, value.contains != null, value.atLeast != null || value.atMost != null, value.isTrue != null].filter(Boolean).length === 1,
    { message: 'give exactly one of equals, contains, atLeast/atMost, isTrue' },
  );

const textOf = (value: unknown) => (typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : null);

export const customField = defineCondition({
  type: 'customField',
  label: 'Custom profile field',
  params,
  facts: [profileFact],
  evaluate({ field, equals, contains, atLeast, atMost, isTrue }, { profile }) {
    const fields = (profile?.customFields ?? {}) as Record<string, unknown>;
    if (!Object.hasOwn(fields, field)) return false;
    const value = fields[field];
    if (equals != null) return textOf(value)?.toLowerCase() === equals.toLowerCase();
    if (contains != null) return typeof value === 'string' && value.toLowerCase().includes(contains.toLowerCase());
    if (isTrue != null) return typeof value === 'boolean' && value === isTrue;
    return typeof value === 'number' && (atLeast == null || value >= atLeast) && (atMost == null || value <= atMost);
  },
  toSql({ field, equals, contains, atLeast, atMost, isTrue }, { customer }) {
    const value = sql`(${customer}.custom_fields -> ${field})`;
    const kind = sql`jsonb_typeof(${value})`;
    if (equals != null) return sql`${kind} IN ('string', 'number', 'boolean') AND lower(${customer}.custom_fields ->> ${field}) = ${equals.toLowerCase()}`;
    if (contains != null) return sql`${kind} = 'string' AND strpos(lower(${customer}.custom_fields ->> ${field}), ${contains.toLowerCase()}) > 0`;
    if (isTrue != null) return sql`${kind} = 'boolean' AND (${customer}.custom_fields ->> ${field})::boolean = ${isTrue}`;
    const number = sql`(CASE WHEN ${kind} = 'number' THEN (${customer}.custom_fields ->> ${field})::float8 END)`;
    return sql`${kind} = 'number' ${atLeast != null ? sql`AND ${number} >= ${atLeast}::float8` : sql``} ${atMost != null ? sql`AND ${number} <= ${atMost}::float8` : sql``}`;
  },
  describe({ field, equals, contains, atLeast, atMost, isTrue }) {
    if (equals != null) return `${field} is ${equals}`;
    if (contains != null) return `${field} contains "${contains}"`;
    if (isTrue != null) return `${field} is ${isTrue}`;
    if (atLeast != null && atMost != null) return `${field} is between ${atLeast} and ${atMost}`;
    return atLeast != null ? `${field} is at least ${atLeast}` : `${field} is at most ${atMost}`;
  },
});

export default definePlugin({ name: 'custom-field', conditions: [customField] });
