// The customer's own record and addresses: the fact behind every profile condition.
import { defineSqlFact, jsonDate, jsonTimestamp } from './facts.js';
import { sql } from './sql.js';

export interface AddressFact {
  id: string;
  isDefault: boolean;
  line1: string | null;
  line2: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string;
  region: string | null;
  city: string | null;
  postalCode: string | null;
}

export interface CustomerProfile {
  id: string;
  externalId: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  /** A calendar date, at midnight UTC. */
  dateOfBirth: Date | null;
  category: string | null;
  groups: string[];
  tags: string[];
  registeredAt: Date;
  status: 'ACTIVE' | 'DEACTIVATED';
  newsletterSubscribed: boolean;
  marketingConsent: boolean;
  marketingChannels: string[];
  referralSource: string | null;
  loyaltyMember: boolean;
  loyaltyTier: string | null;
  /** The shop's own fields: strings, numbers and booleans, and, for declared customer attributes, dates ("YYYY-MM-DD"), UTC instants, money { amount, currency } and lists of strings. */
  customFields: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
  addresses: AddressFact[];
}

export const profileFact = defineSqlFact({
  name: 'profile',
  empty: null as CustomerProfile | null,
  json: (customer) => sql`(
    SELECT json_build_object(
             'id', c.id, 'externalId', c.external_id, 'email', c.email, 'firstName', c.first_name, 'lastName', c.last_name, 'phone', c.phone,
             'dateOfBirth', ${jsonTimestamp(sql`c.date_of_birth`)}, 'category', c.category, 'groups', c.groups, 'tags', c.tags, 'registeredAt', ${jsonTimestamp(sql`c.registered_at`)}, 'status', c.status,
             'newsletterSubscribed', c.newsletter_subscribed, 'marketingConsent', c.marketing_consent, 'marketingChannels', c.marketing_channels,
             'referralSource', c.referral_source, 'loyaltyMember', c.loyalty_member, 'loyaltyTier', c.loyalty_tier, 'customFields', c.custom_fields,
             'createdAt', ${jsonTimestamp(sql`c.created_at`)}, 'updatedAt', ${jsonTimestamp(sql`c.updated_at`)},
             'addresses', (SELECT COALESCE(json_agg(json_build_object('id', a.id, 'isDefault', a.is_default, 'line1', a.line1, 'line2', a.line2,
                                                                      'country', a.country, 'region', a.region, 'city', a.city, 'postalCode', a.postal_code) ORDER BY a.id), '[]')
                           FROM cohort_v1.addresses a WHERE a.customer_id = c.id))
    FROM cohort_v1.customers c WHERE c.id = ${customer})`,
  parse(json) {
    if (json === null) return null;
    const profile = json as Record<string, unknown>;
    for (const field of ['dateOfBirth', 'registeredAt', 'createdAt', 'updatedAt']) profile[field] = jsonDate(profile[field] as number | null);
    return profile as unknown as CustomerProfile;
  },
});
