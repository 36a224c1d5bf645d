// Custom profile fields (the shop's own JSON fields, typed when the shop declares them as customer
// attributes): equals, contains, a numeric or money range, true, a date or instant within days
// of now, or a list holding any or all of some values. Values are compared by kind: `equals`
// compares text forms ("42" equals 42), `contains` applies to text values only, `atLeast` /
// `atMost` to numbers (with `currency`, to money `{ amount, currency }` in minor units), `isTrue`
// to booleans, `within` to dates ("2026-12-14") and instants ("2026-12-14T09:30:00.000Z", as
// Cohort stores a declared INSTANT), `containsAny` / `containsAll` to lists of text. Text is
// compared without regard to case. "Today" is the calendar day in the shop's time zone.
import {
  calendarDate,
  DAY_MS,
  defineCondition,
  definePlugin,
  profileFact,
  shopValues,
  sql,
  startOfDay,
  z,
  type CalendarDate,
  type Sql,
} from '@cohort/plugin-sdk';
import './global-types.js';

const days = z.number().int().min(0, 'must be 0 or more').max(36_500, 'must be at most 36500 days');
const values = z.array(z.string().min(1, 'must not be empty').max(200)).min(1, 'give at least one value').max(50, 'give at most 50 values');

const params = z
  .object({
    field: shopValues(
      'customFieldName',
      z
        .string()
        .regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'field names are letters, digits and _')
        .describe('The custom field name, e.g. "shoeSize".'),
    ),
    equals: shopValues('customFieldValue', z.string().nullish().describe('The value, as text, equals this (case-insensitive).')),
    contains: shopValues('customFieldValue', z.string().min(1, 'must not be empty').nullish().describe('A text value contains this (case-insensitive).')),
    atLeast: z.number().finite().nullish().describe('A numeric value (with currency: a money amount in minor units) is at least this.'),
    atMost: z.number().finite().nullish().describe('A numeric value (with currency: a money amount in minor units) is at most this.'),
    currency: z
      .string()
      .regex(/^[A-Za-z]{3}$/, 'must be an ISO 4217 code, e.g. "EUR"')
      .transform((code) => code.toUpperCase())
      .nullish()
      .describe('With atLeast/atMost: the value is money { amount, currency } in this currency.'),
    isTrue: z.boolean().nullish().describe('A boolean value is this.'),
    within: z
      .object({
        lastDays: days.nullish().describe('From this many days before today (before now, for an instant).'),
        nextDays: days.nullish().describe('To this many days after today (after now, for an instant).'),
      })
      .refine((window) => window.lastDays != null || window.nextDays != null, { message: 'give lastDays, nextDays or both' })
      .nullish()
      .describe('A date or instant value is within these days of today, both ends included: { nextDays: 7 } is "from today to 7 days from now".'),
    containsAny: values.nullish().describe('A list value holds at least one of these (case-insensitive).'),
    containsAll: values.nullish().describe('A list value holds every one of these (case-insensitive).'),
  })
  .refine(
    (value) =>
      [
        value.equals != null,
        value.contains != null,
        value.atLeast != null || value.atMost != null,
        value.isTrue != null,
        value.within != null,
        value.containsAny != null,
        value.containsAll != null,
      ].filter(Boolean).length === 1,
    { message: 'give exactly one of equals, contains, atLeast/atMost, isTrue, within, containsAny, containsAll' },
  )
  .refine((value) => value.currency == null || value.atLeast != null || value.atMost != null, {
    message: 'currency goes with atLeast/atMost',
    path: ['currency'],
  });

type Params = z.infer<typeof params>;

const textOf = (value: unknown) => (typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : null);

// ─── Dates and instants, read the same way in memory and in SQL ──────────────
// Only the forms Cohort stores are read: "YYYY-MM-DD" and "YYYY-MM-DDTHH:MM:SS.mmmZ". A day or
// an hour out of range rolls over the same way on both sides (2026-02-30 is 2 March), so an
// undeclared field holding a date-like string never fails a query.
const DATE = /^(?!0000)[0-9]{4}-(0[1-9]|1[0-2])-[0-9]{2}$/;
const INSTANT = /^(?!0000)[0-9]{4}-(0[1-9]|1[0-2])-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z$/;

/** The UTC instant of a stored date (its midnight) or instant, rolled over as SQL does. */
function readTime(text: string): { date: CalendarDate } | { instant: Date } | null {
  const isDate = DATE.test(text);
  if (!isDate && !INSTANT.test(text)) return null;
  const time = new Date(0);
  time.setUTCFullYear(Number(text.slice(0, 4)), Number(text.slice(5, 7)) - 1, Number(text.slice(8, 10)));
  if (isDate) return { date: { year: time.getUTCFullYear(), month: time.getUTCMonth() + 1, day: time.getUTCDate() } };
  time.setUTCHours(Number(text.slice(11, 13)), Number(text.slice(14, 16)), Number(text.slice(17, 19)), Number(text.slice(20, 23)));
  return { instant: time };
}

const addDays = (date: CalendarDate, count: number): CalendarDate => {
  const moved = new Date(Date.UTC(2000, date.month - 1, date.day));
  moved.setUTCFullYear(date.year, date.month - 1, date.day + count);
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
};
const ordinal = (date: CalendarDate) => date.year * 10_000 + date.month * 100 + date.day;
const isoDate = (date: CalendarDate) => `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;

/** The window of `within` around `now`: calendar days from today in the shop's zone, milliseconds around now. */
function windowOf(within: NonNullable<Params['within']>, now: Date, timeZone: string) {
  const last = within.lastDays ?? 0;
  const next = within.nextDays ?? 0;
  const today = calendarDate(now, timeZone);
  return {
    last,
    next,
    firstDay: addDays(today, -last),
    lastDay: addDays(today, next),
    from: new Date(now.getTime() - last * DAY_MS),
    to: new Date(now.getTime() + next * DAY_MS),
  };
}

function withinWindow(value: unknown, within: NonNullable<Params['within']>, now: Date, timeZone: string): boolean {
  const time = typeof value === 'string' ? readTime(value) : null;
  if (!time) return false;
  const window = windowOf(within, now, timeZone);
  if ('date' in time) return ordinal(window.firstDay) <= ordinal(time.date) && ordinal(time.date) <= ordinal(window.lastDay);
  return window.from.getTime() <= time.instant.getTime() && time.instant.getTime() <= window.to.getTime();
}

const money = (value: unknown) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { amount, currency } = value as Record<string, unknown>;
  return typeof amount === 'number' && typeof currency === 'string' ? { amount, currency: currency.toUpperCase() } : null;
};

const listOf = (value: unknown) =>
  Array.isArray(value) ? new Set(value.filter((item): item is string => typeof item === 'string').map((item) => item.toLowerCase())) : null;

export const customField = defineCondition({
  type: 'customField',
  label: 'Custom profile field',
  params,
  facts: [profileFact],
  evaluate({ field, equals, contains, atLeast, atMost, currency, isTrue, within, containsAny, containsAll }, { profile }, { now, shop }) {
    const fields = (profile?.customFields ?? {}) as Record<string, unknown>;
    if (!Object.hasOwn(fields, field)) return false;
    const value = fields[field];
    if (equals != null) return textOf(value)?.toLowerCase() === equals.toLowerCase();
    if (contains != null) return typeof value === 'string' && value.toLowerCase().includes(contains.toLowerCase());
    if (isTrue != null) return typeof value === 'boolean' && value === isTrue;
    if (within != null) return withinWindow(value, within, now, shop.timeZone);
    if (containsAny != null || containsAll != null) {
      const held = listOf(value);
      if (!held) return false;
      return containsAny != null
        ? containsAny.some((wanted) => held.has(wanted.toLowerCase()))
        : containsAll!.every((wanted) => held.has(wanted.toLowerCase()));
    }
    const held = currency != null ? money(value) : null;
    const amount = currency != null ? (held?.currency === currency ? held.amount : null) : typeof value === 'number' ? value : null;
    return amount !== null && (atLeast == null || amount >= atLeast) && (atMost == null || amount <= atMost);
  },
  toSql({ field, equals, contains, atLeast, atMost, currency, isTrue, within, containsAny, containsAll }, { customer, now, shop }) {
    const value = sql`(${customer}.custom_fields -> ${field})`;
    const text = sql`(${customer}.custom_fields ->> ${field})`;
    const kind = sql`jsonb_typeof(${value})`;
    if (equals != null) return sql`${kind} IN ('string', 'number', 'boolean') AND lower(${text}) = ${equals.toLowerCase()}`;
    if (contains != null) return sql`${kind} = 'string' AND strpos(lower(${text}), ${contains.toLowerCase()}) > 0`;
    if (isTrue != null) return sql`${kind} = 'boolean' AND (${text})::boolean = ${isTrue}`;
    if (within != null) return withinSql(value, text, within, now, shop.timeZone);
    if (containsAny != null || containsAll != null) {
      const wanted = [...new Set((containsAny ?? containsAll)!.map((item) => item.toLowerCase()))];
      const held = sql`(SELECT count(DISTINCT lower(item #>> '{}')) FROM jsonb_array_elements(CASE WHEN ${kind} = 'array' THEN ${value} ELSE '[]'::jsonb END) AS item
                        WHERE jsonb_typeof(item) = 'string' AND lower(item #>> '{}') = ANY(${wanted}::text[]))`;
      return containsAny != null ? sql`${held} > 0` : sql`${held} = ${wanted.length}`;
    }
    const amount =
      currency != null
        ? sql`(CASE WHEN ${kind} = 'object' AND jsonb_typeof(${value} -> 'amount') = 'number' AND jsonb_typeof(${value} -> 'currency') = 'string' AND upper(${value} ->> 'currency') = ${currency}
                 THEN (${value} ->> 'amount')::float8 END)`
        : sql`(CASE WHEN ${kind} = 'number' THEN (${text})::float8 END)`;
    return sql`${amount} IS NOT NULL ${atLeast != null ? sql`AND ${amount} >= ${atLeast}::float8` : sql``} ${atMost != null ? sql`AND ${amount} <= ${atMost}::float8` : sql``}`;
  },
  // Only `within` changes with time: a date enters at the start of the day it comes within
  // `nextDays` of, and leaves at the start of the day after it is `lastDays` behind; an instant
  // enters `nextDays` before it and leaves just after `lastDays` past it.
  changesAt({ field, within }, { profile }, { now, shop }) {
    const value = (profile?.customFields as Record<string, unknown> | undefined)?.[field];
    if (within == null || typeof value !== 'string') return null;
    const time = readTime(value);
    if (!time) return null;
    const window = windowOf(within, now, shop.timeZone);
    if ('date' in time) {
      if (ordinal(time.date) > ordinal(window.lastDay)) return startOfDay(addDays(time.date, -window.next), shop.timeZone);
      return ordinal(time.date) >= ordinal(window.firstDay) ? startOfDay(addDays(time.date, window.last + 1), shop.timeZone) : null;
    }
    if (time.instant.getTime() > window.to.getTime()) return new Date(time.instant.getTime() - window.next * DAY_MS);
    return time.instant.getTime() >= window.from.getTime() ? new Date(time.instant.getTime() + window.last * DAY_MS + 1) : null;
  },
  describe({ field, equals, contains, atLeast, atMost, currency, isTrue, within, containsAny, containsAll }) {
    if (equals != null) return `${field} is ${equals}`;
    if (contains != null) return `${field} contains "${contains}"`;
    if (isTrue != null) return `${field} is ${isTrue}`;
    if (within != null) return `${field} is ${describeWithin(within)}`;
    if (containsAny != null) return `${field} holds any of ${containsAny.join(', ')}`;
    if (containsAll != null) return `${field} holds all of ${containsAll.join(', ')}`;
    const unit = currency != null ? ` ${currency} (minor units)` : '';
    if (atLeast != null && atMost != null) return `${field} is between ${atLeast} and ${atMost}${unit}`;
    return atLeast != null ? `${field} is at least ${atLeast}${unit}` : `${field} is at most ${atMost}${unit}`;
  },
});

function describeWithin({ lastDays, nextDays }: NonNullable<Params['within']>): string {
  const span = (count: number) => `${count} day${count === 1 ? '' : 's'}`;
  if (lastDays != null && nextDays != null) return `between ${span(lastDays)} ago and ${span(nextDays)} from now`;
  return lastDays != null ? `within the last ${span(lastDays)}` : `within the next ${span(nextDays ?? 0)}`;
}

/** `within` in SQL: the stored forms read into a date or an instant (rolled over as in memory), compared with the window's ends. */
function withinSql(value: Sql, text: Sql, within: NonNullable<Params['within']>, now: Date, timeZone: string): Sql {
  const window = windowOf(within, now, timeZone);
  const part = (from: number, length: number) => sql`substr(${text}, ${from}, ${length})::int`;
  const date = sql`(make_date(${part(1, 4)}, ${part(6, 2)}, 1) + (${part(9, 2)} - 1))`;
  const instant = sql`(make_timestamptz(${part(1, 4)}, ${part(6, 2)}, 1, 0, 0, 0, 'UTC')
    + make_interval(hours => (${part(9, 2)} - 1) * 24 + ${part(12, 2)}, mins => ${part(15, 2)}, secs => ${part(18, 2)} + ${part(21, 3)} / 1000.0))`;
  return sql`jsonb_typeof(${value}) = 'string' AND (CASE
    WHEN ${text} ~ ${DATE.source} THEN ${date} BETWEEN ${isoDate(window.firstDay)}::date AND ${isoDate(window.lastDay)}::date
    WHEN ${text} ~ ${INSTANT.source} THEN ${instant} BETWEEN ${window.from.toISOString()}::timestamptz AND ${window.to.toISOString()}::timestamptz
    ELSE false END)`;
}

export default definePlugin({ name: 'custom-field', conditions: [customField] });
