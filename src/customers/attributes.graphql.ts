// Customer attributes in the API: declared, listed and removed by admins (customers/attributes.ts).
import type { SchemaParts } from '../schema/builder.js';
import { CustomerAttributeType } from '../generated/prisma/enums.js';
import { ConflictError, NotFoundError } from '../shared/errors.js';
import { attributeInputSchema, declareAttribute, fieldNameSchema, removeAttribute } from './attributes.js';
import { prisma } from '../db/client.js';

export function registerCustomerAttributeTypes({ builder }: SchemaParts) {
  const CustomerAttributeTypeEnum = builder.enumType(CustomerAttributeType, {
    name: 'CustomerAttributeType',
    description:
      'A declared custom field\'s type, and the form its values take in `customFields`: STRING, NUMBER, BOOLEAN; DATE as "YYYY-MM-DD"; INSTANT in ISO 8601 (stored in UTC); MONEY as { amount (minor units), currency }; STRING_LIST as a list of strings.',
  });

  const CustomerAttributeRef = builder.prismaObject('CustomerAttribute', {
    description: 'A custom field the shop declared with a type: ingestion checks its values, and conditions (customField) read them by type.',
    fields: (t) => ({
      name: t.exposeString('name'),
      type: t.expose('type', { type: CustomerAttributeTypeEnum }),
      description: t.exposeString('description', { nullable: true }),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
      updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    }),
  });

  builder.queryField('customerAttributes', (t) =>
    t.prismaField({
      type: [CustomerAttributeRef],
      description: 'The declared customer attributes, by name.',
      authScopes: { admin: true },
      resolve: (select) => prisma.customerAttribute.findMany({ ...select, orderBy: { name: 'asc' } }),
    }),
  );

  const CustomerAttributePayload = builder.simpleObject('CustomerAttributePayload', {
    fields: (f) => ({ customerAttribute: f.field({ type: CustomerAttributeRef }) }),
  });

  builder.mutationField('declareCustomerAttribute', (t) =>
    t.field({
      type: CustomerAttributePayload,
      description:
        "Declares a custom field's type, or changes its type or description. Refused (ConflictError) while customers hold values of the field that the type does not accept; ingestion checks every value from then on.",
      authScopes: { admin: true },
      errors: { types: [ConflictError] },
      args: {
        input: t.arg({
          type: builder.inputType('DeclareCustomerAttributeInput', {
            fields: (f) => ({
              name: f.string({ description: 'The custom field, e.g. "renewsOn": letters, digits and _.' }),
              type: f.field({ type: CustomerAttributeTypeEnum }),
              description: f.string({ required: false }),
            }),
            validate: attributeInputSchema,
          }),
        }),
      },
      resolve: async (_root, { input }) => ({ customerAttribute: await declareAttribute(input) }),
    }),
  );

  builder.mutationField('removeCustomerAttribute', (t) =>
    t.field({
      type: CustomerAttributePayload,
      description: "Forgets a declaration. Customers' values stay, as an undeclared field's; a list or money value can then no longer be written to it.",
      authScopes: { admin: true },
      errors: { types: [NotFoundError] },
      args: { name: t.arg.string({ validate: fieldNameSchema }) },
      resolve: async (_root, { name }) => ({ customerAttribute: await removeAttribute(name) }),
    }),
  );
}
