// Location: any of the customer's addresses is in one of these countries, regions, cities or
// postal code areas. Names ignore case and surrounding spaces; countries are ISO codes.
import { defineCondition, definePlugin, profileFact, raw, shopValues, sql, z } from '@cohort/plugin-sdk';
import './global-types.js';

const names = z.array(z.string().trim().min(1, 'must not be empty')).min(1, 'name at least one');
const normal = (value: string | null | undefined) => (value ?? '').trim().toLowerCase();

function addressCondition(type: 'country' | 'region' | 'city' | 'postalCodePrefix', field: 'country' | 'region' | 'city' | 'postalCode', label: string) {
  const prefix = type === 'postalCodePrefix';
  return defineCondition({
    type,
    label,
    params: z.object({
      anyOf:
        type === 'country'
          ? shopValues(
              'country',
              z
                .array(
                  z
                    .string()
                    .trim()
                    .regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166-1 alpha-2 code, e.g. "FR"'),
                )
                .min(1, 'name at least one')
                .describe(label),
            )
          : names.describe(label),
    }),
    facts: [profileFact],
    evaluate({ anyOf }, { profile }) {
      const wanted = anyOf.map(normal);
      return (profile?.addresses ?? []).some((address) => {
        const value = normal(address[field]);
        return value !== '' && (prefix ? wanted.some((start) => value.startsWith(start)) : wanted.includes(value));
      });
    },
    toSql({ anyOf }, { customer }) {
      // `column` is one of four fixed names, never input.
      const column = field === 'postalCode' ? 'postal_code' : field;
      const value = sql`lower(trim(a.${raw(column)}))`;
      const test = prefix
        ? sql`EXISTS (SELECT 1 FROM unnest(${anyOf.map(normal)}::text[]) AS w(start) WHERE starts_with(${value}, w.start))`
        : sql`${value} = ANY(${anyOf.map(normal)}::text[])`;
      return sql`EXISTS (SELECT 1 FROM cohort_v1.addresses a WHERE a.customer_id = ${customer}.id AND ${value} <> '' AND ${test})`;
    },
    describe: ({ anyOf }) => `${prefix ? 'has a postal code starting with' : `lives in`} ${anyOf.join(' or ')}`,
  });
}

export const country = addressCondition('country', 'country', 'An address in one of these countries (ISO codes)');
export const region = addressCondition('region', 'region', 'An address in one of these regions');
export const city = addressCondition('city', 'city', 'An address in one of these cities');
export const postalCodePrefix = addressCondition('postalCodePrefix', 'postalCode', 'An address whose postal code starts with one of these');

export default definePlugin({ name: 'location', conditions: [country, region, city, postalCodePrefix] });
