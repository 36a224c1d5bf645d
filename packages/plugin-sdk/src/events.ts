// Custom events: what the shop reports that a customer did ("email.sent", "email.opened"), each
// of a type the shop declared, with a flat object of declared properties. The fact every event
// condition reads, and property filters that mean the same in memory and in SQL.
import { z } from 'zod';
import { defineSqlFact, jsonDate, jsonTimestamp } from './facts.js';
import { graphqlType } from './graphql.js';
import { join, sql, type Sql } from './sql.js';

/** A property's value: instants arrive as ISO 8601 strings in UTC ("2026-11-23T10:00:00.000Z"). */
export type EventPropertyValue = string | number | boolean;

export interface EventFact {
  /** Cohort's id: events at the same instant are ordered by it (the order they were received in). */
  id: number;
  type: string;
  occurredAt: Date;
  properties: Readonly<Record<string, EventPropertyValue>>;
}

/**
 * Every event of the customer, oldest first (by occurrence, then id), those dated after now
 * included (filter them with `inWindow` or `happenedBy`). Anonymous shoppers have none: their
 * events become the customer's when they identify.
 */
export const eventsFact = defineSqlFact({
  name: 'events',
  empty: [] as EventFact[],
  json: (customer) => sql`(
    SELECT COALESCE(json_agg(json_build_array(e.id, e.type, ${jsonTimestamp(sql`e.occurred_at`)}, e.properties) ORDER BY e.occurred_at, e.id), '[]')
    FROM cohort_v1.events e WHERE e.customer_id = ${customer})`,
  parse: (json) =>
    (json as [number, string, number, Record<string, EventPropertyValue>][]).map(([id, type, occurredAt, properties]): EventFact => ({
      id,
      type,
      occurredAt: jsonDate(occurredAt),
      properties,
    })),
});

/** Names of event types and properties as the shop declares them: "email.opened", "campaign". */
export const eventTypeNameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters')
  .regex(/^[A-Za-z][A-Za-z0-9_.:-]*$/, 'must start with a letter and hold only letters, digits and . _ : -');
export const eventPropertyNameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must start with a letter or _ and hold only letters, digits and _');

const filterText = z.string().max(1_000, 'must be at most 1000 characters');

/** GraphQL's EventPropertyFilterInput: one test on one property. */
export const eventPropertyFilterSchema = graphqlType(
  'EventPropertyFilterInput',
  z
    .object({
      property: eventPropertyNameSchema.describe('The property tested, as the event type declares it.'),
      equals: filterText.nullish().describe('A string property equals this.'),
      oneOf: z.array(filterText).min(1, 'give at least one value').max(100, 'give at most 100 values').nullish().describe('A string property is one of these.'),
      atLeast: z.number().nullish().describe('A number property is this or more.'),
      atMost: z.number().nullish().describe('A number property is this or less.'),
      is: z.boolean().nullish().describe('A boolean property is this.'),
    })
    .refine(
      (filter) =>
        [filter.equals != null, filter.oneOf != null, filter.atLeast != null || filter.atMost != null, filter.is != null].filter(Boolean).length === 1,
      { message: 'give exactly one test: equals, oneOf, atLeast and/or atMost, or is' },
    )
    .refine((filter) => filter.atLeast == null || filter.atMost == null || filter.atLeast <= filter.atMost, {
      message: 'atMost must not be below atLeast',
      path: ['atMost'],
    }),
  {
    description:
      'A test on one property of an event: equals or oneOf (strings), atLeast and/or atMost (numbers, inclusive), or is (booleans). An event without the property, or with a value of another type, fails it.',
  },
);
export type EventPropertyFilter = z.infer<typeof eventPropertyFilterSchema>;

/** Filters of one condition: all must hold. */
export const eventPropertyFiltersSchema = z.array(eventPropertyFilterSchema).max(10, 'give at most 10 property filters').nullish();

/** Does the value pass the filter? Allocation-free. */
function passes(filter: EventPropertyFilter, value: EventPropertyValue | undefined): boolean {
  if (filter.equals != null) return typeof value === 'string' && value === filter.equals;
  if (filter.oneOf != null) return typeof value === 'string' && filter.oneOf.includes(value);
  if (filter.is != null) return value === filter.is;
  if (typeof value !== 'number') return false;
  return (filter.atLeast == null || value >= filter.atLeast) && (filter.atMost == null || value <= filter.atMost);
}

/** Is the event of `type`, and does it pass every filter? */
export function matchesEvent(event: EventFact, type: string, filters: readonly EventPropertyFilter[] | null | undefined): boolean {
  if (event.type !== type) return false;
  for (const filter of filters ?? []) if (!passes(filter, event.properties[filter.property])) return false;
  return true;
}

/** The same test in SQL for the events row `alias` (of cohort_v1.events). */
export function eventMatchSql(alias: Sql, type: string, filters: readonly EventPropertyFilter[] | null | undefined): Sql {
  const tests = (filters ?? []).map((filter) => {
    const json = sql`(${alias}.properties -> ${filter.property}::text)`;
    const text = sql`(${alias}.properties ->> ${filter.property}::text)`;
    if (filter.equals != null) return sql`jsonb_typeof(${json}) = 'string' AND ${text} = ${filter.equals}::text`;
    if (filter.oneOf != null) return sql`jsonb_typeof(${json}) = 'string' AND ${text} = ANY(${filter.oneOf}::text[])`;
    if (filter.is != null) return sql`${json} = to_jsonb(${filter.is}::boolean)`;
    // A number's text is read back as the double it was written from (the shortest text that gives it).
    const number = sql`(CASE WHEN jsonb_typeof(${json}) = 'number' THEN ${text}::float8 END)`;
    const bounds = [
      filter.atLeast != null ? sql`${number} >= ${filter.atLeast}::float8` : null,
      filter.atMost != null ? sql`${number} <= ${filter.atMost}::float8` : null,
    ].filter((bound): bound is Sql => bound !== null);
    return sql`COALESCE(${join(bounds, ' AND ')}, FALSE)`;
  });
  return join([sql`${alias}.type = ${type}::text`, ...tests], ' AND ');
}

/** "with campaign = "spring" and score at least 3". */
export function describeEventFilters(filters: readonly EventPropertyFilter[] | null | undefined): string {
  if (!filters || filters.length === 0) return '';
  const each = filters.map((filter) => {
    if (filter.equals != null) return `${filter.property} = ${JSON.stringify(filter.equals)}`;
    if (filter.oneOf != null) return `${filter.property} one of ${filter.oneOf.map((value) => JSON.stringify(value)).join(', ')}`;
    if (filter.is != null) return `${filter.property} is ${filter.is}`;
    if (filter.atLeast != null && filter.atMost != null) return `${filter.property} between ${filter.atLeast} and ${filter.atMost}`;
    return filter.atLeast != null ? `${filter.property} at least ${filter.atLeast}` : `${filter.property} at most ${filter.atMost}`;
  });
  return ` with ${each.join(' and ')}`;
}
