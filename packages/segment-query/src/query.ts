// Text to rule: lexing, the limits a hostile text meets first, parsing, reading against the
// conditions' types, then GraphQL's own check of the JSON as it checks a variable. Every
// failure is a QueryError with its position; nothing throws for any text.
import { EOF, type IToken, type TokenType } from 'chevrotain';
import { coerceInputValue } from 'graphql';
import type { Expression, Span } from './ast.js';
import { comparisonMayFollow, nextTokenPaths } from './complete.js';
import { errorAt, type QueryError } from './errors.js';
import { QUERY_LIMITS } from './limits.js';
import { queryParser } from './parser.js';
import { decodeString, readRule, SourceMap, type RuleInput } from './read.js';
import * as T from './tokens.js';
import type { Vocabulary } from './vocabulary.js';

export type ParsedQuery = { rule: RuleInput; sourceMap: SourceMap; errors: [] } | { rule: null; sourceMap: SourceMap | null; errors: QueryError[] };

export function parseQuery(text: string, vocabulary: Vocabulary): ParsedQuery {
  const fail = (errors: QueryError[], sourceMap: SourceMap | null = null): ParsedQuery => ({ rule: null, sourceMap, errors });
  if (text.length > QUERY_LIMITS.maxLength)
    return fail([
      errorAt(text, { start: QUERY_LIMITS.maxLength, end: text.length }, `a query may have at most ${QUERY_LIMITS.maxLength.toLocaleString('en')} characters`),
    ]);
  const lexed = T.queryLexer().tokenize(text);
  if (lexed.errors.length > 0) {
    return fail(
      lexed.errors.map((error) => {
        const char = text.slice(error.offset, error.offset + error.length);
        const message = char.includes('\u0000') ? 'must not contain NUL characters (\\u0000)' : `unexpected character ${JSON.stringify(char.slice(0, 1))}`;
        return errorAt(text, { start: error.offset, end: error.offset + Math.min(error.length, 1) }, message);
      }),
    );
  }
  const tokens = lexed.tokens;
  if (tokens.length === 0)
    return fail([errorAt(text, { start: 0, end: text.length }, 'the query is empty: write a condition', { expected: expectedAt([], vocabulary) })]);
  // A string that does not close, or holds what a string may not, says so before the syntax does.
  const badStrings = tokens.filter((token) => token.tokenType === T.BadString).map((token) => ({ token, decoded: decodeString(token.image) }));
  const unreadable = badStrings.filter(({ decoded }) => 'problem' in decoded);
  if (unreadable.length > 0) return fail(unreadable.map(({ token, decoded }) => errorAt(text, spanOf(token), (decoded as { problem: string }).problem)));
  const tooDeep = deepestOpening(tokens);
  if (tooDeep) return fail([errorAt(text, spanOf(tooDeep), `brackets and parentheses may be nested at most ${QUERY_LIMITS.maxNesting} deep`)]);

  const parser = queryParser();
  parser.input = tokens;
  const tree = parser.query();
  const [syntax] = parser.errors;
  if (syntax) {
    const at = syntax.token.tokenType === EOF ? null : syntax.token;
    const index = at ? tokens.indexOf(at) : tokens.length;
    const expected = expectedAt(tokens.slice(0, Math.max(0, index)), vocabulary);
    const list = expected.length > 0 ? `expected ${expected.join(', ')}` : 'unexpected text';
    const message =
      at && at.tokenType === T.NotEqual
        ? `"${at.image}" is not a comparison: put NOT before the condition, e.g. NOT orderCount = 2`
        : at
          ? `${list}, found ${JSON.stringify(at.image)}`
          : `the query ends too soon: ${list}`;
    const span = at ? spanOf(at) : { start: text.trimEnd().length, end: text.trimEnd().length };
    return fail([errorAt(text, span, message, { expected })]);
  }

  const tooNested = deepestRule(tree);
  if (tooNested) return fail([errorAt(text, tooNested.span, `rules may be nested at most ${QUERY_LIMITS.maxNesting} deep`)]);

  const { rule, sourceMap, problems } = readRule(tree, text, vocabulary);
  if (!rule)
    return fail(
      problems.map((problem) => errorAt(text, problem.span, problem.message, problem)),
      sourceMap,
    );

  // GraphQL's check of the JSON, as the API makes it of a variable: the same messages.
  const errors: QueryError[] = [];
  coerceInputValue(rule, vocabulary.ruleInput, (path, _value, error) => {
    errors.push(errorAt(text, sourceMap.spanOf(path) ?? { start: 0, end: text.length }, error.message, { path }));
  });
  return errors.length > 0 ? fail(errors, sourceMap) : { rule, sourceMap, errors: [] };
}

const spanOf = (token: IToken): Span => ({ start: token.startOffset, end: (token.endOffset ?? token.startOffset) + 1 });

/** The first opening bracket that is nested deeper than the limit, found before parsing (the parser recurses on nesting). */
function deepestOpening(tokens: IToken[]): IToken | null {
  let depth = 0;
  for (const token of tokens) {
    if (token.tokenType === T.LParen || token.tokenType === T.LBracket || token.tokenType === T.LBrace) {
      depth += 1;
      if (depth > QUERY_LIMITS.maxNesting) return token;
    } else if (token.tokenType === T.RParen || token.tokenType === T.RBracket || token.tokenType === T.RBrace) {
      depth = Math.max(0, depth - 1);
    }
  }
  return null;
}

/** The first rule nested deeper than the limit (NOT NOT NOT … needs no brackets), found without recursion. */
function deepestRule(tree: Expression): Expression | null {
  const stack: [Expression, number][] = [[tree, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [Expression, number];
    if (depth > QUERY_LIMITS.maxNesting) return node;
    if (node.kind === 'not') stack.push([node.operand, depth + 1]);
    else if (node.kind === 'and' || node.kind === 'or') for (const operand of node.operands) stack.push([operand, depth + 1]);
  }
  return null;
}

const VALUE_TOKENS = new Set<TokenType>([
  T.StringLiteral,
  T.BadString,
  T.NumberLiteral,
  T.LocaleAmount,
  T.CurrencySymbol,
  T.Instant,
  T.True,
  T.False,
  T.Null,
  T.LBracket,
  T.LBrace,
  T.Last,
  T.Since,
  T.Before,
  T.From,
]);

/** What the grammar allows after these tokens, in words: "a condition", "a parameter", "a value", "AND", ")". */
export function expectedAt(preceding: IToken[], vocabulary: Vocabulary): string[] {
  const expected = new Set<string>();
  const comparing = comparisonMayFollow(preceding, vocabulary);
  for (const path of nextTokenPaths(preceding)) {
    if (!comparing && path.ruleStack.at(-1) !== 'value' && (path.nextTokenType === T.Between || T.COMPARATORS.some((type) => type === path.nextTokenType)))
      continue;
    const rule = path.ruleStack.at(-1);
    const parent = path.ruleStack.at(-2);
    const type = path.nextTokenType;
    if (rule === 'name' && parent === 'condition') expected.add('a condition');
    else if (rule === 'name' && parent === 'param') expected.add('a parameter');
    else if (rule === 'name' || (rule === 'field' && type === T.StringLiteral)) expected.add('a field name');
    else if (['value', 'number', 'window', 'list', 'object'].includes(rule ?? '') && (VALUE_TOKENS.has(type) || type === T.Identifier)) expected.add('a value');
    else expected.add(type.LABEL ?? type.name);
  }
  return [...expected];
}
