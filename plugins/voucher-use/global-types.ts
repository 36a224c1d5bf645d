// This plugin's condition in typed rule trees (RuleTree), for TypeScript callers.
import type { ConditionParams } from '@cohort/plugin-sdk';
import type { voucherUse } from './index.js';

declare module '@cohort/plugin-sdk' {
  interface ConditionTypes {
    voucherUse: ConditionParams<typeof voucherUse>;
  }
}
