// The GraphQL side of a condition: its input fields, written with Pothos' input field
// builder so the schema stays typed GraphQL rather than an opaque JSON blob.
import type { InputFieldMap, SchemaTypes } from '@pothos/core';
import type { builder } from '../schema/builder.js';

type CohortSchemaTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer Types extends SchemaTypes> ? Types : never;

/** The `t` handed to a condition's `input` function. */
export type ConditionInputFieldBuilder = PothosSchemaTypes.InputFieldBuilder<CohortSchemaTypes, 'InputObject'>;

export type InputFieldsOf = (t: ConditionInputFieldBuilder) => InputFieldMap;
