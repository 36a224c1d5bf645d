// Facts in a request: one DataLoader per fact, so asking for the facts of many customers
// (a page of customers with their segments, say) costs one query per fact, not per customer.
import DataLoader from 'dataloader';
import { prisma } from '../db/client.js';
import type { FactDefinition } from '../plugin-sdk/facts.js';
import { getShopContext } from '../settings/shop-context.js';
import type { Clock } from '../shared/clock.js';

export type LoadFact = <Value>(fact: FactDefinition<string, Value>, customerId: string) => Promise<Value>;

export function createFactLoader(clock: Clock): LoadFact {
  const loaders = new Map<string, DataLoader<string, unknown>>();
  return async (fact, customerId) => {
    let loader = loaders.get(fact.name);
    if (!loader) {
      loader = new DataLoader(async (customerIds) => {
        const loaded = await fact.load(customerIds, { prisma, clock, shop: await getShopContext() });
        return customerIds.map((id) => (loaded.has(id) ? loaded.get(id) : fact.empty));
      });
      loaders.set(fact.name, loader);
    }
    return loader.load(customerId) as Promise<typeof fact.empty>;
  };
}
