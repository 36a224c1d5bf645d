// The customer's own record and addresses: the fact behind every profile condition.
import type { Address, Customer } from '../generated/prisma/client.js';
import { sql } from '../generated/prisma/internal/prismaNamespace.js';
import { defineSqlFact, jsonDate, jsonTimestamp } from '../plugin-sdk/facts.js';

export type CustomerProfile = Customer & { addresses: Address[] };

export const profileFact = defineSqlFact({
  name: 'profile',
  empty: null as CustomerProfile | null,
  json: (customer) => sql`(
    SELECT json_build_object(
             'id', c.id, 'externalId', c."externalId", 'email', c.email, 'firstName', c."firstName", 'lastName', c."lastName", 'phone', c.phone,
             'dateOfBirth', ${jsonTimestamp(sql`c."dateOfBirth"`)}, 'category', c.category, 'groups', c.groups, 'tags', c.tags, 'registeredAt', ${jsonTimestamp(sql`c."registeredAt"`)}, 'status', c.status,
             'newsletterSubscribed', c."newsletterSubscribed", 'marketingConsent', c."marketingConsent", 'marketingChannels', c."marketingChannels",
             'referralSource', c."referralSource", 'loyaltyMember', c."loyaltyMember", 'loyaltyTier', c."loyaltyTier", 'customFields', c."customFields",
             'createdAt', ${jsonTimestamp(sql`c."createdAt"`)}, 'updatedAt', ${jsonTimestamp(sql`c."updatedAt"`)},
             'addresses', (SELECT COALESCE(json_agg(json_build_object('id', a.id, 'customerId', a."customerId", 'isDefault', a."isDefault", 'line1', a.line1, 'line2', a.line2,
                                                                      'country', a.country, 'region', a.region, 'city', a.city, 'postalCode', a."postalCode") ORDER BY a.id), '[]')
                           FROM "Address" a WHERE a."customerId" = c.id))
    FROM "Customer" c WHERE c.id = ${customer})`,
  parse(json) {
    if (json === null) return null;
    const profile = json as Record<string, unknown>;
    for (const field of ['dateOfBirth', 'registeredAt', 'createdAt', 'updatedAt']) profile[field] = jsonDate(profile[field] as number | null);
    return profile as unknown as CustomerProfile;
  },
});
