// Where stored logs name a customer: the values that identify them (ids, external ID, email) as
// SQL predicates over a JSON column or a text column. Erasure redacts what they find; the export
// shows it.
import { raw, sql, type Sql } from '@cohort/plugin-sdk';

export interface Person {
  internalId: string;
  globalId: string;
  externalId: string;
  email: string | null;
}

/** An audit entry's documents, as one text: a predicate on it covers the three. */
export const AUDIT_DOCUMENTS = `COALESCE(input::text, '') || COALESCE(before::text, '') || COALESCE(after::text, '')`;

export function mentionsOf(person: Person): { namesThem: (jsonColumn: string) => Sql; quotesThem: (textColumn: string) => Sql } {
  const values = [person.internalId, person.globalId, person.externalId, ...(person.email ? [person.email] : [])];
  // In a JSON document a value is quoted: "c-4" does not match "c-42".
  const quoted = values.map((value) => JSON.stringify(value));
  return {
    /** A JSON column (or expression) holds one of the values as a whole string. */
    namesThem: (jsonColumn) => sql`EXISTS (SELECT 1 FROM unnest(${quoted}::text[]) AS needle WHERE strpos((${raw(jsonColumn)})::text, needle) > 0)`,
    /** A text column contains one of the values anywhere (a receiver's answer, a reason). */
    quotesThem: (textColumn) => sql`EXISTS (SELECT 1 FROM unnest(${values}::text[]) AS needle WHERE strpos(${raw(textColumn)}, needle) > 0)`,
  };
}
