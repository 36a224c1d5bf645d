// Facts: what conditions know about a customer. Each fact is loaded for many customers
// in one query, once per request, however many conditions use it.
import type { PrismaClient } from '../generated/prisma/client.js';
import type { Clock } from '../shared/clock.js';

export interface ShopContext {
  /** IANA time zone for calendar questions (birthdays, days of the week). */
  timeZone: string;
  /** An open cart untouched for this many minutes counts as abandoned. */
  cartAbandonmentMinutes: number;
}

export interface FactLoadContext {
  prisma: PrismaClient;
  clock: Clock;
  shop: ShopContext;
}

export interface FactDefinition<Name extends string = string, Value = unknown> {
  /** Unique name; conditions that name the same fact share one load. */
  readonly name: Name;
  /** Loads the fact for a batch of customers. Customers absent from the map get `empty`. */
  load(customerIds: readonly string[], context: FactLoadContext): Promise<Map<string, Value>>;
  /** The value for a customer with nothing recorded (and for anonymous shoppers). */
  readonly empty: Value;
}

export function defineFact<const Name extends string, Value>(definition: FactDefinition<Name, Value>): FactDefinition<Name, Value> {
  return Object.freeze({ ...definition });
}

/** Maps a tuple of fact definitions to the object of their values, keyed by name. */
export type FactValues<Facts extends readonly FactDefinition[]> = {
  [F in Facts[number] as F['name']]: F extends FactDefinition<string, infer V> ? V : never;
};
