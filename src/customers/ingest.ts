// Writing customers from the shop's platform: upsert by the shop's own identifier,
// one or many at a time, all-or-nothing.
import { announceCustomersChanged, promiseTracking } from '../segments/tracking.js';
import { z } from 'zod';
import { prisma, queryIn } from '../db/client.js';
import type { Customer, Prisma } from '../generated/prisma/client.js';
import { CustomerStatus } from '../generated/prisma/enums.js';
import { ConflictError } from '../shared/errors.js';
import { retryUniqueRace, uniqueViolation } from '../db/errors.js';
import { badUserInput } from '../schema/bad-input.js';
import { checkCustomFields, declaredAttributes, fieldNameSchema } from './attributes.js';

const text = z.string().trim().min(1).max(200);
const countryCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code, e.g. "FR"');
const label = z.string().trim().min(1, 'must not be empty').max(100);

export const addressSchema = z.object({
  isDefault: z.boolean().nullish(),
  line1: text.nullish(),
  line2: text.nullish(),
  country: countryCode,
  region: text.nullish(),
  city: text.nullish(),
  postalCode: z.string().trim().max(20).nullish(),
});

/** A custom field's value as sent: checked against its declared type, if any, before it is written (customers/attributes.ts). */
const customFieldValue = z.union(
  [
    z.string().max(1000),
    z.number().finite(),
    z.boolean(),
    z.array(z.string().max(200)).max(100),
    z.strictObject({ amount: z.number(), currency: z.string().max(3) }),
  ],
  {
    error: 'must be a string, a number, a boolean, a list of strings or money { amount, currency }',
  },
);

export const customerSchema = z.object({
  externalId: z.string().trim().min(1, 'must not be empty').max(200),
  email: z.string().trim().toLowerCase().email('must be an email address').nullish(),
  firstName: text.nullish(),
  lastName: text.nullish(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ().-]{4,30}$/, 'must be a phone number')
    .nullish(),
  dateOfBirth: z.date().max(new Date(), 'must be in the past').nullish(),
  category: label.nullish(),
  groups: z.array(label).max(50).nullish(),
  tags: z.array(label).max(100).nullish(),
  registeredAt: z.date().nullish(),
  status: z.enum(CustomerStatus).nullish(),
  newsletterSubscribed: z.boolean().nullish(),
  marketingConsent: z.boolean().nullish(),
  marketingChannels: z.array(label).max(20).nullish(),
  referralSource: label.nullish(),
  loyaltyMember: z.boolean().nullish(),
  loyaltyTier: label.nullish(),
  customFields: z
    .record(fieldNameSchema, customFieldValue)
    .refine((fields) => Object.keys(fields).length <= 100, 'at most 100 custom fields')
    .nullish(),
  addresses: z.array(addressSchema).max(20).nullish(),
});

export type CustomerData = z.infer<typeof customerSchema>;

/** Fields absent (undefined) from the input are left as they are; null clears them. */
function profileData(input: CustomerData) {
  const { externalId: _externalId, addresses: _addresses, registeredAt: _registeredAt, ...rest } = input;
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest)) {
    if (value === undefined) continue;
    // Lists and flags cannot be null in the model: null resets them.
    if (value === null && ['groups', 'tags', 'marketingChannels'].includes(key)) data[key] = [];
    else if (value === null && key === 'customFields') data[key] = {};
    else if (value === null && ['newsletterSubscribed', 'marketingConsent', 'loyaltyMember'].includes(key)) data[key] = false;
    else if (value === null && key === 'status') data[key] = 'ACTIVE';
    else data[key] = value;
  }
  return data;
}

async function upsertOne(tx: Prisma.TransactionClient, input: CustomerData, now: Date): Promise<Customer> {
  const data = profileData(input);
  const addresses = input.addresses?.map((address) => ({ ...address, isDefault: address.isDefault ?? false }));
  const customer = await tx.customer.upsert({
    where: { externalId: input.externalId },
    create: {
      ...(data as Prisma.CustomerCreateInput),
      externalId: input.externalId,
      registeredAt: input.registeredAt ?? now,
      ...(addresses ? { addresses: { create: addresses } } : {}),
    },
    update: {
      ...(data as Prisma.CustomerUpdateInput),
      ...(input.registeredAt ? { registeredAt: input.registeredAt } : {}),
      ...(addresses ? { addresses: { deleteMany: {}, create: addresses } } : {}),
    },
  });
  return customer;
}

/**
 * Upserts customers, all or none. `paths` gives each input's path (`input`, `input.customers.3`),
 * so that a custom field its declared attribute refuses is named exactly.
 */
export async function upsertCustomers(given: CustomerData[], now: Date, paths: readonly string[]): Promise<Customer[]> {
  const { stored, issues } = checkCustomFields(
    given.map((input) => input.customFields),
    await declaredAttributes(),
    paths,
  );
  if (issues.length > 0) throw badUserInput(issues);
  const inputs = given.map((input, index) => (input.customFields ? { ...input, customFields: stored[index] as CustomerData['customFields'] } : input));
  try {
    const customers = await retryUniqueRace(() =>
      prisma.$transaction(
        async (tx) => {
          const results: Customer[] = [];
          for (const input of inputs) results.push(await upsertOne(tx, input, now));
          await promiseTracking(
            queryIn(tx),
            results.map((customer) => customer.id),
          );
          return results;
        },
        { timeout: 60_000 },
      ),
    );
    await announceCustomersChanged(customers.map((customer) => customer.id));
    return customers;
  } catch (error) {
    if (uniqueViolation(error)?.fields.includes('email')) throw new ConflictError('Another customer already has this email address');
    throw error;
  }
}
