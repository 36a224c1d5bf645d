// What the language can say, read from a GraphQL schema: the conditions (the fields of the
// rule input's `condition`), each with its parameters and their types. The server builds it
// from its executable schema; a browser from introspection (buildClientSchema). Nothing here
// is specific to a condition: a partner's condition is described as a built-in one is.
import {
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';

export type InputType = ScalarType | EnumType | ListType | ObjectType;

export interface ScalarType {
  kind: 'scalar';
  /** Int, Float, String, Boolean, ID, DateTime, Date, SafeInt, JSONObject, or another scalar of the schema. */
  name: string;
  description: string | undefined;
}

export interface EnumType {
  kind: 'enum';
  name: string;
  description: string | undefined;
  values: { name: string; description: string | undefined }[];
}

export interface ListType {
  kind: 'list';
  of: InputType;
}

/**
 * An input object. Its `form` says how text writes it besides `{ field: value }`: an amount of
 * money (`300.00 USD`), a range (`>= 3`, `between 1 and 5`) or a time window (`last 30 days`).
 */
export interface ObjectType {
  kind: 'object';
  name: string;
  description: string | undefined;
  oneOf: boolean;
  fields: Field[];
  form: 'money' | 'range' | 'window' | 'plain';
}

export interface Field {
  name: string;
  description: string | undefined;
  type: InputType;
  /** Non-null in GraphQL: must be given. */
  required: boolean;
  /** The GraphQL type as written in SDL, e.g. "[String!]!". */
  typeName: string;
}

export interface ConditionSpec {
  /** The condition type: the field of ConditionInput that selects it. */
  type: string;
  /** Its label (the field's description), e.g. "Total spent on orders". */
  label: string | undefined;
  input: ObjectType;
  /**
   * The parameter a comparison after the condition bounds (`amountSpent(…) > 300.00 USD`): its
   * one required range, or null when it has none or several.
   */
  primary: Field | null;
}

export interface Vocabulary {
  conditions: ReadonlyMap<string, ConditionSpec>;
  /** The rule input type (SegmentRuleInput), against which a parsed rule is checked as a JSON variable would be. */
  ruleInput: GraphQLInputObjectType;
}

const RANGE_FIELDS = new Set(['atLeast', 'atMost', 'moreThan', 'lessThan']);

/** The range's bound type: what `> x` compares with (Int for CountRangeInput, MoneyInput for MoneyRangeInput). */
export const boundType = (range: ObjectType): InputType => (range.fields[0] as Field).type;

const described = new WeakMap<GraphQLSchema, Map<string, Vocabulary>>();

/**
 * Reads the conditions from a schema, once per schema (a schema does not change). `ruleInput`
 * names the rule input type (SegmentRuleInput), whose field `condition` is a @oneOf input with
 * one field per condition type.
 */
export function describeConditions(schema: GraphQLSchema, options: { ruleInput?: string } = {}): Vocabulary {
  const ruleInputName = options.ruleInput ?? 'SegmentRuleInput';
  const known = described.get(schema)?.get(ruleInputName);
  if (known) return known;
  const vocabulary = readConditions(schema, ruleInputName);
  described.set(schema, (described.get(schema) ?? new Map()).set(ruleInputName, vocabulary));
  return vocabulary;
}

function readConditions(schema: GraphQLSchema, ruleInputName: string): Vocabulary {
  const ruleInput = schema.getType(ruleInputName);
  if (!isInputObjectType(ruleInput)) throw new Error(`The schema has no input type "${ruleInputName}"`);
  const conditionField = ruleInput.getFields().condition;
  const conditionInput = conditionField && (isNonNullType(conditionField.type) ? conditionField.type.ofType : conditionField.type);
  if (!isInputObjectType(conditionInput)) throw new Error(`"${ruleInputName}.condition" must be an input object with one field per condition type`);

  const objects = new Map<string, ObjectType>();
  const typeOf = (type: GraphQLInputType): InputType => {
    const inner = isNonNullType(type) ? type.ofType : type;
    if (isListType(inner)) return { kind: 'list', of: typeOf(inner.ofType) };
    if (isEnumType(inner))
      return {
        kind: 'enum',
        name: inner.name,
        description: inner.description ?? undefined,
        values: inner.getValues().map((value) => ({ name: value.name, description: value.description ?? undefined })),
      };
    if (isScalarType(inner)) return { kind: 'scalar', name: inner.name, description: inner.description ?? undefined };
    const known = objects.get(inner.name);
    if (known) return known;
    // Registered before its fields are read, so that recursive inputs end.
    const object: ObjectType = {
      kind: 'object',
      name: inner.name,
      description: inner.description ?? undefined,
      oneOf: inner.isOneOf === true,
      fields: [],
      form: 'plain',
    };
    objects.set(inner.name, object);
    object.fields = Object.values(inner.getFields()).map((field) => ({
      name: field.name,
      description: field.description ?? undefined,
      type: typeOf(field.type),
      required: isNonNullType(field.type),
      typeName: String(field.type),
    }));
    object.form = formOf(object);
    return object;
  };

  const conditions = new Map<string, ConditionSpec>();
  for (const field of Object.values(conditionInput.getFields())) {
    const input = typeOf(field.type);
    if (input.kind !== 'object') throw new Error(`Condition "${field.name}" must take an input object`);
    const ranges = input.fields.filter((candidate) => candidate.type.kind === 'object' && candidate.type.form === 'range');
    const required = ranges.filter((candidate) => candidate.required);
    conditions.set(field.name, {
      type: field.name,
      label: field.description ?? undefined,
      input,
      primary: required.length === 1 ? (required[0] as Field) : null,
    });
  }
  return { conditions, ruleInput };
}

const scalarNamed = (type: InputType | undefined, ...names: string[]) => type?.kind === 'scalar' && names.includes(type.name);

function formOf(object: ObjectType): ObjectType['form'] {
  const byName = new Map(object.fields.map((field) => [field.name, field]));
  const names = [...byName.keys()];
  if (names.length === 2 && scalarNamed(byName.get('amount')?.type, 'Int', 'SafeInt') && scalarNamed(byName.get('currency')?.type, 'String')) return 'money';
  if (names.length >= 2 && names.every((name) => RANGE_FIELDS.has(name))) {
    const [first, ...rest] = object.fields.map((field) => field.type);
    if (rest.every((type) => sameType(type, first as InputType)) && !object.fields.some((field) => field.required)) return 'range';
  }
  const lastDays = byName.get('lastDays');
  if (
    lastDays &&
    scalarNamed(lastDays.type, 'Int', 'SafeInt') &&
    names.every((name) => ['lastDays', 'from', 'to'].includes(name)) &&
    names.length >= 2 &&
    names.filter((name) => name !== 'lastDays').every((name) => scalarNamed(byName.get(name)?.type, 'DateTime', 'Date')) &&
    !object.fields.some((field) => field.required)
  ) {
    return 'window';
  }
  return 'plain';
}

function sameType(a: InputType, b: InputType): boolean {
  if (a.kind === 'list' || b.kind === 'list') return a.kind === 'list' && b.kind === 'list' && sameType(a.of, b.of);
  return a.kind === b.kind && a.name === b.name;
}

const PLURALS: Record<string, string> = {
  String: 'strings',
  ID: 'strings',
  Int: 'whole numbers',
  SafeInt: 'whole numbers',
  Float: 'numbers',
  Boolean: 'booleans',
  DateTime: 'instants',
  Date: 'dates',
};

/** A type as a reader would say it: "a string", "a list of OrderStatus values", "an amount of money". */
export function describeType(type: InputType): string {
  switch (type.kind) {
    case 'list':
      if (type.of.kind === 'enum') return `a list of ${type.of.name} values (${type.of.values.map((value) => value.name).join(', ')})`;
      if (type.of.kind === 'scalar' && PLURALS[type.of.name]) return `a list of ${PLURALS[type.of.name]}`;
      return `a list, each ${describeType(type.of)}`;
    case 'enum':
      return `a ${type.name} value (${type.values.map((value) => value.name).join(', ')})`;
    case 'scalar':
      return (
        {
          String: 'a string',
          ID: 'a string',
          Int: 'a whole number',
          SafeInt: 'a whole number',
          Float: 'a number',
          Boolean: 'true or false',
          DateTime: 'an instant, e.g. 2026-01-31T10:00:00Z',
          Date: 'a date, e.g. 2026-01-31',
          JSONObject: 'an object',
        }[type.name] ?? `a ${type.name}`
      );
    case 'object':
      return type.form === 'money'
        ? 'an amount of money, e.g. 300.00 USD'
        : type.form === 'window'
          ? 'a time window, e.g. last 30 days'
          : type.form === 'range'
            ? `a range, e.g. >= 3`
            : `a ${type.name} { ${type.fields.map((field) => field.name).join(', ')} }`;
  }
}

/** The message for a parameter or field the type does not have, naming those it has: the API's for the same JSON. */
export function unknownFieldMessage(object: ObjectType, name: string, condition?: string): string {
  const names = object.fields.map((field) => field.name).join(', ');
  return condition ? `unknown parameter "${name}" (${condition} takes ${names})` : `unknown field "${name}" (${object.name} takes ${names})`;
}
