// This plugin's conditions in typed rule trees (RuleTree), for TypeScript callers.
import type { ConditionParams } from '@cohort/plugin-sdk';
import type { customerDetails } from './index.js';

declare module '@cohort/plugin-sdk' {
  interface ConditionTypes {
    customerDetails: ConditionParams<typeof customerDetails>;
  }
}
