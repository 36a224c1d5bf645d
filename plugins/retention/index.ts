// Retention: the condition retentionStage (the customer is at one of some stages of the spectrum
// Prospect / Active / Drifting / Churn-risk / Lost) and the customer field Customer.retention.
// What a stage is (the shop's baseline fact, the staging in memory and in SQL, the measure) is
// the SDK's lifecycle part, which Cohort's lifecycle analytics read too: a segment and a chart
// on the same stage count the same customers (docs/lifecycle-segments.md).
import {
  DAY_MS,
  defineCondition,
  defineCustomerField,
  definePlugin,
  ordersFact,
  outputField,
  profileFact,
  RETENTION_STAGES,
  retentionBaselineFact,
  retentionChangesAt,
  retentionOf,
  retentionStageMeasureSql,
  retentionStageSchema,
  sql,
  stagedCustomersSql,
  z,
  type Retention,
} from '@cohort/plugin-sdk';
import './global-types.js';

// ─── retentionStage ──────────────────────────────────────────────────────────

export const retentionStage = defineCondition({
  type: 'retentionStage',
  changedOutsideTracking: "the shop's retention baseline and settings",
  label: 'Retention stage (Active, Drifting, Churn-risk, Lost)',
  params: z.object({
    stages: z.array(retentionStageSchema).min(1, 'give at least one stage').describe("The customer's stage is one of these."),
  }),
  facts: [ordersFact, retentionBaselineFact],
  evaluate({ stages }, { orders, retentionBaseline }, { now }) {
    return retentionBaseline !== null && stages.includes(retentionOf(orders, retentionBaseline, now).stage);
  },
  toSql({ stages }, { customer, now }) {
    const ordering = stages.filter((stage) => stage !== 'PROSPECT');
    const staged =
      ordering.length > 0
        ? sql`${customer}.id IN (SELECT s.customer_id FROM (${stagedCustomersSql(now)}) AS s WHERE s.stage = ANY(${ordering}::text[]))`
        : sql`false`;
    return stages.includes('PROSPECT')
      ? sql`(${staged} OR NOT EXISTS (SELECT 1 FROM cohort_v1.orders p WHERE p.customer_id = ${customer}.id AND p.status = 'VALIDATED' AND p.placed_at <= ${now}::timestamp))`
      : staged;
  },
  changesAt: (_params, { orders, retentionBaseline }, { now }) => retentionChangesAt(orders, retentionBaseline, now),
  measure: {
    group: () => 'stage',
    sql: (_params, { customer, now }) => retentionStageMeasureSql(customer, now),
    holds: ({ stages }, value) => typeof value === 'string' && (stages as string[]).includes(value),
  },
  describe: ({ stages }) => {
    const names = stages.map((stage) => stage.toLowerCase().replace('_', '-'));
    return `is ${names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`} on the retention spectrum`;
  },
});

// ─── Customer.retention ──────────────────────────────────────────────────────

export default definePlugin({
  name: 'retention',
  conditions: [retentionStage],
  customerFields: {
    retention: defineCustomerField({
      description: 'Where the customer stands on the retention spectrum now, since when, and the exact moment they will move on if they do not order.',
      args: z.object({}),
      nullable: true,
      type: {
        object: 'CustomerRetention',
        description:
          "The stage comes from the time since the last validated order against the expected gap between orders: the customer's own median interval once they have 3 validated orders, else the shop's.",
        fields: {
          stage: outputField<Retention>({ type: { enum: 'RetentionStage', values: RETENTION_STAGES }, resolve: (retention) => retention.stage }),
          since: outputField<Retention>({
            type: 'DateTime',
            nullable: true,
            description: 'When they entered the stage (a prospect: when they registered).',
            resolve: (retention) => retention.since,
          }),
          nextStageAt: outputField<Retention>({
            type: 'DateTime',
            nullable: true,
            description: 'When they will move to the next stage if they place no order (null: prospect or lost).',
            resolve: (retention) => retention.nextStageAt,
          }),
          lastOrderAt: outputField<Retention>({ type: 'DateTime', nullable: true, resolve: (retention) => retention.lastOrderAt }),
          validatedOrders: outputField<Retention>({ type: 'Int', resolve: (retention) => retention.validatedOrders }),
          expectedGapDays: outputField<Retention>({
            type: 'Float',
            nullable: true,
            description: 'The expected gap between orders the boundaries are multiples of, in days.',
            resolve: (retention) => (retention.expectedGapMs === null ? null : retention.expectedGapMs / DAY_MS),
          }),
          gapSource: outputField<Retention>({
            type: {
              enum: 'RetentionGapSource',
              values: ['OWN', 'SHOP_MEDIAN', 'SHOP_DEFAULT'],
              description: "OWN: the customer's median interval (3 or more validated orders). SHOP_MEDIAN: the shop's. SHOP_DEFAULT: the shop's default gap.",
            },
            nullable: true,
            resolve: (retention) => retention.gapSource,
          }),
        },
      },
      facts: [ordersFact, retentionBaselineFact, profileFact],
      resolve: (_args, { orders, retentionBaseline, profile }, { now }) =>
        retentionBaseline === null ? null : retentionOf(orders, retentionBaseline, now, profile?.registeredAt ?? profile?.createdAt ?? null),
    }),
  },
});
