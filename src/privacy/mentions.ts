// Where stored logs name a customer, as SQL predicates. Erasure redacts or deletes what they
// find; the export shows it.
//
// Only values that are the person's alone are matched anywhere: the internal id and the global
// ID (random and unique to the customer). The external id and the email are the shop's strings
// (an external id like "1001" is also some order's, a promotion's global ID can be chosen as one),
// so they count only where they denote a customer:
// - a webhook event: its `data.customer` object (the customer events carry);
// - an audit entry: a customer reference in the input (`customer: { externalId }`,
//   `customers: [{ externalId }]`, whatever the mutation) or upsertCustomer's own `input.externalId`.
//   Its snapshots (before, after) name a customer by the row's id and global ID, which match anywhere.
// - a receiver's answer, a delivery's or try's failure text: only those of the person's own events.
import { raw, sql, type Sql } from '@cohort/plugin-sdk';

export interface Person {
  internalId: string;
  globalId: string;
  externalId: string;
  email: string | null;
}

/** The values that are the person's alone, as a JSON document quotes them ("c-4" does not match "c-42"). */
function uniqueValues(person: Person): string[] {
  return [person.internalId, person.globalId];
}

/** A text (a JSON document cast to text, or a column) contains one of the values. */
const containsAny = (text: Sql, values: string[]) => sql`EXISTS (SELECT 1 FROM unnest(${values}::text[]) AS needle WHERE strpos(${text}, needle) > 0)`;

/** A webhook event (its `payload` column, or the alias given) is about the person. */
export function eventNamesThem(person: Person, payload = 'payload'): Sql {
  const column = raw(payload);
  const quoted = uniqueValues(person).map((value) => JSON.stringify(value));
  return sql`(${containsAny(sql`(${column})::text`, quoted)}
    OR ${column} #>> '{data,customer,externalId}' = ${person.externalId}
    OR (${person.email}::text IS NOT NULL AND ${column} #>> '{data,customer,email}' = ${person.email}::text))`;
}

/** An audit entry (the "AuditEntry" row, its columns unqualified) names the person. */
export function auditNamesThem(person: Person): Sql {
  const quoted = uniqueValues(person).map((value) => JSON.stringify(value));
  const documents = sql`(COALESCE(input::text, '') || COALESCE(before::text, '') || COALESCE(after::text, ''))`;
  const ref = JSON.stringify({ x: person.externalId });
  return sql`(${containsAny(documents, quoted)}
    OR (input IS NOT NULL AND jsonb_path_exists(input, '$.** ? (@.customer.externalId == $x || @.customers[*].externalId == $x)', ${ref}::jsonb))
    OR (operation = 'upsertCustomer' AND input #>> '{input,externalId}' = ${person.externalId}))`;
}

/**
 * A text column quotes the person: their ids anywhere; their external id or email only when
 * `own` (an SQL condition: the row belongs to one of their own events).
 */
export function quotesThem(person: Person, textColumn: string, own: Sql): Sql {
  const shared = [person.externalId, ...(person.email ? [person.email] : [])];
  const column = raw(textColumn);
  return sql`(${containsAny(column, uniqueValues(person))} OR (${own} AND ${containsAny(column, shared)}))`;
}
