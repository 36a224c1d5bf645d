// This plugin's conditions in typed rule trees (RuleTree), for TypeScript callers.
import type { ConditionParams } from '@cohort/plugin-sdk';
import type { eventCount, eventOccurrence, eventShare } from './index.js';

declare module '@cohort/plugin-sdk' {
  interface ConditionTypes {
    eventCount: ConditionParams<typeof eventCount>;
    eventShare: ConditionParams<typeof eventShare>;
    eventOccurrence: ConditionParams<typeof eventOccurrence>;
  }
}
