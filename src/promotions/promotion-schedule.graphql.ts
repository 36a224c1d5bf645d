// When a promotion runs within its dates: days of the week and hours, in the shop's time zone.
import { InputObjectRef, ObjectRef } from '@pothos/core';
import { implement, type BuilderTypes, type SchemaParts } from '../schema/builder.js';
import { scheduleSchema, WEEKDAYS, type Schedule } from '../rules/schedule.js';

export const ScheduleRef = new ObjectRef<BuilderTypes, Schedule>('PromotionSchedule');
export const ScheduleInput = new InputObjectRef<BuilderTypes, Schedule>('PromotionScheduleInput');

export function registerPromotionScheduleTypes({ builder }: SchemaParts) {
  const WeekdayEnum = builder.enumType('Weekday', { values: WEEKDAYS });

  implement(
    builder,
    ScheduleRef,
    builder.objectRef<Schedule>('PromotionSchedule').implement({
      description: "When the promotion runs within its dates, in the shop's time zone.",
      fields: (t) => ({
        daysOfWeek: t.field({ type: [WeekdayEnum], nullable: true, resolve: (schedule) => schedule.daysOfWeek ?? null }),
        startTime: t.string({ nullable: true, resolve: (schedule) => schedule.startTime ?? null }),
        endTime: t.string({ nullable: true, resolve: (schedule) => schedule.endTime ?? null }),
      }),
    }),
  );

  implement(
    builder,
    ScheduleInput,
    builder.inputType('PromotionScheduleInput', {
      description: 'Days of the week and/or hours ("HH:MM", start inclusive, end exclusive) in the shop\'s time zone.',
      fields: (t) => ({
        daysOfWeek: t.field({ type: [WeekdayEnum], required: false }),
        startTime: t.string({ required: false }),
        endTime: t.string({ required: false }),
      }),
      validate: scheduleSchema,
    }),
  );
}
