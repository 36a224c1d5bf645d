// The canonical text of a rule: one line; AND, OR and NOT in capitals; each condition's
// parameters in the order it declares them; its one required range as a comparison after it;
// other ranges as comparisons inside; money, time windows and instants in their short forms.
// Whatever a form cannot say exactly is written as the JSON-like object it is, so that
// reading the text back gives the same rule, for every rule.
import { fromMinorUnits, minorDigits } from './money.js';
import type { RuleInput } from './read.js';
import { boundType, type ConditionSpec, type InputType, type ObjectType, type Vocabulary } from './vocabulary.js';

const RESERVED = new Set(['and', 'or', 'not']);
const KEYWORDS = new Set([...RESERVED, 'between', 'last', 'since', 'before', 'from', 'to', 'true', 'false', 'null']);
const isName = (text: string) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(text);

export function printQuery(rule: RuleInput, vocabulary: Vocabulary): string {
  return printRule(rule, vocabulary, 'top');
}

type Position = 'top' | 'or' | 'and' | 'not';

function printRule(rule: RuleInput, vocabulary: Vocabulary, position: Position): string {
  const group = (kind: 'and' | 'or', operands: RuleInput[]) => {
    if (operands.length < 2) return `${kind.toUpperCase()}(${operands.map((operand) => printRule(operand, vocabulary, 'top')).join(', ')})`;
    const text = operands.map((operand) => printRule(operand, vocabulary, kind)).join(` ${kind.toUpperCase()} `);
    // A group inside a group of the same kind, an OR inside an AND, and any group after NOT keep their parentheses.
    const parenthesised = position === kind || position === 'not' || (kind === 'or' && position === 'and');
    return parenthesised ? `(${text})` : text;
  };
  if (rule.and) return group('and', rule.and);
  if (rule.or) return group('or', rule.or);
  if (rule.not) return `NOT ${printRule(rule.not, vocabulary, 'not')}`;
  const [type, params] = Object.entries(rule.condition ?? {}).find(([, value]) => value !== null && value !== undefined) ?? ['', {}];
  return printCondition(type, params ?? {}, vocabulary.conditions.get(type));
}

function printCondition(type: string, params: Record<string, unknown>, spec: ConditionSpec | undefined): string {
  const parts: string[] = [];
  let comparison = '';
  const fields = spec?.input.fields ?? [];
  for (const field of fields) {
    const value = params[field.name];
    if (value === null || value === undefined) continue;
    const range = field.type.kind === 'object' && field.type.form === 'range' ? printComparison(value, field.type) : null;
    if (range !== null && field === spec?.primary) comparison = ` ${range}`;
    else if (range !== null) parts.push(`${field.name} ${range}`);
    else parts.push(`${field.name}: ${printValue(value, field.type)}`);
  }
  for (const [key, value] of Object.entries(params)) {
    if (!fields.some((field) => field.name === key) && value !== null && value !== undefined) parts.push(`${key}: ${printJson(value)}`);
  }
  return `${type}${parts.length > 0 ? `(${parts.join(', ')})` : ''}${comparison}`;
}

/** A range as a comparison (`>= 3`, `> 1 and < 5`, `between 1 and 3`, `= 2`), or null when it is not one (no bound, two lower bounds…). */
function printComparison(value: unknown, range: ObjectType): string | null {
  if (!isPlainObject(value)) return null;
  const bounds = Object.entries(value).filter(([, bound]) => bound !== null && bound !== undefined);
  const keys = new Set(bounds.map(([key]) => key));
  if (bounds.length === 0 || bounds.some(([key]) => !range.fields.some((field) => field.name === key))) return null;
  if ((keys.has('atLeast') && keys.has('moreThan')) || (keys.has('atMost') && keys.has('lessThan'))) return null;
  const type = boundType(range);
  const show = (key: string) => printValue(value[key], type);
  if (keys.has('atLeast') && keys.has('atMost'))
    return show('atLeast') === show('atMost') ? `= ${show('atLeast')}` : `between ${show('atLeast')} and ${show('atMost')}`;
  const lower = keys.has('atLeast') ? `>= ${show('atLeast')}` : keys.has('moreThan') ? `> ${show('moreThan')}` : null;
  const upper = keys.has('atMost') ? `<= ${show('atMost')}` : keys.has('lessThan') ? `< ${show('lessThan')}` : null;
  return [lower, upper].filter((part) => part !== null).join(' and ');
}

function printValue(value: unknown, type: InputType): string {
  if (value === null || value === undefined) return 'null';
  switch (type.kind) {
    case 'list':
      return Array.isArray(value) ? `[${value.map((item) => printValue(item, type.of)).join(', ')}]` : `[${printValue(value, type.of)}]`;
    case 'enum':
      return typeof value === 'string' && isName(value) && !KEYWORDS.has(value.toLowerCase()) ? value : printJson(value);
    case 'scalar':
      return printScalar(value, type.name);
    case 'object':
      return printObject(value, type);
  }
}

function printScalar(value: unknown, scalar: string): string {
  if (scalar === 'DateTime' && typeof value === 'string') return printInstant(value) ?? printJson(value);
  if (scalar === 'Date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  return printJson(value);
}

function printObject(value: unknown, type: ObjectType): string {
  if (!isPlainObject(value)) return printJson(value);
  const present = Object.entries(value).filter(([, field]) => field !== null && field !== undefined);
  const keys = present
    .map(([key]) => key)
    .sort()
    .join();
  if (type.form === 'money' && keys === 'amount,currency') {
    const { amount, currency } = value as { amount: unknown; currency: unknown };
    const digits =
      typeof currency === 'string' && /^[A-Za-z]{3}$/.test(currency) && !KEYWORDS.has(currency.toLowerCase()) ? minorDigits(currency.toUpperCase()) : null;
    if (typeof amount === 'number' && Number.isSafeInteger(amount) && !Object.is(amount, -0) && digits !== null)
      return `${fromMinorUnits(amount, digits)} ${currency as string}`;
  }
  if (type.form === 'window') {
    const { lastDays, from, to } = value as { lastDays?: unknown; from?: unknown; to?: unknown };
    const [start, end] = [typeof from === 'string' ? printInstant(from) : null, typeof to === 'string' ? printInstant(to) : null];
    if (keys === 'lastDays' && typeof lastDays === 'number' && Number.isSafeInteger(lastDays) && lastDays >= 0)
      return `last ${lastDays} ${lastDays === 1 ? 'day' : 'days'}`;
    if (keys === 'from' && start) return `since ${start}`;
    if (keys === 'to' && end) return `before ${end}`;
    if (keys === 'from,to' && start && end) return `from ${start} to ${end}`;
  }
  const parts: string[] = [];
  for (const field of type.fields) {
    const fieldValue = value[field.name];
    if (fieldValue !== null && fieldValue !== undefined) parts.push(`${printKey(field.name)}: ${printValue(fieldValue, field.type)}`);
  }
  for (const [key, field] of present) if (!type.fields.some((candidate) => candidate.name === key)) parts.push(`${printKey(key)}: ${printJson(field)}`);
  return parts.length === 0 ? '{}' : `{ ${parts.join(', ')} }`;
}

/** An instant in its shortest exact form: UTC, a date alone at midnight, milliseconds only when not zero. */
function printInstant(text: string): string | null {
  const date = new Date(text);
  if (Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(text)) return null;
  const iso = date.toISOString();
  if (!/^\d{4}-/.test(iso)) return null;
  if (iso.endsWith('T00:00:00.000Z')) return iso.slice(0, 10);
  return iso.replace(/\.000Z$/, 'Z');
}

const printKey = (key: string) => (isName(key) && !RESERVED.has(key.toLowerCase()) ? key : JSON.stringify(key));

/** Any JSON value, as JSON with bare keys. */
function printJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(printJson).join(', ')}]`;
  if (isPlainObject(value)) {
    const parts = Object.entries(value).map(([key, field]) => `${printKey(key)}: ${printJson(field)}`);
    return parts.length === 0 ? '{}' : `{ ${parts.join(', ')} }`;
  }
  return JSON.stringify(String(value));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
