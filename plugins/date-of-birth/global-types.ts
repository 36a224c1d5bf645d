// This plugin's conditions in typed rule trees (RuleTree), for TypeScript callers.
import type { ConditionParams } from '@cohort/plugin-sdk';
import type { ageBetween, birthdayThisMonth } from './index.js';

declare module '@cohort/plugin-sdk' {
  interface ConditionTypes {
    birthdayThisMonth: ConditionParams<typeof birthdayThisMonth>;
    age: ConditionParams<typeof ageBetween>;
  }
}
