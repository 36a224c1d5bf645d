// GraphQL types of what plugins declare. Inputs are derived from zod schemas (a condition's
// or an effect's parameters, a customer field's arguments) by the mapping the SDK documents
// (packages/plugin-sdk/src/graphql.ts); schemas the SDK names (time windows, ranges, money,
// product targets, order statuses) become one shared type each. Only the shape is derived:
// values are validated by the plugin's own schema when parsed. Outputs (what an effect shows
// of itself) are built from the SDK's output descriptions (packages/plugin-sdk/src/outputs.ts).
import { graphqlMeta, type AnyEffect, type OutputField, type OutputType } from '@cohort/plugin-sdk';
import type { EnumRef } from '@pothos/core';
import type { z } from 'zod';
import type { PluginRegistry } from '../registry/registry.js';
import type { Builder, BuilderTypes } from './builder.js';
import { MoneyRef } from './money.js';

/** A value shown through an output description: what a field resolved, in the promotion's currency (`type`: for effects, which one). */
interface OutputValue {
  type?: string;
  value: unknown;
  currency: string;
}

// Refs of derived types are only known at run time: Pothos sees them as opaque.
type Ref = never;

interface ZodDef {
  type: string;
  check?: string;
  format?: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string | number>;
  values?: unknown[];
  checks?: { _zod: { def: { check?: string; format?: string } } }[];
  getter?: () => z.ZodType;
}

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: ZodDef } })._zod.def;
/** A camelCase name as the start of a GraphQL type name: amountSpent → AmountSpent. */
export const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/** A field's or argument's options for Pothos: its type, whether it is required, its description. */
export interface DerivedField {
  type: unknown;
  required: boolean | { list: boolean; items: boolean };
  description?: string;
}

export class PluginTypes {
  private readonly named = new Map<string, { ref: unknown; fields: string[] | null }>();
  private readonly effectOutputs = new Map<string, unknown>();

  constructor(
    private readonly builder: Builder,
    /** The plugins whose effects output descriptions may name. */
    private readonly registry: PluginRegistry,
  ) {}

  /**
   * The input object type of an object schema: named `overrides.name`, else as the schema
   * names itself, else `fallbackName`. `where` says whose schema it is, for errors
   * ("condition amountSpent, field within").
   */
  objectType(schema: z.ZodType, fallbackName: string, where: string, overrides: { name?: string; description?: string } = {}): Ref {
    const { schema: inner } = unwrap(schema);
    const meta = graphqlMeta(inner);
    const def = defOf(inner);
    if (def.type !== 'object' || !def.shape) throw new Error(`${where}: an input object must be a z.object (got ${def.type})`);
    const typeName = overrides.name ?? meta.graphql?.name ?? fallbackName;
    const fields = Object.keys(def.shape);
    const known = this.named.get(typeName);
    if (known) {
      if (known.fields && known.fields.join() !== fields.join())
        throw new Error(`${where}: two different inputs are named "${typeName}" (fields ${known.fields.join(', ')} and ${fields.join(', ')})`);
      return known.ref as Ref;
    }
    const shape = def.shape;
    const ref = this.builder.inputType(typeName, {
      description: overrides.description ?? meta.graphql?.description ?? meta.description,
      isOneOf: meta.graphql?.oneOf ?? false,
      fields: (t) =>
        Object.fromEntries(
          Object.entries(shape).map(([key, field]) => [key, t.field(this.field(field, `${typeName}${pascal(key)}`, `${where}, field ${key}`) as never)]),
        ),
    });
    this.named.set(typeName, { ref, fields });
    return ref as Ref;
  }

  /** Pothos options (type, required, description) for a field or argument of schema `schema`. */
  field(schema: z.ZodType, nameIfObject: string, where: string): DerivedField {
    const { schema: inner, optional, description } = unwrap(schema);
    const type = this.typeOf(inner, nameIfObject, where);
    return { type: type.type, required: type.list ? { list: !optional, items: true } : !optional, ...(description ? { description } : {}) };
  }

  private typeOf(schema: z.ZodType, nameIfObject: string, where: string): { type: unknown; list: boolean } {
    const meta = graphqlMeta(schema);
    if (meta.graphql?.scalar) return { type: meta.graphql.scalar, list: false };
    const def = defOf(schema);
    switch (def.type) {
      case 'object':
        return { type: this.objectType(schema, `${nameIfObject}Input`, where), list: false };
      case 'array': {
        const element = unwrap(def.element as z.ZodType).schema;
        const item = this.typeOf(element, nameIfObject, where);
        if (item.list) throw new Error(`${where}: lists of lists have no GraphQL input`);
        return { type: [item.type], list: true };
      }
      case 'string':
        return { type: 'String', list: false };
      case 'boolean':
        return { type: 'Boolean', list: false };
      case 'date':
        return { type: 'DateTime', list: false };
      case 'number':
        return { type: isInteger(def) ? 'Int' : 'Float', list: false };
      case 'enum':
        return {
          type: meta.graphql?.name ? this.enumType(meta.graphql.name, Object.values(def.entries ?? {}).map(String), meta.graphql.description) : 'String',
          list: false,
        };
      case 'literal': {
        const kinds = new Set((def.values ?? []).map((value) => typeof value));
        if (kinds.size === 1 && kinds.has('boolean')) return { type: 'Boolean', list: false };
        if (kinds.size === 1 && kinds.has('string')) return { type: 'String', list: false };
        break;
      }
      case 'union': {
        const types = (def.options ?? []).map((option) => this.typeOf(unwrap(option).schema, nameIfObject, where));
        if (types.length > 0 && types.every((type) => sameType(type, types[0] as { type: unknown; list: boolean })))
          return types[0] as { type: unknown; list: boolean };
        break;
      }
    }
    throw new Error(
      `${where}: no GraphQL input can be derived from a zod ${def.type} (use strings, numbers, booleans, enums, arrays and objects, or name a scalar with graphqlScalar)`,
    );
  }

  private enumType(name: string, values: string[], description: string | undefined): unknown {
    const known = this.named.get(name);
    if (known) {
      if (known.fields?.join() !== values.join())
        throw new Error(`Two different enums are named "${name}" (values ${known.fields?.join(', ')} and ${values.join(', ')})`);
      return known.ref;
    }
    const ref = this.builder.enumType(name, { description, values: values as [string, ...string[]] });
    this.named.set(name, { ref, fields: values });
    return ref;
  }

  /** The enum type an enum schema named with graphqlType becomes (e.g. OrderStatus, for the core's own fields). */
  enumOf<Value extends string>(schema: z.ZodType<Value>): EnumRef<BuilderTypes, Value, Value> {
    const meta = graphqlMeta(schema);
    const def = defOf(schema);
    if (def.type !== 'enum' || !meta.graphql?.name) throw new Error('enumOf needs a z.enum named with graphqlType');
    return this.enumType(meta.graphql.name, Object.values(def.entries ?? {}).map(String), meta.graphql.description) as EnumRef<BuilderTypes, Value, Value>;
  }

  /** The object type an effect shows itself as (its `output`), on values `{ type, value: params, currency }`. */
  effectOutput(effect: AnyEffect): Ref {
    const known = this.effectOutputs.get(effect.type);
    if (known) return known as Ref;
    const ref = this.objectOutput(effect.output.name, effect.output.description, effect.output.fields, `Effect "${effect.type}", output`);
    this.effectOutputs.set(effect.type, ref);
    return ref as Ref;
  }

  /** A union of the outputs of these effects, on values `{ type, value, currency }`. */
  effectUnion(name: string, effects: AnyEffect[], description?: string): Ref {
    const known = this.named.get(name);
    if (known) return known.ref as Ref;
    const refs = new Map(effects.map((effect) => [effect.type, this.effectOutput(effect)]));
    const ref = this.builder.unionType(name, {
      description,
      types: [...refs.values()] as never[],
      resolveType: (value) => refs.get((value as OutputValue).type as string) as never,
    });
    this.named.set(name, { ref, fields: null });
    return ref as Ref;
  }

  private objectOutput(name: string, description: string | undefined, fields: Record<string, OutputField<unknown>>, where: string): unknown {
    const known = this.named.get(name);
    if (known) {
      if (known.fields?.join() !== Object.keys(fields).join()) throw new Error(`${where}: two different types are named "${name}"`);
      return known.ref;
    }
    const ref = this.builder.objectRef<OutputValue>(name);
    this.named.set(name, { ref, fields: Object.keys(fields) });
    ref.implement({
      description,
      fields: (t) =>
        Object.fromEntries(
          Object.entries(fields).map(([key, field]) => {
            const type = this.outputType(field.type, `${where}, field ${key}`);
            return [
              key,
              t.field({
                type: type as never,
                nullable: field.nullable ?? false,
                description: field.description,
                resolve: (source) => shown(field.type, field.resolve(source.value, { currency: source.currency }), source.currency) as never,
              }),
            ];
          }),
        ),
    });
    return ref;
  }

  /**
   * The GraphQL type of a value that no promotion's currency goes with (a customer field's), and
   * how a resolved value is shown through it. Money needs a currency, so it is refused here.
   */
  currencylessOutput(type: OutputType, where: string): { type: unknown; show: (value: unknown) => unknown } {
    const money = (candidate: OutputType): boolean =>
      candidate === 'Money' ||
      (typeof candidate === 'object' &&
        ('list' in candidate ? money(candidate.list) : 'object' in candidate && Object.values(candidate.fields).some((field) => money(field.type))));
    if (money(type)) throw new Error(`${where}: shows Money, which needs a currency; show minor units as Int and the currency as String`);
    return { type: this.outputType(type, where), show: (value) => shown(type, value, '') };
  }

  private outputType(type: OutputType, where: string): unknown {
    if (type === 'Money') return MoneyRef;
    if (typeof type === 'string') return type;
    if ('list' in type) return [this.outputType(type.list, where)];
    if ('enum' in type) return this.enumType(type.enum, [...type.values], type.description);
    if ('object' in type) return this.objectOutput(type.object, type.description, type.fields, where);
    const effects = type.effects.map((effectType) => {
      const effect = this.registry.effect(effectType);
      if (!effect) throw new Error(`${where}: names effect "${effectType}", which no plugin defines`);
      return effect;
    });
    return this.effectUnion(type.effectUnion, effects, type.description);
  }

  /** The fields of an object schema (a customer field's arguments, say), by name. */
  static fieldsOf(schema: z.ZodType): [string, z.ZodType][] {
    const def = defOf(unwrap(schema).schema);
    if (def.type !== 'object' || !def.shape) throw new Error(`expected a z.object (got ${def.type})`);
    return Object.entries(def.shape);
  }
}

/**
 * A plugin's parameters as a GraphQL input gave them, for its schema: a field the caller set
 * to null is left out, as if not given, so that `.optional()` and `.default()` parameters take
 * null as GraphQL callers mean it (derived inputs make them nullable).
 */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (typeof value !== 'object' || value === null || value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, field]) => field !== null)
      .map(([key, field]) => [key, withoutNulls(field)]),
  );
}

/** A resolved value as its output type shows it: money in the currency, objects and effects carrying it down. */
function shown(type: OutputType, value: unknown, currency: string): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'Money') return { amount: value as number, currency };
  if (typeof type === 'string' || 'enum' in type) return value;
  if ('list' in type) return (value as unknown[]).map((item) => shown(type.list, item, currency));
  if ('object' in type) return { value, currency } satisfies OutputValue;
  const effect = value as { type: string; params: unknown };
  return { type: effect.type, value: effect.params, currency } satisfies OutputValue;
}

/** z.number().int() holds the integer format among its checks; z.int() (and z.int32()…) on itself. */
/** The same GraphQL type: the same name or ref, as a list or not. */
function sameType(a: { type: unknown; list: boolean }, b: { type: unknown; list: boolean }): boolean {
  const [typeA, typeB] = [a.list ? (a.type as unknown[])[0] : a.type, b.list ? (b.type as unknown[])[0] : b.type];
  return a.list === b.list && typeA === typeB;
}

function isInteger(def: ZodDef): boolean {
  const integerFormat = (check: { check?: string; format?: string }) => check.check === 'number_format' && /int/.test(check.format ?? '');
  return integerFormat(def) || (def.checks ?? []).some((check) => integerFormat(check._zod.def));
}

/**
 * Looks through what does not change a value's GraphQL type (optional, nullable, defaults,
 * preprocessing, transforms), noting whether the value may be left out and the first
 * description met (the field's: a named type's own is in its `graphql` metadata). Stops at a
 * named type or scalar.
 */
function unwrap(schema: z.ZodType): { schema: z.ZodType; optional: boolean; description: string | undefined } {
  let optional = false;
  let description: string | undefined;
  let current = schema;
  for (;;) {
    const meta = graphqlMeta(current);
    description ??= meta.description;
    if (meta.graphql?.name || meta.graphql?.scalar) return { schema: current, optional, description };
    const def = defOf(current);
    switch (def.type) {
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
        optional = true;
        current = def.innerType as z.ZodType;
        continue;
      case 'catch':
      case 'readonly':
      case 'nonoptional':
        current = def.innerType as z.ZodType;
        continue;
      case 'pipe':
        // z.preprocess(fn, schema) is a pipe from a transform: its input is what `schema` takes.
        current = (defOf(def.in as z.ZodType).type === 'transform' ? def.out : def.in) as z.ZodType;
        continue;
      case 'lazy':
        current = (def.getter as () => z.ZodType)();
        continue;
      default:
        return { schema: current, optional, description };
    }
  }
}
