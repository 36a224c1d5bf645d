// Facts in a request. Every fact asked for in the same tick is loaded together: all SQL facts
// (defineSqlFact) in one statement for all the customers asked about, other facts with one
// `load` call each. Values are cached for the request, so asking for the facts of many
// customers (a page of customers with their segments) costs a fixed number of queries.
// The storefront's hot path goes further: `readShopper` resolves the customer and reads every
// fact the live promotions need in the same statement, and returns them.
import { join, raw, sql, type FactDefinition, type ShopContext, type Sql, type SqlFactParts } from '@cohort/plugin-sdk';
import DataLoader from 'dataloader';
import { query } from '../db/client.js';
import type { QueryRows } from '../db/sql.js';
import { getShopContext } from '../settings/shop-context.js';
import type { Clock } from '../shared/clock.js';

/** The customer's id in statements that read SQL facts (the alias is chosen not to clash with a fact's own). */
export const SHOPPER_ID = raw('"_shopper".id');

/** The customers whose ids are among `ids`, for `readSqlFacts`. */
export const customersWithIds = (ids: Iterable<string>) => sql`"_shopper".id = ANY(${[...ids]}::text[])`;

/**
 * Reads the SQL facts `facts` (and `extra` JSON expressions) of the customers matching `where`
 * (a condition on the customer aliased "_shopper") in one statement. Every path that reads
 * SQL facts goes through here.
 */
export async function readSqlFacts(
  read: QueryRows,
  facts: FactDefinition[],
  where: Sql,
  extra: Sql[] = [],
): Promise<{ id: string; facts: unknown[]; extra: unknown[] }[]> {
  const columns = [
    sql`"_shopper".id`,
    ...facts.map((fact, index) => sql`${(fact.sql as SqlFactParts<unknown>).json(SHOPPER_ID)} AS ${raw(`"f${index}"`)}`),
    ...extra.map((expression, index) => sql`${expression} AS ${raw(`"x${index}"`)}`),
  ];
  const rows = await read<Record<string, unknown> & { id: string }>(sql`SELECT ${join(columns)} FROM cohort_v1.customers "_shopper" WHERE ${where}`);
  return rows.map((row) => ({
    id: row.id,
    facts: facts.map((fact, index) => (fact.sql as SqlFactParts<unknown>).parse(row[`f${index}`])),
    extra: extra.map((_, index) => row[`x${index}`]),
  }));
}

export type LoadFact = <Value>(fact: FactDefinition<string, Value>, customerId: string) => Promise<Value>;

interface FactKey {
  fact: FactDefinition;
  customerId: string;
}

const keyOf = (fact: FactDefinition, customerId: string) => `${fact.name}\u0000${customerId}`;

export function createFactLoader(clock: Clock): LoadFact {
  const loader = new DataLoader<FactKey, unknown, string>(
    async (keys) => {
      const values = new Map<string, unknown>();
      const sqlFacts = new Map<string, FactDefinition>();
      const otherFacts = new Map<string, { fact: FactDefinition; customerIds: Set<string> }>();
      const customerIds = new Set<string>();
      for (const { fact, customerId } of keys) {
        customerIds.add(customerId);
        if (fact.sql) sqlFacts.set(fact.name, fact);
        else (otherFacts.get(fact.name) ?? otherFacts.set(fact.name, { fact, customerIds: new Set() }).get(fact.name))?.customerIds.add(customerId);
      }
      const sqlList = [...sqlFacts.values()];
      const readSqlList = async () => {
        if (sqlList.length === 0) return;
        for (const row of await readSqlFacts(query, sqlList, customersWithIds(customerIds)))
          sqlList.forEach((fact, index) => values.set(keyOf(fact, row.id), row.facts[index]));
      };
      const readOtherFacts = [...otherFacts.values()].map(async ({ fact, customerIds: ids }) => {
        const now = clock.now();
        const loaded = await fact.load([...ids], { query, now, shop: await getShopContext(now) });
        for (const [id, value] of loaded) values.set(keyOf(fact, id), value);
      });
      await Promise.all([readSqlList(), ...readOtherFacts]);
      return keys.map(({ fact, customerId }) => {
        const key = keyOf(fact, customerId);
        return values.has(key) ? values.get(key) : fact.empty;
      });
    },
    { cacheKeyFn: ({ fact, customerId }) => keyOf(fact, customerId) },
  );
  return <Value>(fact: FactDefinition<string, Value>, customerId: string) => loader.load({ fact, customerId }) as Promise<Value>;
}

export type ShopperRef = { id: string } | { externalId: string };

/**
 * Resolves a customer and reads the facts `facts` about them: the SQL facts in one statement
 * with the customer (and `extra`, more JSON expressions read in the same statement: the cart's
 * products, measures), the others with one load each. Returns the facts by name and the extra
 * values; null if no such customer.
 */
export async function readShopper<Extra extends string = never>(
  ref: ShopperRef,
  facts: readonly FactDefinition[],
  context: { now: Date; shop: ShopContext },
  extra: Record<Extra, Sql> = {} as Record<Extra, Sql>,
): Promise<{ customerId: string; facts: Record<string, unknown>; extra: Record<Extra, unknown> } | null> {
  const sqlFacts = facts.filter((fact) => fact.sql);
  const extraNames = Object.keys(extra) as Extra[];
  const where = 'id' in ref ? sql`"_shopper".id = ${ref.id}` : sql`"_shopper".external_id = ${ref.externalId}`;
  const [row] = await readSqlFacts(
    query,
    sqlFacts,
    where,
    extraNames.map((name) => extra[name]),
  );
  if (!row) return null;
  const values: Record<string, unknown> = {};
  sqlFacts.forEach((fact, index) => (values[fact.name] = row.facts[index]));
  await Promise.all(
    facts
      .filter((fact) => !fact.sql)
      .map(async (fact) => {
        const loaded = await fact.load([row.id], { query, ...context });
        values[fact.name] = loaded.has(row.id) ? loaded.get(row.id) : fact.empty;
      }),
  );
  const extraValues = {} as Record<Extra, unknown>;
  extraNames.forEach((name, index) => (extraValues[name] = row.extra[index]));
  return { customerId: row.id, facts: values, extra: extraValues };
}
