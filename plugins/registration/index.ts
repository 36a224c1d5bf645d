// Registration date: the customer registered in a window ("in the last 30 days", "before 2025").
// A registration dated after now counts from its date; a customer leaves "the last N days" N
// days after registering, at that moment (changesAt).
import {
  defineCondition,
  definePlugin,
  describeWindow,
  inWindow,
  nextWindowChange,
  profileFact,
  sql,
  timeWindowSchema,
  windowSql,
  z,
} from '@cohort/plugin-sdk';
import './global-types.js';

export const registered = defineCondition({
  type: 'registered',
  label: 'Registration date',
  params: z.object({ within: timeWindowSchema }),
  facts: [profileFact],
  evaluate: ({ within }, { profile }, { now }) => profile !== null && inWindow(profile.registeredAt, within, now),
  toSql: ({ within }, { customer, now }) => windowSql(sql`${customer}.registered_at`, within, now),
  changesAt: ({ within }, { profile }, { now }) => (profile === null ? null : nextWindowChange(within, [profile.registeredAt], now)),
  describe: ({ within }) => `registered ${describeWindow(within)}`,
});

export default definePlugin({ name: 'registration', conditions: [registered] });
