// The privacy operations of the API: erasing a customer and exporting what Cohort holds about
// one (docs/privacy.md). Admin only.
import type { SchemaParts } from '../schema/builder.js';
import { CustomerRefInput } from '../customers/customer.graphql.js';
import { resolveCustomerRef } from '../customers/refs.js';
import { InvalidInputError, NotFoundError } from '../shared/errors.js';
import { eraseCustomer } from './erase.js';
import { customerDataExport } from './export.js';

export function registerPrivacyTypes({ builder }: SchemaParts) {
  const EraseCustomerPayload = builder.simpleObject('EraseCustomerPayload', {
    description: 'What erasing a customer did.',
    fields: (t) => ({
      erasedId: t.id({ description: "The erased customer's global ID: the identifier customer.erased carries. It names nothing any more." }),
      ordersKept: t.int({ description: "The shop's orders kept for its accounts, detached from the person." }),
      redemptionsKept: t.int({ description: 'Redemptions kept, detached from the person: usage limits and reports count them as before.' }),
    }),
  });

  builder.mutationField('eraseCustomer', (t) =>
    t.field({
      type: EraseCustomerPayload,
      description:
        "Erases a customer: their profile, addresses, custom fields, views, carts, wishlist, custom events, segment memberships and membership history, and what names them in the webhook log and the audit log. Orders and redemptions stay for the shop's accounts, detached from the person; ingesting the same external ID later creates a new, unrelated customer. Sends customer.erased. Admin only.",
      authScopes: { admin: true },
      errors: { types: [NotFoundError, InvalidInputError] },
      args: { input: t.arg({ type: builder.inputType('EraseCustomerInput', { fields: (f) => ({ customer: f.field({ type: CustomerRefInput }) }) }) }) },
      resolve: async (_root, { input }, context) => {
        const customerId = await resolveCustomerRef(input.customer, ['input', 'customer']);
        const erasure = await eraseCustomer(customerId, context.clock.now());
        // Erased between the lookup and the erasure, by another request.
        if (!erasure) throw new NotFoundError('Customer', input.customer.id ?? input.customer.externalId ?? '', ['input', 'customer']);
        return erasure;
      },
    }),
  );

  builder.queryField('customerDataExport', (t) =>
    t.field({
      type: 'JSONObject',
      description:
        'Everything Cohort holds about one customer, as one JSON document: profile, addresses, orders with their lines, redemptions, product views, carts, wishlist, custom events, segments, membership history, experiment arms, voucher holds, and the webhook events and audit log entries that name them. For admin and analyst keys.',
      authScopes: { admin: true },
      errors: { types: [NotFoundError, InvalidInputError] },
      args: { customer: t.arg({ type: CustomerRefInput }) },
      resolve: async (_root, { customer }, context) => {
        const customerId = await resolveCustomerRef(customer, ['customer']);
        const document = await customerDataExport(customerId, context.clock.now());
        if (!document) throw new NotFoundError('Customer', customer.id ?? customer.externalId ?? '', ['customer']);
        return document;
      },
    }),
  );
}
