// The grammar, as a Chevrotain parser that builds the syntax tree (ast.ts) directly. It knows
// nothing of conditions: a condition is a name with parameters, a parameter a name with a value
// or a comparison, and values are read against the conditions' types afterwards (read.ts).
//
//   query       := disjunction EOF
//   disjunction := conjunction (OR conjunction)*
//   conjunction := negation (AND negation)*
//   negation    := NOT* primary
//   primary     := "(" disjunction ")" | group | condition
//   group       := (AND | OR) "(" [disjunction ("," disjunction)*] ")"
//   condition   := name [parameters] [comparison]
//   parameters  := "(" [param ("," param)*] ")"
//   param       := name (":" value | comparison)
//   comparison  := bound [AND bound] | BETWEEN value AND value
//   bound       := (">" | ">=" | "<" | "<=" | "=") value
//   value       := string | number | date | TRUE | FALSE | NULL | name
//                | "[" [value ("," value)*] "]" | "{" [field ("," field)*] "}"
//                | LAST value [name] | SINCE value | BEFORE value | FROM value TO value
//   number      := [symbol | code] digits [unit | code]
//   field       := (name | string) ":" value
import { EmbeddedActionsParser, tokenMatcher, type IToken, type TokenType } from 'chevrotain';
import type { Bound, Comparison, ConditionNode, Expression, Name, Operator, Param, Span, Value } from './ast.js';
import * as T from './tokens.js';

const spanOf = (token: IToken): Span => ({ start: token.startOffset, end: (token.endOffset ?? token.startOffset) + 1 });
const join = (first: Span, last: Span): Span => ({ start: first.start, end: last.end });
const OPERATORS = new Map<TokenType, Operator>([
  [T.MoreThan, '>'],
  [T.AtLeast, '>='],
  [T.LessThan, '<'],
  [T.AtMost, '<='],
  [T.Equal, '='],
]);
const isComparator = (token: IToken) => T.COMPARATORS.some((type) => tokenMatcher(token, type));

export class QueryParser extends EmbeddedActionsParser {
  constructor() {
    super(T.ALL_TOKENS, { recoveryEnabled: false, maxLookahead: 3 });
    this.performSelfAnalysis();
  }

  readonly query = this.RULE('query', (): Expression => this.SUBRULE(this.disjunction));

  private readonly disjunction = this.RULE('disjunction', (): Expression => {
    const operands = [this.SUBRULE(this.conjunction)];
    this.MANY(() => {
      this.CONSUME(T.Or);
      operands.push(this.SUBRULE2(this.conjunction));
    });
    return this.ACTION(() =>
      operands.length === 1 ? (operands[0] as Expression) : { kind: 'or', operands, prefix: false, span: join(operands[0]!.span, operands.at(-1)!.span) },
    );
  });

  private readonly conjunction = this.RULE('conjunction', (): Expression => {
    const operands = [this.SUBRULE(this.negation)];
    this.MANY(() => {
      this.CONSUME(T.And);
      operands.push(this.SUBRULE2(this.negation));
    });
    return this.ACTION(() =>
      operands.length === 1 ? (operands[0] as Expression) : { kind: 'and', operands, prefix: false, span: join(operands[0]!.span, operands.at(-1)!.span) },
    );
  });

  private readonly negation = this.RULE('negation', (): Expression => {
    const nots: IToken[] = [];
    // A loop, not recursion: NOT NOT NOT … cannot exhaust the stack.
    this.MANY(() => {
      nots.push(this.CONSUME(T.Not));
    });
    const operand = this.SUBRULE(this.primary);
    return this.ACTION(() => nots.reduceRight<Expression>((inner, token) => ({ kind: 'not', operand: inner, span: join(spanOf(token), inner.span) }), operand));
  });

  private readonly primary = this.RULE('primary', (): Expression =>
    this.OR([
      {
        ALT: () => {
          const open = this.CONSUME(T.LParen);
          const inner = this.SUBRULE(this.disjunction);
          const close = this.CONSUME(T.RParen);
          // The parentheses are part of what an error about the group points at.
          return this.ACTION(() => ({ ...inner, span: join(spanOf(open), spanOf(close)) }));
        },
      },
      { ALT: () => this.SUBRULE(this.group) },
      { ALT: () => this.SUBRULE(this.condition) },
    ]),
  );

  /** AND(a, b) and OR(a): a group written as a call, the only way to write a group of one. */
  private readonly group = this.RULE('group', (): Expression => {
    const operator = this.OR([{ ALT: () => this.CONSUME(T.And) }, { ALT: () => this.CONSUME(T.Or) }]);
    this.CONSUME(T.LParen);
    const operands: Expression[] = [];
    this.MANY_SEP({ SEP: T.Comma, DEF: () => operands.push(this.SUBRULE(this.disjunction)) });
    const close = this.CONSUME(T.RParen);
    return this.ACTION(() => ({ kind: tokenMatcher(operator, T.And) ? 'and' : 'or', operands, prefix: true, span: join(spanOf(operator), spanOf(close)) }));
  });

  private readonly condition = this.RULE('condition', (): ConditionNode => {
    const name = this.SUBRULE(this.name);
    const params = this.OPTION(() => this.SUBRULE(this.parameters)) ?? null;
    const comparison = this.OPTION2(() => this.SUBRULE(this.comparison)) ?? null;
    return this.ACTION(() => ({
      kind: 'condition',
      name,
      params: params?.params ?? null,
      comparison,
      span: join(name.span, comparison?.span ?? params?.span ?? name.span),
    }));
  });

  private readonly parameters = this.RULE('parameters', (): { params: Param[]; span: Span } => {
    const open = this.CONSUME(T.LParen);
    const params: Param[] = [];
    this.MANY_SEP({ SEP: T.Comma, DEF: () => params.push(this.SUBRULE(this.param)) });
    const close = this.CONSUME(T.RParen);
    return this.ACTION(() => ({ params, span: join(spanOf(open), spanOf(close)) }));
  });

  private readonly param = this.RULE('param', (): Param => {
    const name = this.SUBRULE(this.name);
    return this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Colon);
          const value = this.SUBRULE(this.value);
          return this.ACTION(() => ({ name, value, span: join(name.span, value.span) }));
        },
      },
      {
        ALT: () => {
          const comparison = this.SUBRULE(this.comparison);
          return this.ACTION(() => ({ name, comparison, span: join(name.span, comparison.span) }));
        },
      },
    ]);
  });

  private readonly comparison = this.RULE('comparison', (): Comparison =>
    this.OR([
      {
        ALT: () => {
          const between = this.CONSUME(T.Between);
          const low = this.SUBRULE(this.value);
          this.CONSUME(T.And);
          const high = this.SUBRULE2(this.value);
          return this.ACTION(() => ({ kind: 'between' as const, low, high, span: join(spanOf(between), high.span) }));
        },
      },
      {
        ALT: () => {
          const bounds = [this.SUBRULE(this.bound)];
          // "and" continues the range only when a comparison follows (>= 1 and < 5); otherwise it joins rules.
          this.OPTION({
            GATE: () => isComparator(this.LA(2)),
            DEF: () => {
              this.CONSUME2(T.And);
              bounds.push(this.SUBRULE2(this.bound));
            },
          });
          return this.ACTION(() => ({ kind: 'bounds' as const, bounds, span: join(bounds[0]!.span, bounds.at(-1)!.span) }));
        },
      },
    ]),
  );

  private readonly bound = this.RULE('bound', (): Bound => {
    const operator = this.OR(T.COMPARATORS.map((type) => ({ ALT: () => this.CONSUME(type) })));
    const value = this.SUBRULE(this.value);
    return this.ACTION(() => ({ operator: OPERATORS.get(operator.tokenType) as Operator, value, span: join(spanOf(operator), value.span) }));
  });

  private readonly value = this.RULE('value', (): Value =>
    this.OR([
      { ALT: () => this.token(this.CONSUME(T.StringLiteral), (span, image) => ({ kind: 'string', image, bad: false, span })) },
      { ALT: () => this.token(this.CONSUME(T.BadString), (span, image) => ({ kind: 'string', image, bad: true, span })) },
      { ALT: () => this.SUBRULE(this.number) },
      { ALT: () => this.token(this.CONSUME(T.Instant), (span, image) => ({ kind: 'instant', image, span })) },
      { ALT: () => this.token(this.CONSUME(T.True), (span) => ({ kind: 'boolean', value: true, span })) },
      { ALT: () => this.token(this.CONSUME(T.False), (span) => ({ kind: 'boolean', value: false, span })) },
      { ALT: () => this.token(this.CONSUME(T.Null), (span) => ({ kind: 'null', span })) },
      { ALT: () => this.token(this.CONSUME(T.Identifier), (span, text) => ({ kind: 'name', name: { text, span }, span })) },
      { ALT: () => this.SUBRULE(this.list) },
      { ALT: () => this.SUBRULE(this.object) },
      { ALT: () => this.SUBRULE(this.window) },
    ]),
  );

  private readonly number = this.RULE('number', (): Value => {
    const before = this.OPTION(() => this.OR([{ ALT: () => this.CONSUME(T.CurrencySymbol) }, { ALT: () => this.CONSUME(T.Identifier) }]));
    const digits = this.OR2([{ ALT: () => this.CONSUME(T.NumberLiteral) }, { ALT: () => this.CONSUME(T.LocaleAmount) }]);
    const after = this.OPTION2(() => this.CONSUME2(T.Identifier));
    return this.ACTION(() => {
      const numberSpan = spanOf(digits);
      const name = (token: IToken | undefined): Name | null => (token ? { text: token.image, span: spanOf(token) } : null);
      return {
        kind: 'number',
        image: digits.image,
        locale: tokenMatcher(digits, T.LocaleAmount),
        before: name(before),
        after: name(after),
        numberSpan,
        span: join(before ? spanOf(before) : numberSpan, after ? spanOf(after) : numberSpan),
      };
    });
  });

  private readonly list = this.RULE('list', (): Value => {
    const open = this.CONSUME(T.LBracket);
    const items: Value[] = [];
    this.MANY_SEP({ SEP: T.Comma, DEF: () => items.push(this.SUBRULE(this.value)) });
    const close = this.CONSUME(T.RBracket);
    return this.ACTION(() => ({ kind: 'list', items, span: join(spanOf(open), spanOf(close)) }));
  });

  private readonly object = this.RULE('object', (): Value => {
    const open = this.CONSUME(T.LBrace);
    const fields: { key: Name; value: Value; span: Span }[] = [];
    this.MANY_SEP({ SEP: T.Comma, DEF: () => fields.push(this.SUBRULE(this.field)) });
    const close = this.CONSUME(T.RBrace);
    return this.ACTION(() => ({ kind: 'object', fields, span: join(spanOf(open), spanOf(close)) }));
  });

  private readonly field = this.RULE('field', (): { key: Name; value: Value; span: Span } => {
    const key = this.OR([
      { ALT: () => this.SUBRULE(this.name) },
      { ALT: () => this.token(this.CONSUME(T.StringLiteral), (span, image) => ({ text: image, span })) },
    ]);
    this.CONSUME(T.Colon);
    const value = this.SUBRULE(this.value);
    return this.ACTION(() => ({ key, value, span: join(key.span, value.span) }));
  });

  private readonly window = this.RULE('window', (): Value =>
    this.OR([
      {
        ALT: () => {
          const last = this.CONSUME(T.Last);
          const count = this.SUBRULE(this.value);
          return this.ACTION(() => {
            // "last 30 days": the parser reads "30 days" as a number with a unit.
            const unit = count.kind === 'number' ? count.after : null;
            return {
              kind: 'window',
              form: 'last',
              count: count.kind === 'number' ? { ...count, after: null, span: count.numberSpan } : count,
              unit,
              span: join(spanOf(last), count.span),
            };
          });
        },
      },
      {
        ALT: () => {
          const since = this.CONSUME(T.Since);
          const at = this.SUBRULE2(this.value);
          return this.ACTION(() => ({ kind: 'window', form: 'since', at, span: join(spanOf(since), at.span) }));
        },
      },
      {
        ALT: () => {
          const before = this.CONSUME(T.Before);
          const at = this.SUBRULE3(this.value);
          return this.ACTION(() => ({ kind: 'window', form: 'before', at, span: join(spanOf(before), at.span) }));
        },
      },
      {
        ALT: () => {
          const from = this.CONSUME(T.From);
          const start = this.SUBRULE4(this.value);
          this.CONSUME(T.To);
          const end = this.SUBRULE5(this.value);
          return this.ACTION(() => ({ kind: 'window', form: 'from', from: start, to: end, span: join(spanOf(from), end.span) }));
        },
      },
    ]),
  );

  /** A name: an identifier, or a keyword that is not reserved (a parameter may be called "from"). */
  private readonly name = this.RULE('name', (): Name => {
    const token = this.OR([{ ALT: () => this.CONSUME(T.Identifier) }, ...T.CONTEXTUAL_KEYWORDS.map((type) => ({ ALT: () => this.CONSUME(type) }))]);
    return this.ACTION(() => ({ text: token.image, span: spanOf(token) }));
  });

  private token<Result>(token: IToken, make: (span: Span, image: string) => Result): Result {
    return this.ACTION(() => make(spanOf(token), token.image));
  }
}

let parser: QueryParser | undefined;

/** The parser, built once on first use (building it analyses the grammar). */
export function queryParser(): QueryParser {
  parser ??= new QueryParser();
  return parser;
}
