// Registration date: the customer registered in a window ("in the last 30 days", "before 2025").
import { defineCondition, definePlugin, describeWindow, inWindow, profileFact, sql, timeWindowSchema, windowSql, z } from '@cohort/plugin-sdk';
import './global-types.js';

export const registered = defineCondition({
  type: 'registered',
  label: 'Registration date',
  params: z.object({ within: timeWindowSchema }),
  facts: [profileFact],
  evaluate: ({ within }, { profile }, { now }) => profile !== null && inWindow(profile.registeredAt, within, now),
  toSql: ({ within }, { customer, now }) => windowSql(sql`${customer}.registered_at`, within, now),
  describe: ({ within }) => `registered ${describeWindow(within)}`,
});

export default definePlugin({ name: 'registration', conditions: [registered] });
