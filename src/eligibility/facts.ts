// Loads the facts a set of rule trees needs for one customer: one query per fact kind,
// however many segments and conditions read it.
import { prisma } from '../db/client.js';
import type { FactDefinition, ShopContext } from '../plugin-sdk/facts.js';
import type { Clock } from '../shared/clock.js';

export async function loadCustomerFacts(customerId: string | null, facts: Iterable<FactDefinition>, clock: Clock, shop: ShopContext): Promise<Record<string, unknown>> {
  const definitions = [...facts];
  const values = await Promise.all(
    definitions.map(async (fact) => {
      if (customerId === null) return fact.empty;
      const loaded = await fact.load([customerId], { prisma, clock, shop });
      return loaded.has(customerId) ? loaded.get(customerId) : fact.empty;
    }),
  );
  return Object.fromEntries(definitions.map((fact, index) => [fact.name, values[index]]));
}
