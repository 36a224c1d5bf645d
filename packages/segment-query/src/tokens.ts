// The words of the language: Chevrotain token types, and the lexer made from them (built on
// first use, so importing this module does no work). Keywords are case-insensitive; AND, OR
// and NOT are reserved, the other keywords (between, last, since, before, from, to, true,
// false, null) may also name parameters and fields.
import { createToken, Lexer, type CustomPatternMatcherFunc, type IToken, type TokenType } from 'chevrotain';

/** A sticky regular expression as a Chevrotain custom pattern (for patterns its analyser cannot read, such as \p{Sc}). */
function sticky(
  source: RegExp,
  accept: (match: RegExpExecArray, text: string, offset: number, tokens: IToken[]) => boolean = () => true,
): { exec: CustomPatternMatcherFunc } {
  const regex = new RegExp(source.source, `${source.flags.replace('g', '')}y`);
  return {
    exec: (text, offset, tokens) => {
      regex.lastIndex = offset;
      const match = regex.exec(text);
      return match && accept(match, text, offset, tokens) ? match : null;
    },
  };
}

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r\n]+/, group: Lexer.SKIPPED, line_breaks: true });
export const Identifier = createToken({ name: 'Identifier', pattern: /[A-Za-z_][A-Za-z0-9_]*/, label: 'a name' });

const keyword = (name: string, word: string) => createToken({ name, pattern: new RegExp(word, 'i'), longer_alt: Identifier, label: word.toUpperCase() });
export const And = keyword('And', 'and');
export const Or = keyword('Or', 'or');
export const Not = keyword('Not', 'not');
export const Between = keyword('Between', 'between');
export const Last = keyword('Last', 'last');
export const Since = keyword('Since', 'since');
export const Before = keyword('Before', 'before');
export const From = keyword('From', 'from');
export const To = keyword('To', 'to');
export const True = keyword('True', 'true');
export const False = keyword('False', 'false');
export const Null = keyword('Null', 'null');

const STRING_BODY = String.raw`(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*`;
const SINGLE_BODY = String.raw`(?:[^'\\\u0000-\u001f]|\\(?:['"\\/bfnrt]|u[0-9a-fA-F]{4}))*`;
export const StringLiteral = createToken({ name: 'StringLiteral', pattern: new RegExp(`"${STRING_BODY}"|'${SINGLE_BODY}'`), label: 'a string' });
/** A string that does not close on its line, or holds a raw control character or a bad escape: parsed as a string, refused when read. */
export const BadString = createToken({ name: 'BadString', pattern: /"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?/, label: 'a string' });

/** An instant (2026-01-31T10:00:00Z) or a calendar date (2026-01-31); a time without a zone is refused when read. */
export const Instant = createToken({
  name: 'Instant',
  pattern: /\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?/,
  label: 'a date',
});

const CURRENCY_AFTER = /^[ \t]*(?:[A-Za-z]{3}(?![A-Za-z0-9_])|\p{Sc})/u;
const CURRENCY_BEFORE = /(?:\p{Sc}|(?:^|[^A-Za-z0-9_])[A-Za-z]{3}[ \t]*)$/u;
/**
 * An amount written with a locale's separators (300,50 EUR, €1.000,00, $1,000.00): a comma in
 * a number next to a currency. Read so that it can be refused with the number rewritten; a
 * comma anywhere else separates values ([1,2]).
 */
export const LocaleAmount = createToken({
  name: 'LocaleAmount',
  pattern: sticky(
    /-?\d+(?:[.,]\d+)*/,
    (match, text, offset) =>
      match[0].includes(',') &&
      (CURRENCY_AFTER.test(text.slice(offset + match[0].length, offset + match[0].length + 8)) ||
        CURRENCY_BEFORE.test(text.slice(Math.max(0, offset - 8), offset))),
  ),
  line_breaks: false,
  start_chars_hint: ['-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  label: 'a number',
});
export const NumberLiteral = createToken({ name: 'NumberLiteral', pattern: /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/, label: 'a number' });
/** A currency symbol, alone ($, €) or after letters (US$, CA$, R$). */
export const CurrencySymbol = createToken({
  name: 'CurrencySymbol',
  pattern: sticky(/(?:[A-Z]{1,3})?\p{Sc}/u),
  line_breaks: false,
  label: 'a currency symbol',
});

export const AtLeast = createToken({ name: 'AtLeast', pattern: />=/, label: '>=' });
export const AtMost = createToken({ name: 'AtMost', pattern: /<=/, label: '<=' });
export const NotEqual = createToken({ name: 'NotEqual', pattern: /!=|<>/, label: '!=' });
export const MoreThan = createToken({ name: 'MoreThan', pattern: />/, label: '>' });
export const LessThan = createToken({ name: 'LessThan', pattern: /</, label: '<' });
export const Equal = createToken({ name: 'Equal', pattern: /==?/, label: '=' });
export const LParen = createToken({ name: 'LParen', pattern: /\(/, label: '(' });
export const RParen = createToken({ name: 'RParen', pattern: /\)/, label: ')' });
export const LBracket = createToken({ name: 'LBracket', pattern: /\[/, label: '[' });
export const RBracket = createToken({ name: 'RBracket', pattern: /]/, label: ']' });
export const LBrace = createToken({ name: 'LBrace', pattern: /\{/, label: '{' });
export const RBrace = createToken({ name: 'RBrace', pattern: /}/, label: '}' });
export const Comma = createToken({ name: 'Comma', pattern: /,/, label: ',' });
export const Colon = createToken({ name: 'Colon', pattern: /:/, label: ':' });

/** Keywords that may also be names (of parameters, fields or conditions). */
export const CONTEXTUAL_KEYWORDS = [Between, Last, Since, Before, From, To, True, False, Null] as const;
export const COMPARATORS = [AtLeast, AtMost, MoreThan, LessThan, Equal] as const;

export const ALL_TOKENS: TokenType[] = [
  WhiteSpace,
  StringLiteral,
  BadString,
  Instant,
  LocaleAmount,
  NumberLiteral,
  CurrencySymbol,
  AtLeast,
  AtMost,
  NotEqual,
  MoreThan,
  LessThan,
  Equal,
  LParen,
  RParen,
  LBracket,
  RBracket,
  LBrace,
  RBrace,
  Comma,
  Colon,
  And,
  Or,
  Not,
  ...CONTEXTUAL_KEYWORDS,
  Identifier,
];

let lexer: Lexer | undefined;

/** The lexer, built once on first use. */
export function queryLexer(): Lexer {
  lexer ??= new Lexer(ALL_TOKENS, { positionTracking: 'full', ensureOptimizations: false });
  return lexer;
}
