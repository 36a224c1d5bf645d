// This plugin's conditions in typed rule trees (RuleTree), for TypeScript callers.
import type { ConditionParams } from '@cohort/plugin-sdk';
import type { cartContains, cartItemCount, cartSubtotal } from './index.js';

declare module '@cohort/plugin-sdk' {
  interface ConditionTypes {
    cartSubtotal: ConditionParams<typeof cartSubtotal>;
    cartContains: ConditionParams<typeof cartContains>;
    cartItemCount: ConditionParams<typeof cartItemCount>;
  }
}
