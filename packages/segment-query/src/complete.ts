// What may be written at a position of a text: the grammar says which kinds of token may come
// next (Chevrotain's computeContentAssist over the tokens before the position), and a walk of
// those tokens says where the position is (in which condition, which parameter, at what type),
// so the conditions' vocabulary fills in names, operators and enum values. Values from a shop's
// data need a server: `value` says which parameter of which condition the position is in.
import { tokenMatcher, type ISyntacticContentAssistPath, type IToken, type TokenType } from 'chevrotain';
import { queryParser } from './parser.js';
import { QUERY_LIMITS } from './limits.js';
import { decodeString } from './read.js';
import * as T from './tokens.js';
import { boundType, describeType, type ConditionSpec, type Field, type InputType, type ObjectType, type Vocabulary } from './vocabulary.js';

export interface Suggestion {
  kind: 'condition' | 'parameter' | 'operator' | 'keyword' | 'value';
  /** What to show. */
  label: string;
  /** What to insert in place of `from`…`to`. */
  insert: string;
  /** More to show: a condition's label, a parameter's description and type, an enum value's description. */
  detail: string | null;
  from: number;
  to: number;
}

/** A value position: the server may add values from the shop's data for this parameter. */
export interface ValueRequest {
  condition: string;
  /** The parameter, and the fields inside it, from the condition's parameters (list positions left out), e.g. ["products", "brands"]. */
  path: string[];
  /** The type of the value at the position (an item's, in a list). */
  type: InputType;
  /** What is written so far: a string's content without its quotes. */
  prefix: string;
  /** Whether the position is inside a string. */
  quoted: boolean;
  /** Parameters or fields already given beside it, for values that depend on them (a custom field's values on its name). */
  siblings: Record<string, unknown>;
}

export interface Completion {
  /** The range suggestions replace: the word or string at the position, or the position itself. */
  from: number;
  to: number;
  prefix: string;
  suggestions: Suggestion[];
  value: ValueRequest | null;
}

interface Frame {
  kind: 'expression' | 'params' | 'object' | 'list';
  /** The condition whose parameters the frame is in. */
  condition: ConditionSpec | null;
  /** The type of the object or list the frame is. */
  type: InputType | null;
  /** The path of the frame's value from the condition's parameters. */
  path: string[];
  /** In a params or object frame: the parameter or field being written, once its name is read. */
  key: Field | null;
  /** In a params or object frame: whether the key's value (after ":") or a comparison (after an operator) is expected. */
  expecting: 'nothing' | 'value' | 'bound';
  /** After BETWEEN: its AND takes the upper value. */
  between: boolean;
  siblings: Record<string, unknown>;
  /** In an expression frame: the condition just written, which a comparison may follow. */
  lastCondition: ConditionSpec | null;
}

const WORD_TOKENS = [T.Identifier, ...T.CONTEXTUAL_KEYWORDS, T.And, T.Or, T.Not, T.StringLiteral, T.BadString, T.NumberLiteral, T.Instant];
const OPERATOR_DETAILS: [string, string][] = [
  ['>', 'more than'],
  ['>=', 'at least'],
  ['<', 'less than'],
  ['<=', 'at most'],
  ['=', 'exactly'],
];

export function suggestAt(text: string, position: number, vocabulary: Vocabulary): Completion {
  const offset = Math.max(0, Math.min(position, text.length));
  if (text.length > QUERY_LIMITS.maxLength) return { from: offset, to: offset, prefix: '', suggestions: [], value: null };
  const tokens = T.queryLexer().tokenize(text).tokens;
  const partial = tokens.find((token) => token.startOffset < offset && offset <= endOf(token) && WORD_TOKENS.some((type) => tokenMatcher(token, type)));
  const from = partial?.startOffset ?? offset;
  const to = partial ? endOf(partial) : offset;
  const preceding = tokens.filter((token) => endOf(token) <= from);
  const quoted = partial !== undefined && (tokenMatcher(partial, T.StringLiteral) || tokenMatcher(partial, T.BadString));
  const prefix = partial ? (quoted ? stringPrefix(text.slice(from, offset)) : text.slice(from, offset)) : '';

  const frame = walk(preceding, vocabulary);
  const paths = nextTokenPaths(preceding);
  const suggestions: Suggestion[] = [];
  const add = (kind: Suggestion['kind'], label: string, insert: string, detail: string | null) => suggestions.push({ kind, label, insert, detail, from, to });
  const allows = (type: TokenType, rule?: string, parent?: string) =>
    paths.some(
      (path) =>
        path.nextTokenType === type && (rule === undefined || path.ruleStack.at(-1) === rule) && (parent === undefined || path.ruleStack.at(-2) === parent),
    );

  if (allows(T.Identifier, 'name', 'condition')) {
    for (const condition of [...vocabulary.conditions.values()].sort((a, b) => a.type.localeCompare(b.type))) {
      const opens = condition.input.fields.some((field) => field.required && field !== condition.primary);
      add('condition', condition.type, opens ? `${condition.type}(` : condition.type, condition.label ?? null);
    }
  }
  if (allows(T.Identifier, 'name', 'param') && frame.kind === 'params' && frame.condition) {
    for (const field of frame.condition.input.fields) {
      if (field.name in frame.siblings) continue;
      const range = isRange(field.type);
      add('parameter', field.name, range ? `${field.name} ` : `${field.name}: `, [field.description, describeType(field.type)].filter(Boolean).join(' — '));
    }
  }
  if (allows(T.Identifier, 'name', 'field') && frame.kind === 'object' && frame.type?.kind === 'object') {
    for (const field of frame.type.fields)
      if (!(field.name in frame.siblings))
        add('parameter', field.name, `${field.name}: `, [field.description, describeType(field.type)].filter(Boolean).join(' — '));
  }
  // A comparison: after a condition that has a range to compare, or after a range parameter's name.
  const comparing =
    frame.expecting !== 'nothing'
      ? null
      : frame.kind === 'expression'
        ? (frame.lastCondition?.primary ?? null)
        : frame.kind === 'params' && frame.key && isRange(frame.key.type)
          ? frame.key
          : null;
  if (comparing && allows(T.MoreThan)) {
    for (const [operator, words] of OPERATOR_DETAILS) add('operator', operator, `${operator} `, words);
    if (allows(T.Between)) add('operator', 'between … and …', 'between ', 'from one value to another, both included');
  }
  if (allows(T.And, 'conjunction')) add('keyword', 'AND', 'AND ', 'both rules are met');
  if (allows(T.Or, 'disjunction')) add('keyword', 'OR', 'OR ', 'at least one rule is met');
  if (allows(T.Not, 'negation')) add('keyword', 'NOT', 'NOT ', 'the rule is not met');

  const valueType = typeAt(frame);
  let value: ValueRequest | null = null;
  if (valueType && (allows(T.StringLiteral) || allows(T.NumberLiteral) || quoted)) {
    const itemType = valueType.kind === 'list' && frame.kind !== 'list' ? valueType.of : valueType;
    for (const suggestion of valueSuggestions(itemType, quoted)) add('value', suggestion.label, suggestion.insert, suggestion.detail);
    const condition = frame.condition ?? (frame.kind === 'expression' ? frame.lastCondition : null);
    if (condition) value = { condition: condition.type, path: valuePath(frame), type: itemType, prefix, quoted, siblings: frame.siblings };
  }
  return { from, to, prefix, suggestions: filtered(suggestions, prefix), value };
}

const endOf = (token: IToken) => (token.endOffset ?? token.startOffset) + 1;

const OPENING = [T.LParen, T.LBracket, T.LBrace];
const CLOSING = [T.RParen, T.RBracket, T.RBrace];
const isAny = (token: IToken | undefined, types: TokenType[]) => token !== undefined && types.some((type) => tokenMatcher(token, type));

/**
 * What the grammar allows after these tokens (Chevrotain's content assist), computed from the
 * start of what the position is in rather than from the start of the text: the innermost open
 * bracket, with only what follows its last comma (or, in rules, its last AND or OR joining
 * rules). What comes before cannot change what may come next, and content assist over a whole
 * long or deeply nested text would cost time and memory in proportion to it.
 */
export function nextTokenPaths(preceding: IToken[]): ISyntacticContentAssistPath[] {
  const opens: number[] = [];
  for (const [index, token] of preceding.entries()) {
    if (isAny(token, OPENING)) {
      // Text nested deeper than the parser takes has nothing to suggest (and would cost content assist dearly).
      if (opens.push(index) > QUERY_LIMITS.maxNesting) return [];
    } else if (isAny(token, CLOSING)) opens.pop();
  }
  const open = opens.at(-1);
  const opener = open === undefined ? undefined : (preceding[open] as IToken);
  const before = open === undefined ? undefined : preceding[open - 1];
  const kind: 'top' | 'parenthesised' | 'group' | 'parameters' | 'list' | 'object' = !opener
    ? 'top'
    : tokenMatcher(opener, T.LBracket)
      ? 'list'
      : tokenMatcher(opener, T.LBrace)
        ? 'object'
        : before && (tokenMatcher(before, T.Identifier) || T.CONTEXTUAL_KEYWORDS.some((type) => tokenMatcher(before, type)))
          ? 'parameters'
          : isAny(before, [T.And, T.Or]) && startsOperand(preceding[(open as number) - 2])
            ? 'group'
            : 'parenthesised';
  const rules = kind === 'top' || kind === 'parenthesised' || kind === 'group';
  let start = open === undefined ? 0 : open + 1;
  let depth = 0;
  let between = false;
  for (let index = start; index < preceding.length; index += 1) {
    const token = preceding[index] as IToken;
    if (isAny(token, OPENING)) depth += 1;
    else if (isAny(token, CLOSING)) depth -= 1;
    else if (depth > 0) continue;
    else if (tokenMatcher(token, T.Comma)) start = index + 1;
    else if (rules && tokenMatcher(token, T.Between)) between = true;
    else if (rules && isAny(token, [T.And, T.Or])) {
      const next = preceding[index + 1];
      const joinsRules = !(between && tokenMatcher(token, T.And)) && !isAny(next, [...T.COMPARATORS, T.LParen]);
      if (tokenMatcher(token, T.And)) between = false;
      if (joinsRules) start = index + 1;
    }
  }
  const suffix = preceding.slice(start);
  const parser = queryParser();
  // Right after a comma, an element must come (no closing bracket): the element's own rule says which.
  if (suffix.length === 0 && open !== undefined && start > open + 1) {
    return parser.computeContentAssist(
      { top: 'disjunction', parenthesised: 'disjunction', group: 'disjunction', parameters: 'param', list: 'value', object: 'field' }[kind],
      [],
    );
  }
  switch (kind) {
    case 'top':
      return parser.computeContentAssist('disjunction', suffix);
    case 'parenthesised':
      return parser.computeContentAssist('primary', [opener as IToken, ...suffix]);
    case 'group':
      return parser.computeContentAssist('group', [before as IToken, opener as IToken, ...suffix]);
    case 'parameters':
      return parser.computeContentAssist('parameters', [opener as IToken, ...suffix]);
    case 'list':
    case 'object':
      return parser.computeContentAssist(kind, [opener as IToken, ...suffix]);
  }
}

const isRange = (type: InputType) => type.kind === 'object' && type.form === 'range';

/** Whether an operand may start after this token (AND( and OR( are groups only there). */
const startsOperand = (token: IToken | undefined) => token === undefined || isAny(token, [T.LParen, T.Comma, T.And, T.Or, T.Not]);

/** A string's content up to the position, without its opening quote, as far as it decodes. */
function stringPrefix(written: string): string {
  const decoded = decodeString(`${written}${written.endsWith(written[0] as string) && written.length > 1 ? '' : written[0]}`);
  return 'value' in decoded ? decoded.value : written.slice(1);
}

/** Whether a comparison may follow these tokens: not after a condition that has no range to compare. */
export function comparisonMayFollow(preceding: IToken[], vocabulary: Vocabulary): boolean {
  const frame = walk(preceding, vocabulary);
  return !(frame.kind === 'expression' && frame.expecting === 'nothing' && frame.lastCondition !== null && frame.lastCondition.primary === null);
}

/** Where the tokens before the position leave it: the innermost frame, with what it expects. */
function walk(tokens: IToken[], vocabulary: Vocabulary): Frame {
  const expression = (): Frame => ({
    kind: 'expression',
    condition: null,
    type: null,
    path: [],
    key: null,
    expecting: 'nothing',
    between: false,
    siblings: {},
    lastCondition: null,
  });
  const stack: Frame[] = [expression()];
  let previous: IToken | undefined;
  for (const token of tokens) {
    const frame = stack.at(-1) as Frame;
    const is = (type: TokenType) => tokenMatcher(token, type);
    const isName = is(T.Identifier) || T.CONTEXTUAL_KEYWORDS.some((type) => tokenMatcher(token, type));
    const comparator = T.COMPARATORS.some((type) => tokenMatcher(token, type));
    if (is(T.RParen) || is(T.RBracket) || is(T.RBrace)) {
      const closed = stack.length > 1 ? stack.pop() : undefined;
      const outer = stack.at(-1) as Frame;
      if (closed?.kind === 'params' && outer.kind === 'expression') outer.lastCondition = closed.condition;
      if (outer.kind !== 'list') outer.expecting = 'nothing';
    } else if (comparator || is(T.Between)) {
      // A comparison bounds a range parameter, or after a condition its one required range.
      if (frame.kind === 'expression') frame.key = frame.lastCondition?.primary ?? null;
      frame.expecting = 'bound';
      frame.between = is(T.Between);
    } else if (is(T.And) && frame.key && frame.expecting === 'bound') {
      // "between 1 and …" takes a value; ">= 1 and …" another comparison (or, in an expression, the next rule).
      frame.expecting = frame.between ? 'bound' : 'nothing';
      frame.between = false;
    } else if (frame.kind === 'expression') {
      if (is(T.LParen) && previous && frame.lastCondition && tokenMatcher(previous, T.Identifier) && previous.image === frame.lastCondition.type) {
        stack.push({ ...expression(), kind: 'params', condition: frame.lastCondition, type: frame.lastCondition.input });
      } else if (is(T.LParen) || is(T.And) || is(T.Or) || is(T.Not)) {
        if (is(T.LParen)) stack.push(expression());
        frame.lastCondition = null;
        frame.key = null;
        frame.expecting = 'nothing';
      } else if (isName && frame.expecting === 'nothing') {
        // A name where no value is expected starts a condition (after a bound, it is a currency or a unit).
        frame.lastCondition = vocabulary.conditions.get(token.image) ?? null;
        frame.key = null;
      }
    } else if (frame.kind === 'params' || frame.kind === 'object') {
      const fields = frame.kind === 'params' ? frame.condition?.input.fields : frame.type?.kind === 'object' ? frame.type.fields : undefined;
      if (is(T.Comma)) {
        frame.key = null;
        frame.expecting = 'nothing';
      } else if (is(T.Colon)) frame.expecting = 'value';
      else if (is(T.LBrace) || is(T.LBracket)) stack.push(nested(frame, is(T.LBrace) ? 'object' : 'list'));
      else if (frame.expecting === 'nothing' && !frame.key && (isName || is(T.StringLiteral))) {
        const name = is(T.StringLiteral) ? decodedOr(token.image) : token.image;
        frame.key = fields?.find((field) => field.name === name) ?? null;
        if (frame.key) frame.siblings[frame.key.name] = undefined;
      } else if (frame.key && frame.expecting === 'value') frame.siblings[frame.key.name] = simpleValue(token);
    } else if (is(T.LBrace) || is(T.LBracket)) {
      stack.push(nested(frame, is(T.LBrace) ? 'object' : 'list'));
    }
    previous = token;
  }
  return stack.at(-1) as Frame;
}

function nested(frame: Frame, kind: 'object' | 'list'): Frame {
  const outer = frame.kind === 'list' ? (frame.type?.kind === 'list' ? frame.type.of : null) : (frame.key?.type ?? null);
  const type = kind === 'object' && outer?.kind === 'list' ? outer.of : outer;
  return {
    kind,
    condition: frame.condition,
    type,
    path: frame.kind === 'list' ? frame.path : [...frame.path, frame.key?.name ?? '?'],
    key: null,
    expecting: 'nothing',
    between: false,
    siblings: {},
    lastCondition: null,
  };
}

/** The type of the value at the position, if the frame expects one. */
function typeAt(frame: Frame): InputType | null {
  if (frame.kind === 'list') return frame.type?.kind === 'list' ? frame.type.of : frame.type;
  if (!frame.key || frame.expecting === 'nothing') return null;
  if (frame.expecting === 'bound') return isRange(frame.key.type) ? boundType(frame.key.type as ObjectType) : null;
  return frame.key.type;
}

function valuePath(frame: Frame): string[] {
  return frame.kind === 'list' ? frame.path : [...frame.path, frame.key?.name ?? '?'];
}

function valueSuggestions(type: InputType, quoted: boolean): { label: string; insert: string; detail: string | null }[] {
  if (quoted) return [];
  if (type.kind === 'enum') return type.values.map((value) => ({ label: value.name, insert: value.name, detail: value.description ?? null }));
  if (type.kind === 'scalar' && type.name === 'Boolean')
    return [
      { label: 'true', insert: 'true', detail: null },
      { label: 'false', insert: 'false', detail: null },
    ];
  if (type.kind === 'object' && type.form === 'window') {
    return [
      { label: 'last 30 days', insert: 'last 30 days', detail: 'the 30 × 24 hours before now' },
      { label: 'last 90 days', insert: 'last 90 days', detail: 'the 90 × 24 hours before now' },
      { label: 'last 365 days', insert: 'last 365 days', detail: 'the 365 × 24 hours before now' },
      { label: 'since …', insert: 'since ', detail: 'from an instant or a date (midnight UTC), included' },
      { label: 'before …', insert: 'before ', detail: 'before an instant or a date (midnight UTC)' },
      { label: 'from … to …', insert: 'from ', detail: 'from one instant, included, to another, excluded' },
    ];
  }
  return [];
}

function simpleValue(token: IToken): unknown {
  if (tokenMatcher(token, T.StringLiteral)) return decodedOr(token.image);
  if (tokenMatcher(token, T.NumberLiteral)) return Number(token.image);
  if (tokenMatcher(token, T.True) || tokenMatcher(token, T.False)) return tokenMatcher(token, T.True);
  if (tokenMatcher(token, T.Identifier)) return token.image;
  return undefined;
}

function decodedOr(image: string): string {
  const decoded = decodeString(image);
  return 'value' in decoded ? decoded.value : image;
}

/** Suggestions matching what is written so far (case-insensitive), those starting with it first. */
function filtered(suggestions: Suggestion[], prefix: string): Suggestion[] {
  const wanted = prefix.trim().toLowerCase();
  if (!wanted) return suggestions;
  const starts = suggestions.filter((suggestion) => suggestion.label.toLowerCase().startsWith(wanted));
  const contains = suggestions.filter((suggestion) => !suggestion.label.toLowerCase().startsWith(wanted) && suggestion.label.toLowerCase().includes(wanted));
  return [...starts, ...contains];
}
