// Facts: what conditions know about a customer. Each fact is loaded for many customers
// in one query, once per request, however many conditions use it.
import type { QueryRows } from '../db/sql.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { join as joinTag, raw as rawTag, sql as sqlTag, type Sql } from '../generated/prisma/internal/prismaNamespace.js';
import type { Clock } from '../shared/clock.js';

export interface ShopContext {
  /** IANA time zone for calendar questions (birthdays, days of the week). */
  timeZone: string;
  /** An open cart untouched for this many minutes counts as abandoned. */
  cartAbandonmentMinutes: number;
}

export interface FactLoadContext {
  /**
   * Lean reads: `query<Row>(sql\`SELECT …\`)` returns plain rows (int8 as numbers, timestamps
   * as UTC Dates, json parsed; select arrays and enums as json or text). Facts on the
   * storefront's hot path should use it: it costs a fraction of a Prisma query.
   */
  query: QueryRows;
  /** The Prisma client, for facts that prefer its query API. */
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
  /** Present on SQL facts (`defineSqlFact`): Cohort reads all of a request's SQL facts in one statement. */
  readonly sql?: SqlFactParts<Value>;
}

export interface SqlFactParts<Value> {
  /** A SQL expression giving the fact as one JSON value, for the customer whose id is the expression `customer`. */
  json(customer: Sql): Sql;
  /** Turns that JSON into the fact's value (give timestamps with `jsonTimestamp`, read them with `jsonDate`). */
  parse(json: unknown): Value;
}

/** The customer's id in statements that read SQL facts (the alias is chosen not to clash with a fact's own). */
export const SHOPPER_ID = rawTag('"_shopper".id');

export function defineFact<const Name extends string, Value>(definition: FactDefinition<Name, Value>): FactDefinition<Name, Value> {
  return Object.freeze({ ...definition });
}

/**
 * A fact read with SQL, as one JSON value per customer. All the SQL facts a request needs
 * (for a storefront request: every fact of the live segments and cart rules) are read in a
 * single statement together with the customer, so a fact costs a subquery, not a round trip.
 *
 *   defineSqlFact({
 *     name: 'giftCards',
 *     empty: [],
 *     json: (customer) => sql`(SELECT COALESCE(json_agg(g.balance), '[]') FROM gift_cards g WHERE g.customer_id = ${customer})`,
 *     parse: (json) => json as number[],
 *   })
 */
export function defineSqlFact<const Name extends string, Value>(definition: { name: Name; empty: Value } & SqlFactParts<Value>): FactDefinition<Name, Value> {
  const fact: FactDefinition<Name, Value> = defineFact({
    name: definition.name,
    empty: definition.empty,
    sql: { json: definition.json, parse: definition.parse },
    async load(customerIds, { query }) {
      const rows = await readSqlFacts(query, [fact], customersWithIds(customerIds));
      return new Map(rows.map((row) => [row.id, row.facts[0] as Value]));
    },
  });
  return fact;
}

/** The customers whose ids are among `ids`, for `readSqlFacts`. */
export const customersWithIds = (ids: Iterable<string>) => sqlTag`"_shopper".id = ANY(${[...ids]}::text[])`;

/**
 * Core, not SDK: reads the SQL facts `facts` (and `extra` JSON expressions) of the customers
 * matching `where` (a condition on the customer aliased "_shopper") in one statement. Every
 * path that reads SQL facts goes through here.
 */
export async function readSqlFacts(query: QueryRows, facts: FactDefinition[], where: Sql, extra: Sql[] = []): Promise<{ id: string; facts: unknown[]; extra: unknown[] }[]> {
  const columns = [
    sqlTag`"_shopper".id`,
    ...facts.map((fact, index) => sqlTag`${(fact.sql as SqlFactParts<unknown>).json(SHOPPER_ID)} AS ${rawTag(`"f${index}"`)}`),
    ...extra.map((expression, index) => sqlTag`${expression} AS ${rawTag(`"x${index}"`)}`),
  ];
  const rows = await query<Record<string, unknown> & { id: string }>(sqlTag`SELECT ${joinTag(columns)} FROM "Customer" "_shopper" WHERE ${where}`);
  return rows.map((row) => ({
    id: row.id,
    facts: facts.map((fact, index) => (fact.sql as SqlFactParts<unknown>).parse(row[`f${index}`])),
    extra: extra.map((_, index) => row[`x${index}`]),
  }));
}

/**
 * A timestamp or date column as JSON milliseconds since the epoch (UTC), which `jsonDate`
 * turns back into a Date far faster than it parses a string.
 */
export function jsonTimestamp(column: Sql): Sql {
  return sqlTag`(extract(epoch from ${column}) * 1000)::bigint`;
}

/** A timestamp read from JSON (milliseconds from `jsonTimestamp`, or an ISO string in UTC) as a Date. */
export function jsonDate(value: number | string): Date;
export function jsonDate(value: number | string | null): Date | null;
export function jsonDate(value: number | string | null): Date | null {
  if (value === null) return null;
  if (typeof value === 'number') return new Date(value);
  return new Date(value.length === 10 ? `${value}T00:00:00Z` : value.endsWith('Z') || /[+-]\d\d:\d\d$/.test(value) ? value : `${value}Z`);
}

/** Maps a tuple of fact definitions to the object of their values, keyed by name. */
export type FactValues<Facts extends readonly FactDefinition[]> = {
  [F in Facts[number] as F['name']]: F extends FactDefinition<string, infer V> ? V : never;
};
