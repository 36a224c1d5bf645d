// Date of birth: birthday this month, and age. "Today" is the calendar day in the shop's
// time zone. Someone born on 29 February turns a year older on 1 March in other years.
// A customer whose date of birth is unknown matches neither. Both change with the calendar
// alone, at the start of a day in the shop's time zone: changesAt says which.
import {
  calendarDate,
  countRangeSchema,
  defineCondition,
  definePlugin,
  describeCount,
  inRange,
  profileFact,
  rangeSql,
  sql,
  startOfDay,
  z,
  type CalendarDate,
} from '@cohort/plugin-sdk';
import './global-types.js';

/** The day a customer born on `born` turns a year older in `year`: their birthday, or 1 March for 29 February out of leap years. */
function birthdayIn(born: Date, year: number): CalendarDate {
  const month = born.getUTCMonth() + 1;
  const day = born.getUTCDate();
  const leap = new Date(Date.UTC(year, 1, 29)).getUTCMonth() === 1;
  return month === 2 && day === 29 && !leap ? { year, month: 3, day: 1 } : { year, month, day };
}

export const birthdayThisMonth = defineCondition({
  type: 'birthdayThisMonth',
  changedOutsideTracking: "the shop's time zone",
  label: 'Birthday in the current month',
  params: z.object({
    isThisMonth: z
      .preprocess((value) => value ?? undefined, z.boolean().default(true))
      .describe('false selects customers whose birthday is in another month; defaults to true.'),
  }),
  facts: [profileFact],
  evaluate({ isThisMonth }, { profile }, { now, shop }) {
    if (!profile?.dateOfBirth) return false;
    return (profile.dateOfBirth.getUTCMonth() + 1 === calendarDate(now, shop.timeZone).month) === isThisMonth;
  },
  toSql({ isThisMonth }, { customer, now, shop }) {
    const month = calendarDate(now, shop.timeZone).month;
    return sql`${customer}.date_of_birth IS NOT NULL AND (extract(month from ${customer}.date_of_birth)::int = ${month}) = ${isThisMonth}`;
  },
  // The answer changes when the birth month begins, and when it ends.
  changesAt(_params, { profile }, { now, shop }) {
    if (!profile?.dateOfBirth) return null;
    const today = calendarDate(now, shop.timeZone);
    const birthMonth = profile.dateOfBirth.getUTCMonth() + 1;
    const next =
      today.month === birthMonth
        ? { year: today.month === 12 ? today.year + 1 : today.year, month: (today.month % 12) + 1, day: 1 }
        : { year: birthMonth > today.month ? today.year : today.year + 1, month: birthMonth, day: 1 };
    return startOfDay(next, shop.timeZone);
  },
  describe: ({ isThisMonth }) => (isThisMonth ? 'has a birthday this month' : 'has no birthday this month'),
});

export const ageBetween = defineCondition({
  type: 'age',
  changedOutsideTracking: "the shop's time zone",
  label: 'Age in years',
  params: z.object({ years: countRangeSchema.describe('Bounds on the age in whole years, e.g. { atLeast: 18 }.') }),
  facts: [profileFact],
  evaluate({ years }, { profile }, { now, shop }) {
    if (!profile?.dateOfBirth) return false;
    const today = calendarDate(now, shop.timeZone);
    const born = profile.dateOfBirth;
    const birthMonth = born.getUTCMonth() + 1;
    const hadBirthday = today.month > birthMonth || (today.month === birthMonth && today.day >= born.getUTCDate());
    return inRange(today.year - born.getUTCFullYear() - (hadBirthday ? 0 : 1), years);
  },
  toSql({ years }, { customer, now, shop }) {
    const today = calendarDate(now, shop.timeZone);
    const dob = sql`${customer}.date_of_birth`;
    const age = sql`(${today.year}::int - extract(year from ${dob})::int - CASE WHEN (${today.month}::int, ${today.day}::int) < (extract(month from ${dob})::int, extract(day from ${dob})::int) THEN 1 ELSE 0 END)`;
    return sql`${dob} IS NOT NULL AND ${rangeSql(age, years)}`;
  },
  // The age changes on the next birthday.
  changesAt(_params, { profile }, { now, shop }) {
    if (!profile?.dateOfBirth) return null;
    const today = calendarDate(now, shop.timeZone);
    const thisYear = birthdayIn(profile.dateOfBirth, today.year);
    const upcoming =
      today.month < thisYear.month || (today.month === thisYear.month && today.day < thisYear.day) ? thisYear : birthdayIn(profile.dateOfBirth, today.year + 1);
    return startOfDay(upcoming, shop.timeZone);
  },
  describe: ({ years }) => `is aged ${describeCount(years, 'year').replace(/ years?$/, '')}`,
});

export default definePlugin({ name: 'date-of-birth', conditions: [birthdayThisMonth, ageBetween] });
