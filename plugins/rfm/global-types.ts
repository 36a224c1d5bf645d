// This plugin's conditions in typed rule trees (RuleTree), for TypeScript callers.
import type { ConditionParams } from '@cohort/plugin-sdk';
import type { rfmGroup, rfmScore } from './index.js';

declare module '@cohort/plugin-sdk' {
  interface ConditionTypes {
    rfmScore: ConditionParams<typeof rfmScore>;
    rfmGroup: ConditionParams<typeof rfmGroup>;
  }
}
