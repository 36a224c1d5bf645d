// Fields a plugin adds to the (admin-only) Customer type, e.g. `viewCount(products:, within:)`.
// Declared as data: arguments as a zod object (GraphQL arguments are derived from it, as a
// condition's input is), the facts the field reads, and a pure function of them. Cohort
// loads the facts for every customer of a page in one batch.
import type { z } from 'zod';
import type { FactDefinition, FactValues, ShopContext } from './facts.js';
import type { OutputObject } from './outputs.js';

/**
 * The GraphQL types a customer field may return: a scalar, or an object described as effects
 * describe their outputs (outputs.ts): `resolve` then returns the object's source, and each of
 * its fields resolves from it. Objects cannot hold `Money`: a customer field has no currency
 * to show it in (return minor units as `Int` and the currency as `String`).
 */
export type CustomerFieldType = 'Int' | 'Float' | 'String' | 'Boolean' | 'DateTime' | OutputObject;

export interface CustomerFieldDefinition<Args = unknown, Facts extends readonly FactDefinition[] = readonly FactDefinition[]> {
  readonly description: string;
  /** The arguments, a z.object (an empty one for none). */
  readonly args: z.ZodType<Args>;
  readonly type: CustomerFieldType;
  /** May the answer be null? */
  readonly nullable?: boolean;
  readonly facts: Facts;
  resolve(args: Args, facts: FactValues<Facts>, context: { now: Date; shop: ShopContext }): unknown;
}

export function defineCustomerField<Args, const Facts extends readonly FactDefinition[]>(
  definition: CustomerFieldDefinition<Args, Facts>,
): CustomerFieldDefinition<Args, Facts> {
  return Object.freeze({ ...definition });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCustomerField = CustomerFieldDefinition<any, readonly FactDefinition[]>;
