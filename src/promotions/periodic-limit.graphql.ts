// Limits per calendar day, week or month (in total or per customer), for promotions and
// voucher codes: their GraphQL input, their output, and the input field both use.
import { InputObjectRef, ObjectRef } from '@pothos/core';
import { implement, type BuilderTypes, type InputFieldBuilder, type SchemaParts } from '../schema/builder.js';
import { PERIODS, periodicLimitsSchema, type PeriodicLimit } from '../rules/usage-limits.js';

export const PeriodicLimitRef = new ObjectRef<BuilderTypes, PeriodicLimit>('PeriodicLimit');
const PeriodicLimitInput = new InputObjectRef<BuilderTypes, { period: PeriodicLimit['period']; limit: number; perCustomer?: boolean | null }>(
  'PeriodicLimitInput',
);

export function registerPeriodicLimitTypes({ builder }: SchemaParts) {
  const UsagePeriodEnum = builder.enumType('UsagePeriod', {
    description: "A calendar period in the shop's time zone; weeks start on Monday.",
    values: Object.fromEntries(PERIODS.map((period) => [period, {}])) as Record<(typeof PERIODS)[number], object>,
  });

  implement(
    builder,
    PeriodicLimitInput,
    builder.inputType('PeriodicLimitInput', {
      description: 'At most `limit` redemptions per calendar day, week or month: in total, or per customer.',
      fields: (t) => ({
        period: t.field({ type: UsagePeriodEnum }),
        limit: t.int(),
        perCustomer: t.boolean({ required: false, description: 'Count each customer separately. Defaults to false (everyone together).' }),
      }),
    }),
  );

  implement(
    builder,
    PeriodicLimitRef,
    builder.objectRef<PeriodicLimit>('PeriodicLimit').implement({
      fields: (t) => ({
        period: t.field({ type: UsagePeriodEnum, resolve: (limit) => limit.period }),
        limit: t.exposeInt('limit'),
        perCustomer: t.exposeBoolean('perCustomer'),
      }),
    }),
  );
}

/** The `periodicLimits` input field, for promotions and voucher codes. */
export const periodicLimitsField = (t: InputFieldBuilder) =>
  t.field({
    type: [PeriodicLimitInput],
    required: false,
    description: 'Limits per day, week or month, in total or per customer.',
    validate: periodicLimitsSchema.nullish(),
  });

/** Periodic limits as given, with perCustomer defaulted. */
export const limitsFromInput = (
  limits: { period: PeriodicLimit['period']; limit: number; perCustomer?: boolean | null }[] | null | undefined,
): PeriodicLimit[] | null | undefined => limits?.map((limit) => ({ period: limit.period, limit: limit.limit, perCustomer: limit.perCustomer ?? false }));
