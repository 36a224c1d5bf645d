// Facts: what conditions know about a customer. Each fact is loaded for many customers
// in one query, once per request, however many conditions use it.
import { sql, type Sql } from './sql.js';

export interface ShopContext {
  /** IANA time zone for calendar questions (birthdays, days of the week). */
  timeZone: string;
  /** An open cart untouched for this many minutes counts as abandoned. */
  cartAbandonmentMinutes: number;
}

/** A statement as drivers take it: what the `sql` tag gives. */
export interface Statement {
  readonly text: string;
  readonly values: readonly unknown[];
}

/**
 * Runs a read and returns plain rows: int8 as numbers, timestamps as UTC Dates, json and
 * jsonb parsed (select arrays and enums as json or text).
 */
export type Query = <Row extends object>(statement: Statement) => Promise<Row[]>;

/** How Cohort reads values back, by PostgreSQL type OID: the contract `Query` describes. */
export const valueParsers: Readonly<Record<number, (value: string) => unknown>> = {
  // timestamp(3), as Cohort stores instants: UTC whatever the process's zone.
  1114: (value) => new Date(`${value.replace(' ', 'T')}Z`),
  1184: (value) => new Date(value),
  1082: (value) => new Date(`${value}T00:00:00Z`),
  20: (value) => Number(value),
  114: (value) => JSON.parse(value),
  3802: (value) => JSON.parse(value),
};

export interface FactLoadContext {
  /** Reads with SQL over the data contract's views (cohort_v1.*). */
  query: Query;
  /** The request's time. */
  now: Date;
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

export function defineFact<const Name extends string, Value>(definition: FactDefinition<Name, Value>): FactDefinition<Name, Value> {
  return Object.freeze({ ...definition });
}

/**
 * A fact read with SQL, as one JSON value per customer: over the data contract's views, or over
 * tables of your own (a gift-card table your plugin's installation adds, as below). All the SQL facts a request needs
 * (for a storefront request: every fact of the live segments and cart rules) are read in a
 * single statement together with the customer, so a fact costs a subquery, not a round trip.
 *
 *   defineSqlFact({
 *     name: 'giftCards',
 *     empty: [],
 *     json: (customer) => sql`(SELECT COALESCE(json_agg(g.balance), '[]') FROM acme.gift_cards g WHERE g.customer_id = ${customer})`,
 *     parse: (json) => json as number[],
 *   })
 */
export function defineSqlFact<const Name extends string, Value>(definition: { name: Name; empty: Value } & SqlFactParts<Value>): FactDefinition<Name, Value> {
  const parts: SqlFactParts<Value> = { json: definition.json, parse: definition.parse };
  return defineFact({
    name: definition.name,
    empty: definition.empty,
    sql: parts,
    async load(customerIds, { query }) {
      const rows = await query<{ id: string; value: unknown }>(
        sql`SELECT "_customer".id, ${parts.json(sql`"_customer".id`)} AS value FROM cohort_v1.customers "_customer" WHERE "_customer".id = ANY(${[...customerIds]}::text[])`,
      );
      return new Map(rows.map((row) => [row.id, parts.parse(row.value)]));
    },
  });
}

/**
 * A timestamp or date column as JSON milliseconds since the epoch (UTC), which `jsonDate`
 * turns back into a Date far faster than it parses a string.
 */
export function jsonTimestamp(column: Sql): Sql {
  return sql`(extract(epoch from ${column}) * 1000)::bigint`;
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
