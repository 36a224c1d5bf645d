// This plugin's conditions in typed rule trees (RuleTree), for TypeScript callers.
import type { ConditionParams } from '@cohort/plugin-sdk';
import type { inWishlist } from './index.js';

declare module '@cohort/plugin-sdk' {
  interface ConditionTypes {
    inWishlist: ConditionParams<typeof inWishlist>;
  }
}
