// Limits per calendar day, week or month (in total or per customer), for promotions and
// voucher codes: their GraphQL input, their output, and the input field both use.
import type { InputFieldBuilder, SchemaParts } from '../schema/builder.js';
import { PERIODS, periodicLimitsSchema, type PeriodicLimit } from '../rules/usage-limits.js';

/** Periodic limits as given, with perCustomer defaulted. */
export const limitsFromInput = (limits: { period: PeriodicLimit['period']; limit: number; perCustomer?: boolean | null }[] | null | undefined): PeriodicLimit[] | null | undefined =>
  limits?.map((limit) => ({ period: limit.period, limit: limit.limit, perCustomer: limit.perCustomer ?? false }));

export function periodicLimitTypes({ builder }: SchemaParts) {
  const UsagePeriodEnum = builder.enumType('UsagePeriod', {
    description: "A calendar period in the shop's time zone; weeks start on Monday.",
    values: Object.fromEntries(PERIODS.map((period) => [period, {}])) as Record<(typeof PERIODS)[number], object>,
  });

  const PeriodicLimitInput = builder.inputType('PeriodicLimitInput', {
    description: 'At most `limit` redemptions per calendar day, week or month: in total, or per customer.',
    fields: (t) => ({
      period: t.field({ type: UsagePeriodEnum }),
      limit: t.int(),
      perCustomer: t.boolean({ required: false, description: 'Count each customer separately. Defaults to false (everyone together).' }),
    }),
  });

  const PeriodicLimitRef = builder.objectRef<PeriodicLimit>('PeriodicLimit').implement({
    fields: (t) => ({
      period: t.field({ type: UsagePeriodEnum, resolve: (limit) => limit.period }),
      limit: t.exposeInt('limit'),
      perCustomer: t.exposeBoolean('perCustomer'),
    }),
  });

  /** The `periodicLimits` input field, for promotions and voucher codes. */
  const periodicLimitsField = (t: InputFieldBuilder) =>
    t.field({ type: [PeriodicLimitInput], required: false, description: 'Limits per day, week or month, in total or per customer.', validate: periodicLimitsSchema.nullish() });
  return { PeriodicLimitRef, periodicLimitsField };
}

export type PeriodicLimitRefs = ReturnType<typeof periodicLimitTypes>;
