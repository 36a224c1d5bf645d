// This plugin's conditions in typed rule trees (RuleTree), for TypeScript callers.
import type { ConditionParams } from '@cohort/plugin-sdk';
import type { customerGroup, customerTag } from './index.js';

declare module '@cohort/plugin-sdk' {
  interface ConditionTypes {
    customerTag: ConditionParams<typeof customerTag>;
    customerGroup: ConditionParams<typeof customerGroup>;
  }
}
