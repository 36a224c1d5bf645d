// Conditions on the shop's custom events (declared event types, sent with trackEvents):
// - eventCount: how many events of a type, with property filters, in a window
//   ("at least 3 email.opened with campaign = "spring" in the last 30 days");
// - eventShare: of the last N events of one type, how many were answered by an event of another
//   type sharing a property's value ("opened at least 5 of the last 6 emails sent": of the last
//   6 email.sent, at least 5 have an email.opened with the same messageId);
// - eventOccurrence: when the first or last event of a type happened (in a window, or a number of
//   whole days ago); a customer without such an event never matches.
// An event dated after now has not happened yet: it counts from its date, as orders do.
import {
  countRangeSchema,
  customerAggregateSql,
  DAY_MS,
  defineCondition,
  definePlugin,
  describeCount,
  describeEventFilters,
  describeWindow,
  eventMatchSql,
  eventPropertyFiltersSchema,
  eventPropertyNameSchema,
  eventsFact,
  eventTypeNameSchema,
  graphqlType,
  happenedBy,
  happenedBySql,
  inRange,
  inWindow,
  matchesEvent,
  nextWindowChange,
  rangeSql,
  shopValues,
  sql,
  timeWindowSchema,
  windowSql,
  z,
  type EventFact,
  type EventPropertyFilter,
  type EventPropertyValue,
  type Sql,
} from '@cohort/plugin-sdk';
import './global-types.js';

const eventsOf = (events: readonly EventFact[], type: string, where: readonly EventPropertyFilter[] | null | undefined) =>
  events.filter((event) => matchesEvent(event, type, where));

export const eventCount = defineCondition({
  type: 'eventCount',
  label: 'Number of custom events',
  params: z.object({
    eventType: shopValues('eventType', eventTypeNameSchema.describe('The event type, e.g. "email.opened".')),
    where: eventPropertyFiltersSchema.describe('Property filters (all must hold).'),
    count: countRangeSchema.describe('Bounds on the number of events, e.g. { atLeast: 3 }.'),
    within: timeWindowSchema.nullish(),
  }),
  facts: [eventsFact],
  evaluate({ eventType, where, count, within }, { events }, { now }) {
    return inRange(eventsOf(events, eventType, where).filter((event) => inWindow(event.occurredAt, within, now)).length, count);
  },
  toSql({ eventType, where, count, within }, { customer, now }) {
    const rows = sql`cohort_v1.events e WHERE ${eventMatchSql(sql`e`, eventType, where)} AND ${windowSql(sql`e.occurred_at`, within, now)}`;
    return customerAggregateSql({ customer, rows, customerColumn: sql`e.customer_id`, aggregate: sql`count(*)`, range: count, emptyMeans: 'zero' });
  },
  measure: {
    sql: ({ eventType, where, within }, { customer, now }) =>
      sql`(SELECT count(*) FROM cohort_v1.events e WHERE e.customer_id = ${customer} AND ${eventMatchSql(sql`e`, eventType, where)} AND ${windowSql(sql`e.occurred_at`, within, now)})`,
    holds: ({ count }, value) => inRange(Number(value ?? 0), count),
  },
  changesAt: ({ eventType, where, within }, { events }, { now }) =>
    nextWindowChange(
      within,
      eventsOf(events, eventType, where).map((event) => event.occurredAt),
      now,
    ),
  describe: ({ eventType, where, count, within }) => `${describeCount(count, `"${eventType}" event`)}${describeEventFilters(where)} ${describeWindow(within)}`,
});

const eventSelectionSchema = graphqlType(
  'EventSelectionInput',
  z.object({
    eventType: shopValues('eventType', eventTypeNameSchema.describe('The event type.')),
    where: eventPropertyFiltersSchema.describe('Property filters (all must hold).'),
  }),
  { description: 'Events of one type passing property filters.' },
);

const shareParams = z.object({
  of: eventSelectionSchema.describe('The events looked at, e.g. email.sent.'),
  last: z
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(1_000, 'must be at most 1000')
    .describe('How many of the latest `of` events (those in `within`, if given) are looked at.'),
  answeredBy: eventSelectionSchema.describe('The events that answer them, e.g. email.opened.'),
  matchOn: eventPropertyNameSchema.describe('The property whose value an answer shares with the event it answers, e.g. messageId.'),
  count: countRangeSchema.describe('Bounds on how many of them were answered, e.g. { atLeast: 5 }.'),
  within: timeWindowSchema.nullish().describe('Only `of` events in this window are looked at.'),
});
type ShareParams = z.infer<typeof shareParams>;

/** The last `last` denominators that happened in the window, latest first (by occurrence, then id). */
function lastDenominators({ of, last, within }: ShareParams, events: readonly EventFact[], now: Date): EventFact[] {
  return eventsOf(events, of.eventType, of.where)
    .filter((event) => inWindow(event.occurredAt, within, now))
    .sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime() || b.id - a.id)
    .slice(0, last);
}

function answeredCount(params: ShareParams, events: readonly EventFact[], now: Date): number {
  const answers = new Set<EventPropertyValue>();
  for (const event of eventsOf(events, params.answeredBy.eventType, params.answeredBy.where)) {
    const value = event.properties[params.matchOn];
    if (value !== undefined && happenedBy(event.occurredAt, now)) answers.add(value);
  }
  let answered = 0;
  for (const event of lastDenominators(params, events, now)) {
    const value = event.properties[params.matchOn];
    if (value !== undefined && answers.has(value)) answered += 1;
  }
  return answered;
}

/** The count in SQL, for the customer whose id is the expression `customerId`. */
function answeredCountSql({ of, last, answeredBy, matchOn, within }: ShareParams, customerId: Sql, now: Date): Sql {
  return sql`(SELECT count(*) FROM (
      SELECT d.properties -> ${matchOn}::text AS key FROM cohort_v1.events d
      WHERE d.customer_id = ${customerId} AND ${eventMatchSql(sql`d`, of.eventType, of.where)} AND ${windowSql(sql`d.occurred_at`, within, now)}
      ORDER BY d.occurred_at DESC, d.id DESC LIMIT ${last}
    ) AS looked_at
    WHERE EXISTS (SELECT 1 FROM cohort_v1.events a WHERE a.customer_id = ${customerId} AND ${eventMatchSql(sql`a`, answeredBy.eventType, answeredBy.where)}
      AND ${happenedBySql(sql`a.occurred_at`, now)} AND a.properties -> ${matchOn}::text = looked_at.key))`;
}

export const eventShare = defineCondition({
  type: 'eventShare',
  label: 'Custom events answered (of the last N)',
  params: shareParams,
  facts: [eventsFact],
  evaluate: (params, { events }, { now }) => inRange(answeredCount(params, events, now), params.count),
  // One lookup per customer: the last N of a customer's events of a type come from the (customer, type, time) index.
  toSql: (params, { customer, now }) => rangeSql(answeredCountSql(params, sql`${customer}.id`, now), params.count),
  measure: {
    sql: (params, { customer, now }) => answeredCountSql(params, customer, now),
    holds: (params, value) => inRange(Number(value ?? 0), params.count),
  },
  // Time changes the answer when an event dated after now happens (either kind), or when a rolling window drops an `of` event.
  changesAt({ of, answeredBy, within }, { events }, { now }) {
    const entering = nextWindowChange(
      null,
      eventsOf(events, answeredBy.eventType, answeredBy.where).map((event) => event.occurredAt),
      now,
    );
    const looked = nextWindowChange(
      within,
      eventsOf(events, of.eventType, of.where).map((event) => event.occurredAt),
      now,
    );
    if (!entering || !looked) return entering ?? looked;
    return entering < looked ? entering : looked;
  },
  describe: ({ of, last, answeredBy, matchOn, count, within }) =>
    `${describeCount(count, `"${answeredBy.eventType}" event`)}${describeEventFilters(answeredBy.where)} answering the last ${last} "${of.eventType}"${describeEventFilters(of.where)} ${describeWindow(within)} (same ${matchOn})`,
});

const occurrenceSchema = graphqlType('EventOccurrence', z.enum(['FIRST', 'LAST']), { description: 'The first or the last event of a type.' });

const occurrenceParams = z
  .object({
    eventType: shopValues('eventType', eventTypeNameSchema.describe('The event type.')),
    where: eventPropertyFiltersSchema.describe('Property filters (all must hold).'),
    occurrence: occurrenceSchema.describe('FIRST: the earliest such event; LAST: the latest that has happened.'),
    within: timeWindowSchema.nullish().describe('It happened in this window.'),
    daysAgo: countRangeSchema.nullish().describe('It happened this many whole days (24 hours) ago.'),
  })
  .refine((value) => (value.within == null) !== (value.daysAgo == null), { message: 'give exactly one of within, daysAgo' });
type OccurrenceParams = z.infer<typeof occurrenceParams>;

/** The instant of the first or last matching event that has happened (null: none), and the first one still to come. */
function occurrenceOf({ eventType, where, occurrence }: OccurrenceParams, events: readonly EventFact[], now: Date): { at: number | null; next: number } {
  let at: number | null = null;
  let next = Number.POSITIVE_INFINITY;
  for (const event of events) {
    if (!matchesEvent(event, eventType, where)) continue;
    const time = event.occurredAt.getTime();
    if (!happenedBy(event.occurredAt, now)) next = Math.min(next, time);
    else if (at === null || (occurrence === 'FIRST' ? time < at : time > at)) at = time;
  }
  return { at, next };
}

const occurrenceHolds = ({ within, daysAgo }: OccurrenceParams, at: number, now: Date) =>
  daysAgo ? inRange(Math.floor((now.getTime() - at) / DAY_MS), daysAgo) : inWindow(new Date(at), within, now);

const occurrenceSql = ({ eventType, where, occurrence }: OccurrenceParams, now: Date) => ({
  aggregate: occurrence === 'FIRST' ? sql`min(e.occurred_at)` : sql`max(e.occurred_at)`,
  rows: sql`cohort_v1.events e WHERE ${eventMatchSql(sql`e`, eventType, where)} AND ${happenedBySql(sql`e.occurred_at`, now)}`,
});

export const eventOccurrence = defineCondition({
  type: 'eventOccurrence',
  label: 'Date of the first or last custom event',
  params: occurrenceParams,
  facts: [eventsFact],
  evaluate(params, { events }, { now }) {
    const { at } = occurrenceOf(params, events, now);
    return at !== null && occurrenceHolds(params, at, now);
  },
  toSql(params, { customer, now }) {
    const { aggregate, rows } = occurrenceSql(params, now);
    const test = params.daysAgo
      ? rangeSql(sql`floor(extract(epoch from (${now}::timestamp - ${aggregate})) * 1000 / ${DAY_MS})`, params.daysAgo)
      : windowSql(aggregate, params.within, now);
    return sql`${customer}.id IN (SELECT e.customer_id FROM ${rows} GROUP BY e.customer_id HAVING ${test})`;
  },
  measure: {
    sql: (params, { customer, now }) => {
      const { aggregate, rows } = occurrenceSql(params, now);
      return sql`(SELECT ${aggregate} FROM ${rows} AND e.customer_id = ${customer})`;
    },
    holds: (params, value, { now }) => value instanceof Date && occurrenceHolds(params, value.getTime(), now),
  },
  // The last one is replaced by one dated after now at its date; the first one only by an
  // earlier one, which cannot come with time alone (but the first of none can). Whole days tick
  // over every 24 hours after it; a rolling window drops it.
  changesAt(params, { events }, { now }) {
    const { at, next } = occurrenceOf(params, events, now);
    let change = params.occurrence === 'LAST' || at === null ? next : Number.POSITIVE_INFINITY;
    if (at !== null) {
      if (params.daysAgo) change = Math.min(change, at + (Math.floor((now.getTime() - at) / DAY_MS) + 1) * DAY_MS);
      else change = Math.min(change, nextWindowChange(params.within, [new Date(at)], now)?.getTime() ?? Number.POSITIVE_INFINITY);
    }
    return Number.isFinite(change) ? new Date(change) : null;
  },
  describe: ({ eventType, where, occurrence, within, daysAgo }) =>
    `${occurrence === 'FIRST' ? 'first' : 'last'} "${eventType}"${describeEventFilters(where)} ${daysAgo ? `${describeCount(daysAgo, 'day')} ago` : describeWindow(within)}`,
});

export default definePlugin({ name: 'events', conditions: [eventCount, eventShare, eventOccurrence] });
