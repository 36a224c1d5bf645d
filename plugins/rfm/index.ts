// RFM: the conditions rfmScore (bounds on recency, frequency and monetary scores) and rfmGroup
// (one of some groups of the shop's grid), and the customer field Customer.rfm, per currency.
// What a score and a group are (the thresholds fact, the scoring in memory and in SQL, the
// measure) is the SDK's lifecycle part, which Cohort's lifecycle analytics read too: a segment
// and a chart on the same group count the same customers (docs/lifecycle-segments.md).
import {
  countRangeSchema,
  currencySchema,
  defineCondition,
  defineCustomerField,
  definePlugin,
  describeCount,
  inRange,
  join,
  ordersFact,
  outputField,
  PROSPECTS,
  rangeSql,
  raw,
  rfmChangesAt,
  rfmCountedOrdersSql,
  rfmFromMeasure,
  rfmMeasureSql,
  rfmOf,
  rfmScoredSql,
  rfmThresholdsFact,
  sql,
  z,
  type CountRange,
  type Rfm,
  type RfmScores,
} from '@cohort/plugin-sdk';
import './global-types.js';

const currency = currencySchema.describe('The currency whose orders and thresholds score the customer.');

// ─── rfmScore ────────────────────────────────────────────────────────────────

type ScoreBounds = { recency?: CountRange | null; frequency?: CountRange | null; monetary?: CountRange | null };

const scoresWithin = (scores: RfmScores | null, bounds: ScoreBounds) =>
  scores !== null &&
  (!bounds.recency || inRange(scores.recency, bounds.recency)) &&
  (!bounds.frequency || inRange(scores.frequency, bounds.frequency)) &&
  (!bounds.monetary || inRange(scores.monetary, bounds.monetary));

const describeScore = (range: CountRange) => describeCount(range, 'point').replace(/ points?$/, '');

export const rfmScore = defineCondition({
  type: 'rfmScore',
  changedOutsideTracking: 'the RFM thresholds, refreshed for the whole shop',
  label: 'RFM scores (recency, frequency, monetary)',
  params: z
    .object({
      currency,
      recency: countRangeSchema.nullish().describe('Bounds on the recency score, from 1 to the grid scale (the highest: ordered most recently).'),
      frequency: countRangeSchema.nullish().describe('Bounds on the frequency score (the highest: the most orders).'),
      monetary: countRangeSchema.nullish().describe('Bounds on the monetary score (the highest: spent the most).'),
    })
    .refine((value) => value.recency != null || value.frequency != null || value.monetary != null, {
      message: 'give at least one of recency, frequency, monetary',
    }),
  facts: [ordersFact, rfmThresholdsFact],
  evaluate(params, { orders, rfmThresholds }, { now }) {
    return scoresWithin(rfmOf(orders, rfmThresholds, params.currency, now).scores, params);
  },
  toSql(params, { customer, now }) {
    const bounds = (['recency', 'frequency', 'monetary'] as const).flatMap((score) => {
      const range = params[score];
      return range ? [rangeSql(sql`r.${raw(score)}`, range)] : [];
    });
    return sql`${customer}.id IN (SELECT r.customer_id FROM (${rfmScoredSql(params.currency, now)}) AS r WHERE ${join(bounds, ' AND ')})`;
  },
  measure: {
    group: ({ currency }) => currency,
    sql: ({ currency }, { customer, now }) => rfmMeasureSql(currency, customer, now),
    holds: (params, value) => scoresWithin(rfmFromMeasure(value).scores, params),
  },
  changesAt: ({ currency }, { orders, rfmThresholds }, { now }) => rfmChangesAt(orders, rfmThresholds, currency, now),
  describe: ({ currency, recency, frequency, monetary }) =>
    `has RFM ${[recency ? `recency ${describeScore(recency)}` : null, frequency ? `frequency ${describeScore(frequency)}` : null, monetary ? `monetary ${describeScore(monetary)}` : null].filter(Boolean).join(', ')} (${currency})`,
});

// ─── rfmGroup ────────────────────────────────────────────────────────────────

const groupName = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]{0,39}$/, 'must be a group name in capitals, e.g. CHAMPIONS or AT_RISK')
  .describe("A group of the shop's RFM grid (e.g. CHAMPIONS, AT_RISK), or PROSPECTS.");

export const rfmGroup = defineCondition({
  type: 'rfmGroup',
  changedOutsideTracking: "the RFM thresholds and the shop's grid",
  label: 'RFM group (Champions, Loyal, At risk, …)',
  params: z.object({
    currency,
    groups: z
      .array(groupName)
      .min(1, 'give at least one group')
      .max(50, 'give at most 50 groups')
      .describe("The customer's group is one of these: groups of the shop's grid, or PROSPECTS for customers without an order in the currency."),
  }),
  facts: [ordersFact, rfmThresholdsFact],
  evaluate({ currency, groups }, { orders, rfmThresholds }, { now }) {
    const { group } = rfmOf(orders, rfmThresholds, currency, now);
    return group !== null && groups.includes(group);
  },
  toSql({ currency, groups }, { customer, now }) {
    const inGroups = sql`${customer}.id IN (SELECT r.customer_id FROM (${rfmScoredSql(currency, now)}) AS r WHERE r.group_name = ANY(${groups}::text[]))`;
    // NOT EXISTS, not NOT IN: an anti-join on the orders index, where NOT IN over a million orders would not fit a hash and rescan them per customer.
    return groups.includes(PROSPECTS) ? sql`(${inGroups} OR NOT EXISTS (${rfmCountedOrdersSql(currency, now, sql`${customer}.id`)}))` : inGroups;
  },
  measure: {
    group: ({ currency }) => currency,
    sql: ({ currency }, { customer, now }) => rfmMeasureSql(currency, customer, now),
    holds: ({ groups }, value) => {
      const { group } = rfmFromMeasure(value);
      return group !== null && groups.includes(group);
    },
  },
  changesAt: ({ currency }, { orders, rfmThresholds }, { now }) => rfmChangesAt(orders, rfmThresholds, currency, now),
  describe: ({ currency, groups }) =>
    `is in the RFM group ${groups.length === 1 ? groups[0] : `${groups.slice(0, -1).join(', ')} or ${groups.at(-1)}`} (${currency})`,
});

// ─── Customer.rfm ────────────────────────────────────────────────────────────

const rfmField = <Value>(type: 'Int' | 'String' | 'DateTime', description: string, resolve: (rfm: Rfm) => Value) =>
  outputField<Rfm>({ type, nullable: true, description, resolve });

export default definePlugin({
  name: 'rfm',
  conditions: [rfmScore, rfmGroup],
  customerFields: {
    rfm: defineCustomerField({
      description:
        "The customer's RFM standing in a currency: scores from 1 to the grid's scale over the shop's ordering customers, the values they come from, and the group of the shop's grid.",
      args: z.object({ currency: currencySchema }),
      type: {
        object: 'CustomerRfm',
        description:
          'RFM scores, values and group. Without a validated order in the currency (in the lookback) the group is PROSPECTS and there are no scores; before the thresholds are first computed there is no group either.',
        fields: {
          group: rfmField('String', "The grid's group for the three scores, or PROSPECTS.", (rfm) => rfm.group),
          recency: rfmField('Int', 'From 1 to the scale: the highest for the most recent orders.', (rfm) => rfm.scores?.recency ?? null),
          frequency: rfmField('Int', 'From 1 to the scale: the highest for the most orders.', (rfm) => rfm.scores?.frequency ?? null),
          monetary: rfmField('Int', 'From 1 to the scale: the highest for the most spent.', (rfm) => rfm.scores?.monetary ?? null),
          daysSinceLastOrder: rfmField('Int', 'Whole days (24 h) since the last validated order in the currency.', (rfm) => rfm.values?.days ?? null),
          orders: rfmField('Int', 'Validated orders in the currency (in the lookback).', (rfm) => rfm.values?.orders ?? null),
          spent: rfmField('Int', 'Minor units of the currency spent on them.', (rfm) => rfm.values?.spent ?? null),
          computedAt: rfmField('DateTime', 'When the thresholds the scores use were computed.', (rfm) => rfm.computedAt),
        },
      },
      facts: [ordersFact, rfmThresholdsFact],
      resolve: ({ currency }, { orders, rfmThresholds }, { now }) => rfmOf(orders, rfmThresholds, currency, now),
    }),
  },
});
