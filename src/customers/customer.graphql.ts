// The Customer type (admin only: it is PII), its listing, and the ingestion mutations.
import { z } from 'zod';
import { prisma } from '../db/client.js';
import { CustomerStatus } from '../generated/prisma/enums.js';
import { EnumRef, InputObjectRef, ObjectRef } from '@pothos/core';
import type { Customer } from '../generated/prisma/client.js';
import { implement, type BuilderTypes, type SchemaParts } from '../schema/builder.js';
import { ConflictError, InvalidInputError, NotFoundError } from '../shared/errors.js';
import { addressSchema, customerSchema, upsertCustomers } from './ingest.js';
import type { CustomerRef } from './refs.js';

export const CustomerStatusEnum = new EnumRef<BuilderTypes, CustomerStatus>('CustomerStatus');
export const CustomerNode = new ObjectRef<BuilderTypes, Customer>('Customer');
export const CustomerRefInput = new InputObjectRef<BuilderTypes, CustomerRef>('CustomerRefInput');

export function registerCustomerTypes({ builder }: SchemaParts) {
  implement(builder, CustomerStatusEnum, builder.enumType(CustomerStatus, { name: 'CustomerStatus' }));

  builder.prismaObject('Address', {
    description: 'A postal address of a customer.',
    fields: (t) => ({
      isDefault: t.exposeBoolean('isDefault'),
      line1: t.exposeString('line1', { nullable: true }),
      line2: t.exposeString('line2', { nullable: true }),
      country: t.exposeString('country', { description: 'ISO 3166-1 alpha-2 code.' }),
      region: t.exposeString('region', { nullable: true }),
      city: t.exposeString('city', { nullable: true }),
      postalCode: t.exposeString('postalCode', { nullable: true }),
    }),
  });

  implement(
    builder,
    CustomerNode,
    builder.prismaNode('Customer', {
      nullable: true,
      description: 'A shopper known to the shop. Personal data: readable with an admin key only.',
      id: { field: 'id' },
      authScopes: { admin: true },
      fields: (t) => ({
        externalId: t.exposeString('externalId', { description: "The shop platform's identifier." }),
        email: t.exposeString('email', { nullable: true }),
        firstName: t.exposeString('firstName', { nullable: true }),
        lastName: t.exposeString('lastName', { nullable: true }),
        phone: t.exposeString('phone', { nullable: true }),
        dateOfBirth: t.expose('dateOfBirth', { type: 'Date', nullable: true }),
        category: t.exposeString('category', { nullable: true, description: 'ERP-style customer category, e.g. "wholesale".' }),
        groups: t.exposeStringList('groups'),
        tags: t.exposeStringList('tags'),
        registeredAt: t.expose('registeredAt', { type: 'DateTime' }),
        status: t.expose('status', { type: CustomerStatusEnum }),
        newsletterSubscribed: t.exposeBoolean('newsletterSubscribed'),
        marketingConsent: t.exposeBoolean('marketingConsent'),
        marketingChannels: t.exposeStringList('marketingChannels'),
        referralSource: t.exposeString('referralSource', { nullable: true }),
        loyaltyMember: t.exposeBoolean('loyaltyMember'),
        loyaltyTier: t.exposeString('loyaltyTier', { nullable: true }),
        customFields: t.field({ type: 'JSONObject', resolve: (customer) => customer.customFields as Record<string, unknown> }),
        addresses: t.relation('addresses'),
      }),
    }),
  );

  const CustomerFilter = builder.inputType('CustomerFilter', {
    fields: (t) => ({
      search: t.string({ required: false, description: 'Matches the start of the email, first or last name, or the external ID.' }),
      category: t.string({ required: false }),
      status: t.field({ type: CustomerStatusEnum, required: false }),
    }),
  });

  builder.queryField('customers', (t) =>
    t.prismaConnection({
      type: 'Customer',
      cursor: 'id',
      authScopes: { admin: true },
      description: 'Customers, newest first. Admin only.',
      args: { filter: t.arg({ type: CustomerFilter, required: false }) },
      totalCount: (_connection, { filter }) => prisma.customer.count({ where: customerWhere(filter) }),
      resolve: (query, _parent, { filter }) => prisma.customer.findMany({ ...query, where: customerWhere(filter), orderBy: { id: 'desc' } }),
    }),
  );

  function customerWhere(filter: { search?: string | null; category?: string | null; status?: CustomerStatus | null } | null | undefined) {
    const search = filter?.search?.trim();
    return {
      // An erased customer's placeholder (privacy/erase.ts) is nobody: never listed.
      erasedAt: null,
      ...(filter?.category ? { category: filter.category } : {}),
      ...(filter?.status ? { status: filter.status } : {}),
      ...(search
        ? {
            OR: [
              { email: { startsWith: search.toLowerCase() } },
              { firstName: { startsWith: search, mode: 'insensitive' as const } },
              { lastName: { startsWith: search, mode: 'insensitive' as const } },
              { externalId: search },
            ],
          }
        : {}),
    };
  }
}

/** How inputs name a customer. */
export function registerCustomerRefInput({ builder }: SchemaParts) {
  implement(
    builder,
    CustomerRefInput,
    builder.inputType('CustomerRefInput', {
      description: "Names a customer by Cohort's global ID or by the shop's own identifier: exactly one of the two.",
      isOneOf: true,
      fields: (t) => ({
        id: t.id({ required: false, description: 'Global ID of a Customer.' }),
        externalId: t.string({ required: false, description: "The shop platform's customer identifier." }),
      }),
    }),
  );
}

/** Ingestion: creating and updating customers. */
export function registerCustomerMutations({ builder }: SchemaParts) {
  const AddressInput = builder.inputType('AddressInput', {
    fields: (t) => ({
      isDefault: t.boolean({ required: false }),
      line1: t.string({ required: false }),
      line2: t.string({ required: false }),
      country: t.string({ description: 'ISO 3166-1 alpha-2 code, e.g. "FR".' }),
      region: t.string({ required: false }),
      city: t.string({ required: false }),
      postalCode: t.string({ required: false }),
    }),
    validate: addressSchema,
  });

  const CustomerInput = builder.inputType('CustomerInput', {
    description: 'A customer as the shop knows it. On update, omitted fields keep their values and null clears them.',
    fields: (t) => ({
      externalId: t.string({ description: "The shop platform's identifier; the customer is created or updated by it." }),
      email: t.string({ required: false }),
      firstName: t.string({ required: false }),
      lastName: t.string({ required: false }),
      phone: t.string({ required: false }),
      dateOfBirth: t.field({ type: 'Date', required: false }),
      category: t.string({ required: false }),
      groups: t.stringList({ required: false }),
      tags: t.stringList({ required: false }),
      registeredAt: t.field({ type: 'DateTime', required: false, description: 'Defaults to now for a new customer.' }),
      status: t.field({ type: CustomerStatusEnum, required: false }),
      newsletterSubscribed: t.boolean({ required: false }),
      marketingConsent: t.boolean({ required: false }),
      marketingChannels: t.stringList({ required: false, description: 'e.g. ["email", "sms"]' }),
      referralSource: t.string({ required: false }),
      loyaltyMember: t.boolean({ required: false }),
      loyaltyTier: t.string({ required: false }),
      customFields: t.field({
        type: 'JSONObject',
        required: false,
        description:
          'The shop\'s own fields. A declared customer attribute takes values of its type (a date as "YYYY-MM-DD", an instant in ISO 8601, money as { amount, currency }, a list of strings); an undeclared field a string, a number or a boolean.',
      }),
      addresses: t.field({ type: [AddressInput], required: false, description: 'Replaces all addresses when given.' }),
    }),
    validate: customerSchema,
  });

  const UpsertCustomerPayload = builder.simpleObject('UpsertCustomerPayload', {
    fields: (t) => ({ customer: t.field({ type: CustomerNode }) }),
  });

  builder.mutationField('upsertCustomer', (t) =>
    t.field({
      type: UpsertCustomerPayload,
      description: 'Creates or updates one customer by its external ID. Admin only.',
      authScopes: { admin: true },
      errors: { types: [NotFoundError, InvalidInputError, ConflictError] },
      args: { input: t.arg({ type: CustomerInput }) },
      resolve: async (_root, { input }, context) => {
        const [customer] = await upsertCustomers([input as z.infer<typeof customerSchema>], context.clock.now(), ['input']);
        return { customer: customer! };
      },
    }),
  );

  const UpsertCustomersInput = builder.inputType('UpsertCustomersInput', {
    fields: (t) => ({ customers: t.field({ type: [CustomerInput] }) }),
    validate: z.object({ customers: z.array(z.unknown()).min(1, 'send at least one customer').max(1000, 'send at most 1000 customers per call') }),
  });

  const UpsertCustomersPayload = builder.simpleObject('UpsertCustomersPayload', {
    fields: (t) => ({ count: t.int({ description: 'Customers created or updated.' }) }),
  });

  builder.mutationField('upsertCustomers', (t) =>
    t.field({
      type: UpsertCustomersPayload,
      description: 'Bulk import: creates or updates up to 1000 customers, all or none. Admin only.',
      authScopes: { admin: true },
      errors: { types: [ConflictError] },
      args: { input: t.arg({ type: UpsertCustomersInput }) },
      resolve: async (_root, { input }, context) => {
        const customers = await upsertCustomers(
          input.customers as z.infer<typeof customerSchema>[],
          context.clock.now(),
          input.customers.map((_, index) => `input.customers.${index}`),
        );
        return { count: customers.length };
      },
    }),
  );
}
