// The customer's own record and addresses: the fact behind every profile condition.
import { defineFact } from '../plugin-sdk/facts.js';
import type { Address, Customer } from '../generated/prisma/client.js';

export type CustomerProfile = Customer & { addresses: Address[] };

export const profileFact = defineFact({
  name: 'profile',
  empty: null as CustomerProfile | null,
  async load(customerIds, { prisma }) {
    const customers = await prisma.customer.findMany({ where: { id: { in: [...customerIds] } }, include: { addresses: true } });
    return new Map(customers.map((customer) => [customer.id, customer]));
  },
});
