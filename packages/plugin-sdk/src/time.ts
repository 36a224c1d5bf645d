// Time windows, computed in one place from the injected clock. A window is rolling
// ("the last N days" = the N×24 hours before now) or fixed (from / to); both bounds of a
// fixed window may be given. Lower bounds are inclusive and upper bounds exclusive, so an
// event exactly N days ago is inside "the last N days", and adjacent windows never overlap.
// Whatever the window, an event dated after now (an order imported ahead of its date) has not
// happened yet: it counts from the moment it is dated, the same in memory and in SQL
// (`happenedBy`, which `inWindow`, `windowBounds` and `windowSql` apply), and `nextWindowChange`
// says when it enters.
import { z } from 'zod';
import { graphqlScalar, graphqlType } from './graphql.js';
import { sql, type Sql } from './sql.js';

export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Whether an instant can be stored and read back: a valid Date in the years 0001–9999 in UTC
 * ("9999-12-31T23:59:59-14:00" is in the year 10000 there, which reads back as no date at all).
 */
export function isStorableInstant(date: Date): boolean {
  const year = date.getUTCFullYear();
  return !Number.isNaN(date.getTime()) && year >= 1 && year <= 9_999;
}

export interface TimeWindow {
  lastDays?: number | null;
  from?: Date | null;
  to?: Date | null;
}

/**
 * An instant in a condition's parameters: a Date, or the ISO 8601 string a Date becomes when
 * the rule is stored as JSON. Parameters are parsed again whenever a stored rule is read, so
 * every parameter schema must accept what its own output turns into in JSON: use this for
 * instants, never `z.date()`.
 */
export const instantSchema = graphqlScalar(
  'DateTime',
  z
    .union([
      z.date(),
      z.iso.datetime({ offset: true, message: 'must be an ISO 8601 instant, e.g. "2026-11-23T10:00:00Z"' }).transform((text) => new Date(text)),
    ])
    .refine(isStorableInstant, 'must be a valid instant between the years 0001 and 9999'),
);

/** GraphQL's TimeWindowInput. */
export const timeWindowSchema = graphqlType(
  'TimeWindowInput',
  z
    .object({
      lastDays: z.number().int('must be a whole number of days').min(1, 'must be at least 1').max(36_500).nullish(),
      from: instantSchema.nullish(),
      to: instantSchema.nullish(),
    })
    .refine((window) => !(window.lastDays != null && (window.from != null || window.to != null)), { message: 'give lastDays, or from and/or to, not both' })
    .refine((window) => window.lastDays != null || window.from != null || window.to != null, { message: 'give lastDays, from or to' })
    .refine((window) => !(window.from && window.to && window.to <= window.from), { message: 'to must be after from', path: ['to'] }),
  {
    description:
      'A time window: `lastDays` (rolling: the last N × 24 hours), or `from` and/or `to` (from inclusive, to exclusive). An order or event dated after now is in no window until its date: it counts from then.',
  },
);

export interface WindowBounds {
  /** Inclusive lower bound, or null for "since ever". */
  from: Date | null;
  /**
   * Exclusive upper bound: the window's end, or 1 ms after now when that is earlier (instants
   * are whole milliseconds), since nothing dated after now has happened yet.
   */
  to: Date;
}

/** Has an event dated `instant` happened at `now`? Events dated after now count from their date, never before. */
export function happenedBy(instant: Date, now: Date): boolean {
  return instant.getTime() <= now.getTime();
}

/** The same test in SQL, for a timestamp column expression. */
export function happenedBySql(column: Sql, now: Date): Sql {
  return sql`${column} <= ${now}`;
}

export function windowBounds(window: TimeWindow | null | undefined, now: Date): WindowBounds {
  const justAfterNow = new Date(now.getTime() + 1);
  if (!window) return { from: null, to: justAfterNow };
  if (window.lastDays != null) return { from: new Date(now.getTime() - window.lastDays * DAY_MS), to: justAfterNow };
  return { from: window.from ?? null, to: window.to != null && window.to < justAfterNow ? window.to : justAfterNow };
}

/**
 * Is `date` inside the window at `now`, and has it happened (not dated after now)? No window
 * means any time up to now. Allocation-free: the storefront calls it for every event of every condition.
 */
export function inWindow(date: Date, window: TimeWindow | null | undefined, now: Date): boolean {
  const time = date.getTime();
  const current = now.getTime();
  if (time > current) return false;
  if (!window) return true;
  if (window.lastDays != null) return time >= current - window.lastDays * DAY_MS;
  return (window.from == null || time >= window.from.getTime()) && (window.to == null || time < window.to.getTime());
}

/**
 * The next instant after `now` at which one of `instants` enters or leaves the window, or null
 * for never. An instant dated after now enters at that instant (if the window holds it then: a
 * fixed window's instants outside it never enter); an instant t leaves the window of the last
 * N days 1 ms after t + N days (it is in while now - N days <= t). Fixed windows do not move
 * with time otherwise. Give every instant that may count, those still to come included.
 */
export function nextWindowChange(window: TimeWindow | null | undefined, instants: Iterable<Date>, now: Date): Date | null {
  const current = now.getTime();
  let next = Number.POSITIVE_INFINITY;
  for (const instant of instants) {
    const time = instant.getTime();
    if (time > current) {
      // It enters at its date if the window holds it then (a fixed window's instants outside it never enter).
      if (inWindow(instant, window, instant)) next = Math.min(next, time);
    } else if (window?.lastDays != null) {
      const leaves = time + window.lastDays * DAY_MS + 1;
      if (leaves > current) next = Math.min(next, leaves);
    }
  }
  return Number.isFinite(next) ? new Date(next) : null;
}

/** The same test as `inWindow` in SQL, for a timestamp column expression: never true of a time after now. */
export function windowSql(column: Sql, window: TimeWindow | null | undefined, now: Date): Sql {
  const { from, to } = windowBounds(window, now);
  const upper = to.getTime() > now.getTime() ? happenedBySql(column, now) : sql`${column} < ${to}`;
  return from ? sql`${column} >= ${from} AND ${upper}` : upper;
}

export function describeWindow(window: TimeWindow | null | undefined): string {
  if (!window) return 'at any time';
  if (window.lastDays != null) return `in the last ${window.lastDays} day${window.lastDays === 1 ? '' : 's'}`;
  const day = (date: Date) => date.toISOString().slice(0, 10);
  if (window.from && window.to) return `between ${day(window.from)} and ${day(window.to)}`;
  return window.from ? `since ${day(window.from)}` : `before ${day(window.to as Date)}`;
}

export interface CalendarDate {
  year: number;
  /** 1 to 12. */
  month: number;
  day: number;
}

/** The wall clock in a time zone: its calendar date, day of the week and time of day. */
export interface ZonedTime extends CalendarDate {
  /** MONDAY to SUNDAY. */
  weekday: 'MONDAY' | 'TUESDAY' | 'WEDNESDAY' | 'THURSDAY' | 'FRIDAY' | 'SATURDAY' | 'SUNDAY';
  hour: number;
  minute: number;
  second: number;
}

/** One formatter per time zone: building an Intl.DateTimeFormat costs far more than using one. */
const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

/** What the clocks show at `now` in `timeZone` (an IANA name). */
export function zonedTime(now: Date | number, timeZone: string): ZonedTime {
  let format = zoneFormatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'long',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    zoneFormatters.set(timeZone, format);
  }
  const time: Record<string, string> = {};
  for (const part of format.formatToParts(now)) time[part.type] = part.value;
  return {
    year: Number(time.year),
    month: Number(time.month),
    day: Number(time.day),
    weekday: (time.weekday as string).toUpperCase() as ZonedTime['weekday'],
    hour: Number(time.hour),
    minute: Number(time.minute),
    second: Number(time.second),
  };
}

/** Today's date in a time zone: the calendar day that `now` falls on there. */
export function calendarDate(now: Date, timeZone: string): CalendarDate {
  const { year, month, day } = zonedTime(now, timeZone);
  return { year, month, day };
}

const compareDates = (a: CalendarDate, b: CalendarDate) => a.year - b.year || a.month - b.month || a.day - b.day;

/**
 * The instant `date` begins in `timeZone`: the first millisecond whose calendar date there is
 * `date` or later (midnight, or the first instant after it where a clock change skips it). For
 * `changesAt` of calendar conditions (a birthday, a month): the moment "today" becomes `date`.
 */
export function startOfDay(date: CalendarDate, timeZone: string): Date {
  // Every zone's offset is within -12 h and +14 h of UTC: the day starts in that span around its UTC midnight.
  const utcMidnight = Date.UTC(date.year, date.month - 1, date.day);
  let before = utcMidnight - 14 * 3_600_000 - 1;
  let after = utcMidnight + 12 * 3_600_000;
  while (after - before > 1) {
    const middle = before + Math.floor((after - before) / 2);
    if (compareDates(calendarDate(new Date(middle), timeZone), date) >= 0) after = middle;
    else before = middle;
  }
  return new Date(after);
}
