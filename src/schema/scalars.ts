// Scalars shared by every domain: instants, calendar dates and JSON objects.
import { GraphQLError, Kind, type ValueNode } from 'graphql';
import type { SchemaParts } from './builder.js';
import { requestError } from '../shared/error-codes.js';
import { isStorableInstant } from '../shared/clock.js';

/**
 * A literal's refusal as a plain Error: graphql-js reports a GraphQLError thrown while parsing a
 * literal as it is, without the node it came from, but wraps any other error with that node, so
 * that the field can be named (server/input-errors.ts) as it is for variables.
 */
function inLiteral<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw error instanceof GraphQLError ? new Error(error.message) : error;
  }
}

/** A DateTime from its ISO 8601 text (GraphQL variables, import lines). */
export function parseInstant(value: unknown): Date {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    const date = new Date(value);
    if (isStorableInstant(date)) return date;
  }
  throw requestError(
    'BAD_USER_INPUT',
    `DateTime must be an ISO 8601 instant with a time zone between the years 0001 and 9999 in UTC, e.g. "2026-11-23T10:00:00Z" (got ${JSON.stringify(value)})`,
  );
}

/** A Date from its "YYYY-MM-DD" text. */
export function parseCalendarDate(value: unknown): Date {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const date = new Date(`${value}T00:00:00Z`);
    // The years 0001–9999, as for instants: PostgreSQL has no year 0, and "0000-01-01" would fail only when stored.
    if (!Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) && isStorableInstant(date)) return date;
  }
  throw requestError('BAD_USER_INPUT', `Date must be a calendar date "YYYY-MM-DD" between the years 0001 and 9999 (got ${JSON.stringify(value)})`);
}

export function registerScalarTypes({ builder }: SchemaParts) {
  function literalToValue(ast: ValueNode): unknown {
    switch (ast.kind) {
      case Kind.STRING:
      case Kind.BOOLEAN:
      case Kind.ENUM:
        return ast.value;
      case Kind.INT:
      case Kind.FLOAT:
        return Number(ast.value);
      case Kind.NULL:
        return null;
      case Kind.LIST:
        return ast.values.map(literalToValue);
      case Kind.OBJECT:
        return Object.fromEntries(ast.fields.map((field) => [field.name.value, literalToValue(field.value)]));
      default:
        throw new GraphQLError('Variables are not supported inside JSON literals; pass the whole object as a variable');
    }
  }

  function parseJsonObject(value: unknown): Record<string, unknown> {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
    throw requestError('BAD_USER_INPUT', 'JSONObject must be an object');
  }

  builder.scalarType('DateTime', {
    description: 'An instant in time, as an ISO 8601 string with a time zone (e.g. "2026-11-23T10:00:00Z").',
    serialize: (value) => value.toISOString(),
    parseValue: parseInstant,
    parseLiteral: (ast) => inLiteral(() => parseInstant(ast.kind === Kind.STRING ? ast.value : undefined)),
  });

  builder.scalarType('Date', {
    description: 'A calendar date, "YYYY-MM-DD".',
    serialize: (value) => value.toISOString().slice(0, 10),
    parseValue: parseCalendarDate,
    parseLiteral: (ast) => inLiteral(() => parseCalendarDate(ast.kind === Kind.STRING ? ast.value : undefined)),
  });

  builder.scalarType('JSONObject', {
    description: 'A JSON object.',
    serialize: (value) => value,
    parseValue: parseJsonObject,
    parseLiteral: (ast) => inLiteral(() => parseJsonObject(literalToValue(ast))),
  });
}
