// This plugin's conditions in typed rule trees (RuleTree), for TypeScript callers.
import type { ConditionParams } from '@cohort/plugin-sdk';
import type { firstOrder } from './index.js';

declare module '@cohort/plugin-sdk' {
  interface ConditionTypes {
    firstOrder: ConditionParams<typeof firstOrder>;
  }
}
