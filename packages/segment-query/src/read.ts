// Reading a syntax tree against the conditions' types: the rule as the GraphQL input
// `SegmentRuleInput` takes it in JSON (what a client would send as a variable), and where each
// part of it was written (a source map from JSON path to text span), so that any error found
// later in that JSON (by GraphQL, by a condition's schema) points at the text that made it.
import type { Comparison, ConditionNode, Expression, Name, Span, Value } from './ast.js';
import { currenciesOfSymbol, likeliestCurrency, minorDigits, plainDecimal, toMinorUnits } from './money.js';
import {
  boundType,
  describeType,
  unknownFieldMessage,
  type ConditionSpec,
  type Field,
  type InputType,
  type ObjectType,
  type Vocabulary,
} from './vocabulary.js';

/** A rule as the GraphQL input SegmentRuleInput takes it: exactly one of and, or, not, condition. */
export interface RuleInput {
  and?: RuleInput[];
  or?: RuleInput[];
  not?: RuleInput;
  /** `{ <condition type>: { <parameter>: value } }`. */
  condition?: Record<string, Record<string, unknown>>;
}

export type JsonPath = readonly (string | number)[];

/** Where each part of a rule's JSON was written: JSON path (dotted) → text span. */
export class SourceMap {
  private readonly spans = new Map<string, Span>();

  set(path: JsonPath, span: Span): void {
    this.spans.set(path.join('.'), span);
  }

  /** The span of the path, or of its nearest ancestor that was written (a missing field: the object it is missing from). */
  spanOf(path: JsonPath): Span | undefined {
    for (let length = path.length; length >= 0; length -= 1) {
      const span = this.spans.get(path.slice(0, length).join('.'));
      if (span) return span;
    }
    return undefined;
  }
}

export interface Problem {
  message: string;
  span: Span;
  /** What could be written there instead (names of conditions, parameters, values). */
  expected: string[];
  /** The JSON path the problem is about, when it is about a part of the rule. */
  path: JsonPath | null;
  /** Text to put in place of the span, when the problem is text that reads two ways (a decimal comma, a shared currency symbol). */
  replacement: string | null;
}

const FAILED: unique symbol = Symbol('failed');
type Read = unknown | typeof FAILED;

const UNITS: Record<string, number> = { day: 1, days: 1, week: 7, weeks: 7 };
const INEXACT_UNITS: Record<string, number> = { month: 30, months: 30, year: 365, years: 365 };

export function readRule(
  expression: Expression,
  text: string,
  vocabulary: Vocabulary,
): { rule: RuleInput | undefined; sourceMap: SourceMap; problems: Problem[] } {
  const sourceMap = new SourceMap();
  const problems: Problem[] = [];
  const problem = (span: Span, message: string, extra: Partial<Omit<Problem, 'span' | 'message'>> = {}): typeof FAILED => {
    problems.push({ span, message, expected: extra.expected ?? [], path: extra.path ?? null, replacement: extra.replacement ?? null });
    return FAILED;
  };
  const written = (span: Span) => text.slice(span.start, span.end);

  const readExpression = (node: Expression, path: JsonPath): RuleInput | typeof FAILED => {
    sourceMap.set(path, node.span);
    switch (node.kind) {
      case 'and':
      case 'or': {
        const operands = node.operands.map((operand, index) => readExpression(operand, [...path, node.kind, index]));
        return operands.includes(FAILED) ? FAILED : ({ [node.kind]: operands } as RuleInput);
      }
      case 'not': {
        const operand = readExpression(node.operand, [...path, 'not']);
        return operand === FAILED ? FAILED : { not: operand };
      }
      case 'condition':
        return readCondition(node, [...path, 'condition']);
    }
  };

  const readCondition = (node: ConditionNode, path: JsonPath): RuleInput | typeof FAILED => {
    const spec = vocabulary.conditions.get(node.name.text);
    if (!spec)
      return problem(node.name.span, `unknown condition type "${node.name.text}"`, {
        path: [...path, 'type'],
        expected: [...vocabulary.conditions.keys()].sort(),
      });
    const here = [...path, spec.type];
    sourceMap.set(path, node.span);
    sourceMap.set(here, node.span);
    const params: Record<string, unknown> = {};
    let failed = false;
    const setParam = (field: Field, name: Name, value: Read) => {
      if (field.name in params) failed = problem(name.span, `parameter "${field.name}" is given twice`, { path: [...here, field.name] }) === FAILED || failed;
      else if (value === FAILED) failed = true;
      else params[field.name] = value;
    };
    for (const param of node.params ?? []) {
      const field = spec.input.fields.find((candidate) => candidate.name === param.name.text);
      if (!field) {
        failed =
          problem(param.name.span, unknownFieldMessage(spec.input, param.name.text, spec.type), {
            path: [...here, param.name.text],
            expected: spec.input.fields.map((candidate) => candidate.name),
          }) === FAILED;
        continue;
      }
      const fieldPath = [...here, field.name];
      if (param.value) setParam(field, param.name, readValue(param.value, field.type, fieldPath));
      else if (field.type.kind === 'object' && field.type.form === 'range')
        setParam(field, param.name, readComparison(param.comparison, field.type, fieldPath));
      else
        setParam(
          field,
          param.name,
          problem(param.comparison.span, `"${field.name}" takes ${describeType(field.type)}, not a comparison: write ${field.name}: <value>`, {
            path: fieldPath,
          }),
        );
    }
    if (node.comparison) {
      const { primary } = spec;
      if (!primary) {
        failed = problem(node.comparison.span, `${spec.type} has no range to compare: ${rangeParameters(spec)}`, { path: here }) === FAILED;
      } else {
        setParam(primary, node.name, readComparison(node.comparison, primary.type as ObjectType, [...here, primary.name]));
      }
    }
    return failed ? FAILED : { condition: { [spec.type]: params } };
  };

  const readComparison = (comparison: Comparison, range: ObjectType, path: JsonPath): Read => {
    sourceMap.set(path, comparison.span);
    const bound = boundType(range);
    const result: Record<string, unknown> = {};
    let failed = false;
    const set = (key: string, value: Value, span: Span) => {
      if (key in result) {
        failed = problem(span, `${key} is given twice`, { path: [...path, key] }) === FAILED;
        return;
      }
      sourceMap.set([...path, key], span);
      const read = readValue(value, bound, [...path, key]);
      if (read === FAILED) failed = true;
      else result[key] = read;
    };
    if (comparison.kind === 'between') {
      set('atLeast', comparison.low, comparison.low.span);
      set('atMost', comparison.high, comparison.high.span);
    } else {
      for (const { operator, value, span } of comparison.bounds) {
        if (operator === '=') {
          set('atLeast', value, span);
          set('atMost', value, span);
        } else {
          set({ '>': 'moreThan', '>=': 'atLeast', '<': 'lessThan', '<=': 'atMost' }[operator], value, span);
        }
      }
    }
    return failed ? FAILED : result;
  };

  const readValue = (value: Value, type: InputType, path: JsonPath): Read => {
    sourceMap.set(path, value.span);
    switch (type.kind) {
      case 'list':
        if (value.kind === 'list') {
          const items = value.items.map((item, index) => readValue(item, type.of, [...path, index]));
          return items.includes(FAILED) ? FAILED : items;
        }
        {
          // As GraphQL takes one value for a list of one.
          const item = readValue(value, type.of, path);
          return item === FAILED ? FAILED : [item];
        }
      case 'enum':
        if (value.kind === 'name') return value.name.text;
        if (value.kind === 'string') return readString(value);
        return readJson(value, path);
      case 'scalar':
        return readScalar(value, type.name, path);
      case 'object':
        if (value.kind === 'object') return readObject(value, type, path);
        if (type.form === 'money') return value.kind === 'number' ? readMoney(value, path) : problem(value.span, `expected ${describeType(type)}`, { path });
        if (type.form === 'window')
          return value.kind === 'window'
            ? readWindow(value, type, path)
            : problem(value.span, `expected a time window: last 30 days, since 2026-01-01, before 2026-02-01 or from 2026-01-01 to 2026-02-01`, { path });
        if (type.form === 'range')
          return problem(
            value.span,
            `a range is written with a comparison, e.g. ${String(path.at(-1))} >= ${value.kind === 'number' ? written(value.span) : '3'}`,
            { path },
          );
        return readJson(value, path);
    }
  };

  const readObject = (value: Extract<Value, { kind: 'object' }>, type: ObjectType, path: JsonPath): Read => {
    const result: Record<string, unknown> = {};
    let failed = false;
    for (const entry of value.fields) {
      const key = keyOf(entry.key);
      if (key === FAILED) {
        failed = true;
        continue;
      }
      const field = type.fields.find((candidate) => candidate.name === key);
      if (!field) {
        failed =
          problem(entry.key.span, unknownFieldMessage(type, key), { path: [...path, key], expected: type.fields.map((candidate) => candidate.name) }) ===
          FAILED;
        continue;
      }
      if (key in result) {
        failed = problem(entry.key.span, `field "${key}" is given twice`, { path: [...path, key] }) === FAILED;
        continue;
      }
      const read = readValue(entry.value, field.type, [...path, key]);
      if (read === FAILED) failed = true;
      else result[key] = read;
    }
    return failed ? FAILED : result;
  };

  const readScalar = (value: Value, scalar: string, path: JsonPath): Read => {
    switch (scalar) {
      case 'String':
      case 'ID':
        if (value.kind === 'string') return readString(value);
        if (value.kind === 'name')
          return problem(value.span, `a string is written in quotes: "${value.name.text}"`, { path, replacement: JSON.stringify(value.name.text) });
        return readJson(value, path);
      case 'Int':
      case 'SafeInt':
      case 'Float':
        return value.kind === 'number' ? readNumber(value, path) : readJson(value, path);
      case 'DateTime':
        if (value.kind === 'instant') return readInstant(value.image, value.span, path);
        return value.kind === 'string' ? readString(value) : readJson(value, path);
      case 'Date':
        if (value.kind === 'instant')
          return /^\d{4}-\d{2}-\d{2}$/.test(value.image) && validDate(value.image)
            ? value.image
            : problem(value.span, 'expected a date, e.g. 2026-01-31', { path });
        return value.kind === 'string' ? readString(value) : readJson(value, path);
      default:
        return readJson(value, path);
    }
  };

  const readNumber = (value: Extract<Value, { kind: 'number' }>, path: JsonPath): Read => {
    if (value.locale) return localeAmount(value, path);
    if (value.before || value.after) {
      const unit = (value.after ?? value.before) as Name;
      return problem(unit.span, `expected a plain number here, not "${written(value.span)}"`, { path, replacement: value.image });
    }
    return Number(value.image);
  };

  const localeAmount = (value: Extract<Value, { kind: 'number' }>, path: JsonPath): typeof FAILED => {
    const { decimal, alternative } = plainDecimal(value.image);
    const rewrite = (number: string) => written(value.span).replace(value.image, number);
    return problem(
      value.numberSpan,
      `"${value.image}" is written with a locale's separators: write amounts with a decimal point and no thousands separators, e.g. ${rewrite(decimal)}${alternative ? ` (or ${rewrite(alternative)})` : ''}`,
      { path, replacement: rewrite(decimal) },
    );
  };

  const readMoney = (value: Extract<Value, { kind: 'number' }>, path: JsonPath): Read => {
    if (value.before && value.after) return problem(value.span, 'give the currency once, e.g. 300.00 USD', { path });
    const example = (currency: string) => `${value.locale ? plainDecimal(value.image).decimal : value.image} ${currency}`;
    let currency: string;
    let currencySpan: Span;
    if (value.before && /\p{Sc}/u.test(value.before.text)) {
      const candidates = currenciesOfSymbol(value.before.text);
      if (candidates.length !== 1) {
        const likeliest = likeliestCurrency(value.before.text) ?? candidates[0] ?? 'USD';
        return problem(
          value.span,
          candidates.length === 0
            ? `"${value.before.text}" is not a currency symbol: write the ISO 4217 code after the amount, e.g. ${example('USD')}`
            : `"${value.before.text}" is the symbol of several currencies (${candidates.join(', ')}): write the ISO 4217 code after the amount, e.g. ${example(likeliest)}`,
          { path, replacement: example(likeliest), expected: candidates },
        );
      }
      currency = candidates[0] as string;
      currencySpan = value.before.span;
    } else {
      const code = value.after ?? value.before;
      if (!code)
        return problem(value.span, `an amount of money needs its currency: write its ISO 4217 code after it, e.g. ${example('USD')}`, {
          path: [...path, 'currency'],
        });
      if (!/^[A-Za-z]{3}$/.test(code.text)) {
        const candidates = currenciesOfSymbol(code.text);
        return problem(code.span, `"${code.text}" is not a currency code: write the ISO 4217 code, e.g. ${example(candidates[0] ?? 'USD')}`, {
          path: [...path, 'currency'],
          expected: candidates,
          ...(candidates.length > 0 ? { replacement: candidates.length === 1 ? (candidates[0] as string) : null } : {}),
        });
      }
      currency = code.text;
      currencySpan = code.span;
    }
    if (value.locale) return localeAmount(value, path);
    const digits = minorDigits(currency.toUpperCase()) ?? 2;
    const minor = toMinorUnits(value.image, digits, currency.toUpperCase());
    if ('problem' in minor) return problem(value.numberSpan, `${value.image}: ${minor.problem}`, { path: [...path, 'amount'] });
    sourceMap.set([...path, 'amount'], value.numberSpan);
    sourceMap.set([...path, 'currency'], currencySpan);
    return { amount: minor.amount, currency };
  };

  const readWindow = (value: Extract<Value, { kind: 'window' }>, type: ObjectType, path: JsonPath): Read => {
    const field = (name: string) => type.fields.find((candidate) => candidate.name === name) as Field;
    switch (value.form) {
      case 'last': {
        if (value.count.kind !== 'number' || value.count.before || value.count.locale || !/^\d+$/.test(value.count.image))
          return problem(value.count.span, 'expected a whole number of days, e.g. last 30 days', { path: [...path, 'lastDays'] });
        const count = Number(value.count.image);
        const unit = value.unit?.text.toLowerCase();
        if (!unit || !value.unit) return problem(value.span, `say the unit: last ${count} days`, { path, replacement: `last ${count} days` });
        if (INEXACT_UNITS[unit]) {
          const days = count * INEXACT_UNITS[unit];
          return problem(value.unit.span, `a ${unit.replace(/s$/, '')} is not a whole number of days: write it in days, e.g. last ${days} days`, {
            path,
            replacement: `last ${days} days`,
            expected: ['days', 'weeks'],
          });
        }
        if (!UNITS[unit]) return problem(value.unit.span, `unknown unit "${value.unit.text}": write days or weeks`, { path, expected: ['days', 'weeks'] });
        sourceMap.set([...path, 'lastDays'], value.count.span);
        return { lastDays: count * UNITS[unit] };
      }
      case 'since':
      case 'before': {
        const key = value.form === 'since' ? 'from' : 'to';
        const at = readValue(value.at, field(key).type, [...path, key]);
        return at === FAILED ? FAILED : { [key]: at };
      }
      case 'from': {
        const from = readValue(value.from, field('from').type, [...path, 'from']);
        const to = readValue(value.to, field('to').type, [...path, 'to']);
        return from === FAILED || to === FAILED ? FAILED : { from, to };
      }
    }
  };

  const readInstant = (image: string, span: Span, path: JsonPath): Read => {
    const match = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:\d{2})?)?$/.exec(image);
    if (!match || !validDate(match[1] as string)) return problem(span, `"${image}" is not a valid date`, { path });
    if (match[2] && !match[3]) return problem(span, `an instant needs its time zone, e.g. ${image}Z`, { path, replacement: `${image}Z` });
    const date = new Date(match[2] ? image : `${image}T00:00:00Z`);
    if (Number.isNaN(date.getTime())) return problem(span, `"${image}" is not a valid instant`, { path });
    return date.toISOString();
  };

  const readString = (value: Extract<Value, { kind: 'string' }>): Read => {
    const decoded = decodeString(value.image);
    if ('problem' in decoded) return problem(value.span, decoded.problem, {});
    if (decoded.value.includes('\u0000')) return problem(value.span, 'must not contain NUL characters (\\u0000)', {});
    return decoded.value;
  };

  /** A value read as plain JSON (a JSONObject's content, or a value of the wrong kind, which GraphQL then refuses as it would in a variable). */
  const readJson = (value: Value, path: JsonPath): Read => {
    sourceMap.set(path, value.span);
    switch (value.kind) {
      case 'string':
        return readString(value);
      case 'number':
        return value.locale || value.before || value.after ? readNumber(value, path) : Number(value.image);
      case 'instant':
        return value.image;
      case 'boolean':
        return value.value;
      case 'null':
        return null;
      case 'name':
        return problem(value.span, `a string is written in quotes: "${value.name.text}"`, { path, replacement: JSON.stringify(value.name.text) });
      case 'list': {
        const items = value.items.map((item, index) => readJson(item, [...path, index]));
        return items.includes(FAILED) ? FAILED : items;
      }
      case 'object': {
        const result: Record<string, unknown> = {};
        let failed = false;
        for (const entry of value.fields) {
          const key = keyOf(entry.key);
          const read = key === FAILED ? FAILED : readJson(entry.value, [...path, key]);
          if (read === FAILED) failed = true;
          else if ((key as string) in result) failed = problem(entry.key.span, `field "${key as string}" is given twice`, {}) === FAILED;
          else result[key as string] = read;
        }
        return failed ? FAILED : result;
      }
      case 'window':
        return problem(value.span, 'a time window is not expected here', { path });
    }
  };

  const keyOf = (key: Name): string | typeof FAILED => {
    if (!key.text.startsWith('"') && !key.text.startsWith("'")) return key.text;
    return readString({ kind: 'string', image: key.text, bad: false, span: key.span }) as string | typeof FAILED;
  };

  const rule = readExpression(expression, []);
  return { rule: rule === FAILED || problems.length > 0 ? undefined : rule, sourceMap, problems };
}

function rangeParameters(spec: ConditionSpec): string {
  const ranges = spec.input.fields.filter((field) => field.type.kind === 'object' && field.type.form === 'range');
  if (ranges.length === 0) return `it takes ${spec.input.fields.map((field) => field.name).join(', ')}`;
  return `write its ranges as parameters, e.g. ${spec.type}(${ranges[0]?.name} >= 3)`;
}

function validDate(date: string): boolean {
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(date);
}

/** A string token's value: JSON's escapes, in double or single quotes. */
export function decodeString(image: string): { value: string } | { problem: string } {
  const quote = image[0] as string;
  let value = '';
  for (let index = 1; index < image.length; index += 1) {
    const char = image[index] as string;
    if (char === quote) return index === image.length - 1 ? { value } : { problem: 'unexpected text after the string' };
    if (char.charCodeAt(0) < 0x20) return { problem: 'control characters in a string must be escaped (\\n, \\t, \\u0000…)' };
    if (char !== '\\') {
      value += char;
      continue;
    }
    const escape = image[(index += 1)];
    const simple = escape === undefined ? undefined : ESCAPES[escape];
    if (simple !== undefined) value += simple;
    else if (escape === 'u' && /^[0-9a-fA-F]{4}$/.test(image.slice(index + 1, index + 5))) {
      value += String.fromCharCode(Number.parseInt(image.slice(index + 1, index + 5), 16));
      index += 4;
    } else return { problem: `unknown escape "\\${escape ?? ''}": use \\", \\', \\\\, \\n, \\t or \\uXXXX` };
  }
  return { problem: `unterminated string: close it with ${quote} on the same line` };
}

const ESCAPES: Record<string, string> = { '"': '"', "'": "'", '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
