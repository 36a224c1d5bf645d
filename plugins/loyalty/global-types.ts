// This plugin's conditions in typed rule trees (RuleTree), for TypeScript callers.
import type { ConditionParams } from '@cohort/plugin-sdk';
import type { accountStatus, loyaltyMember, referralSource } from './index.js';

declare module '@cohort/plugin-sdk' {
  interface ConditionTypes {
    loyaltyMember: ConditionParams<typeof loyaltyMember>;
    referralSource: ConditionParams<typeof referralSource>;
    accountStatus: ConditionParams<typeof accountStatus>;
  }
}
