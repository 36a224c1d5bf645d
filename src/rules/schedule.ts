// Recurring schedules: a promotion may run only on some days of the week and between two
// times of day, in the shop's time zone ("weekdays 9:00–17:00", "Fridays from 18:00").
import { z } from 'zod';
import { type ZonedTime } from '@cohort/plugin-sdk';

export const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time "HH:MM" (24-hour)');

export const scheduleSchema = z
  .object({ daysOfWeek: z.array(z.enum(WEEKDAYS)).min(1, 'name at least one day').nullish(), startTime: time.nullish(), endTime: time.nullish() })
  .refine((schedule) => schedule.daysOfWeek != null || schedule.startTime != null || schedule.endTime != null, {
    message: 'give days of the week, times, or both',
  })
  .refine((schedule) => !(schedule.startTime && schedule.endTime) || schedule.startTime < schedule.endTime, {
    message: 'endTime must be after startTime',
    path: ['endTime'],
  });

export type Schedule = z.infer<typeof scheduleSchema>;

/**
 * Is the shop's wall clock (`zonedTime(now, shop.timeZone)`, read once per request) inside the
 * schedule? startTime is inclusive, endTime exclusive.
 */
export function inSchedule(schedule: Schedule, local: ZonedTime): boolean {
  const clock = `${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`;
  return (
    (schedule.daysOfWeek == null || schedule.daysOfWeek.includes(local.weekday)) &&
    (schedule.startTime == null || clock >= schedule.startTime) &&
    (schedule.endTime == null || clock < schedule.endTime)
  );
}
