// Customer details: first or last name (equal to, or containing, a text; case-insensitive),
// email domain, and whether a phone number is known. Every criterion given must hold.
import { defineCondition, definePlugin, graphqlType, join, profileFact, sql, z } from '@cohort/plugin-sdk';
import './global-types.js';

const text = z.string().trim().min(1, 'must not be empty');
const nameMatch = graphqlType(
  'CustomerDetailsNameMatchInput',
  z
    .object({ equals: text.nullish(), contains: text.nullish() })
    .refine((match) => (match.equals == null) !== (match.contains == null), { message: 'give exactly one of equals, contains' }),
  { description: 'Exactly one of equals or contains; case-insensitive.', oneOf: true },
);
type NameMatch = z.infer<typeof nameMatch>;

const params = z
  .object({
    firstName: nameMatch.nullish(),
    lastName: nameMatch.nullish(),
    emailDomains: z
      .array(text.regex(/^[^@\s]+\.[^@\s]+$/, 'must be a domain like example.com'))
      .min(1)
      .nullish()
      .describe('The email address is at one of these domains, e.g. "example.com".'),
    hasPhone: z.boolean().nullish(),
  })
  .refine((value) => value.firstName != null || value.lastName != null || value.emailDomains != null || value.hasPhone != null, {
    message: 'give at least one of firstName, lastName, emailDomains, hasPhone',
  });

const matchesName = (value: string | null, match: NameMatch) => {
  if (value === null) return false;
  const actual = value.trim().toLowerCase();
  return match.equals != null ? actual === match.equals.toLowerCase() : actual.includes((match.contains as string).toLowerCase());
};

const nameSql = (column: ReturnType<typeof sql>, match: NameMatch) =>
  match.equals != null
    ? sql`lower(trim(${column})) = ${match.equals.toLowerCase()}`
    : sql`strpos(lower(trim(${column})), ${(match.contains as string).toLowerCase()}) > 0`;

const domainOf = (email: string) =>
  email
    .slice(email.lastIndexOf('@') + 1)
    .trim()
    .toLowerCase();

export const customerDetails = defineCondition({
  type: 'customerDetails',
  label: 'Name, email domain or phone',
  params,
  facts: [profileFact],
  evaluate({ firstName, lastName, emailDomains, hasPhone }, { profile }) {
    if (!profile) return false;
    if (firstName && !matchesName(profile.firstName, firstName)) return false;
    if (lastName && !matchesName(profile.lastName, lastName)) return false;
    if (
      emailDomains &&
      !(profile.email && profile.email.includes('@') && emailDomains.some((domain) => domain.toLowerCase() === domainOf(profile.email as string)))
    )
      return false;
    if (hasPhone != null && (profile.phone !== null && profile.phone.trim() !== '') !== hasPhone) return false;
    return true;
  },
  toSql({ firstName, lastName, emailDomains, hasPhone }, { customer }) {
    const parts = [
      firstName ? nameSql(sql`${customer}.first_name`, firstName) : null,
      lastName ? nameSql(sql`${customer}.last_name`, lastName) : null,
      emailDomains
        ? sql`(strpos(${customer}.email, '@') > 0 AND lower(trim(substring(${customer}.email from '@([^@]*)$'))) = ANY(${emailDomains.map((domain) => domain.toLowerCase())}::text[]))`
        : null,
      hasPhone == null ? null : hasPhone ? sql`coalesce(trim(${customer}.phone), '') <> ''` : sql`coalesce(trim(${customer}.phone), '') = ''`,
    ].filter((part): part is NonNullable<typeof part> => part !== null);
    return join(parts, ' AND ');
  },
  describe({ firstName, lastName, emailDomains, hasPhone }) {
    const name = (label: string, match: NameMatch) => (match.equals != null ? `${label} is ${match.equals}` : `${label} contains "${match.contains}"`);
    return [
      firstName ? name('first name', firstName) : null,
      lastName ? name('last name', lastName) : null,
      emailDomains ? `email at ${emailDomains.join(' or ')}` : null,
      hasPhone == null ? null : hasPhone ? 'has a phone number' : 'has no phone number',
    ]
      .filter(Boolean)
      .join(' and ');
  },
});

export default definePlugin({ name: 'customer-details', conditions: [customerDetails] });
