// The GraphQL side of a condition: its input fields, written with Pothos' input field
// builder so the schema stays typed GraphQL rather than an opaque JSON blob.
import type { FieldMap, InputFieldMap, SchemaTypes } from '@pothos/core';
import type { Customer } from '../generated/prisma/client.js';
import { builder } from '../schema/builder.js';

type CohortSchemaTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer Types extends SchemaTypes> ? Types : never;

/** The `t` handed to a condition's `input` function. */
export type ConditionInputFieldBuilder = PothosSchemaTypes.InputFieldBuilder<CohortSchemaTypes, 'InputObject'>;

export type InputFieldsOf = (t: ConditionInputFieldBuilder) => InputFieldMap;

/** A condition's input fields: exactly one per key of its parameters, whatever their order. */
export type InputFieldsFor<Params> = (t: ConditionInputFieldBuilder) => { [Key in keyof Params]-?: InputFieldMap[string] };

/** The `t` handed to a plugin's `customerFields`: fields it adds to the (admin-only) Customer type. */
export type CustomerFieldBuilder = PothosSchemaTypes.ObjectFieldBuilder<CohortSchemaTypes, Customer>;

/** Resolvers read facts through `context.loadFact(fact, customer.id)`, batched across the request. */
export type CustomerFieldsOf = (t: CustomerFieldBuilder) => FieldMap;

/**
 * Declares a GraphQL input object type a condition's input can nest (e.g. a name matcher
 * with `equals` / `contains`). Prefix the name with the plugin's to stay unique.
 */
export const defineInputType: (typeof builder)['inputType'] = (name, options) => builder.inputType(name, options);
