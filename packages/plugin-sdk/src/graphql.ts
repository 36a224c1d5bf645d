// How parameters become GraphQL. A condition (or effect, or customer field) declares its
// parameters once, as a zod schema; Cohort derives the GraphQL input from it:
//
//   z.object            an input object (its fields, in order)
//   z.string, z.enum    String (a z.enum named with `graphqlType` becomes a GraphQL enum)
//   z.number            Int when .int(), Float otherwise
//   z.boolean           Boolean
//   z.array             a list
//   .optional(), .nullish(), .default(), z.preprocess(…, x.default(…))
//                       a field that may be left out
//   .describe(text)     the field's description
//
// Schemas named with `graphqlType` become one named GraphQL type shared by every field that
// uses them (the SDK's time windows, ranges, product targets and money are named so).

import type { z } from 'zod';

/** What `graphqlType` records in a schema's metadata (zod's `.meta()`), under the key `graphql`. */
export interface GraphQLTypeMeta {
  /** The GraphQL type's name; prefix it with your plugin's to stay unique (e.g. "AcmeGiftCardInput"). */
  name?: string;
  /** An input object of which exactly one field must be set (GraphQL's @oneOf). */
  oneOf?: boolean;
  /** The type's description (a `.describe()` on a field using the type describes the field). */
  description?: string;
  /** A scalar the core knows, for schemas that are not plain strings or numbers. */
  scalar?: 'DateTime' | 'Date' | 'JSONObject';
}

/**
 * Names the GraphQL type a schema becomes: an object schema becomes the input object `name`,
 * an enum the enum `name`. Every field using the schema shares that one type.
 */
export function graphqlType<Schema extends z.ZodType>(name: string, schema: Schema, options: { description?: string; oneOf?: boolean } = {}): Schema {
  if (!/^[A-Z][A-Za-z0-9]*$/.test(name)) throw new Error(`GraphQL type name "${name}" must be PascalCase letters and digits`);
  const graphql: GraphQLTypeMeta = { name, ...(options.oneOf ? { oneOf: true } : {}), ...(options.description ? { description: options.description } : {}) };
  return schema.meta({ graphql }) as Schema;
}

/** Makes a schema one of the core's scalars in GraphQL (e.g. an instant as DateTime). */
export function graphqlScalar<Schema extends z.ZodType>(scalar: NonNullable<GraphQLTypeMeta['scalar']>, schema: Schema): Schema {
  return schema.meta({ graphql: { scalar } satisfies GraphQLTypeMeta }) as Schema;
}

/** The GraphQL metadata of a schema, if any (read through the schema's own zod, whichever copy it is). */
export function graphqlMeta(schema: z.ZodType): { graphql?: GraphQLTypeMeta; description?: string } {
  const meta = (schema as { meta?: () => unknown }).meta?.();
  return typeof meta === 'object' && meta !== null ? (meta as { graphql?: GraphQLTypeMeta; description?: string }) : {};
}
