// The syntax tree the parser builds: what was written, where, before it is read against the
// conditions' types. Spans are offsets in the text (UTF-16 code units), end exclusive.

export interface Span {
  start: number;
  end: number;
}

export interface Name {
  text: string;
  span: Span;
}

export type Expression =
  | { kind: 'and' | 'or'; operands: Expression[]; /** Written AND(…) / OR(…) rather than between operands. */ prefix: boolean; span: Span }
  | { kind: 'not'; operand: Expression; span: Span }
  | ConditionNode;

export interface ConditionNode {
  kind: 'condition';
  name: Name;
  /** Null when written without parentheses. */
  params: Param[] | null;
  comparison: Comparison | null;
  span: Span;
}

export type Param = { name: Name; value: Value; comparison?: undefined; span: Span } | { name: Name; comparison: Comparison; value?: undefined; span: Span };

export type Operator = '>' | '>=' | '<' | '<=' | '=';

export interface Bound {
  operator: Operator;
  value: Value;
  span: Span;
}

/** `> 3`, `>= 1 and < 5`, `between 1 and 3`. */
export type Comparison = { kind: 'bounds'; bounds: Bound[]; span: Span } | { kind: 'between'; low: Value; high: Value; span: Span };

export type Value =
  | { kind: 'string'; image: string; /** A string that does not close, or holds a raw control character or a bad escape. */ bad: boolean; span: Span }
  | {
      kind: 'number';
      image: string;
      /** Written with a locale's separators (300,50). */ locale: boolean;
      /** A symbol or code written before the number (€, US$, USD). */ before: Name | null;
      /** A unit or currency written after it (days, USD). */ after: Name | null;
      numberSpan: Span;
      span: Span;
    }
  | { kind: 'instant'; image: string; span: Span }
  | { kind: 'boolean'; value: boolean; span: Span }
  | { kind: 'null'; span: Span }
  | { kind: 'name'; name: Name; span: Span }
  | { kind: 'list'; items: Value[]; span: Span }
  | { kind: 'object'; fields: { key: Name; value: Value; span: Span }[]; span: Span }
  | { kind: 'window'; form: 'last'; count: Value; unit: Name | null; span: Span }
  | { kind: 'window'; form: 'since' | 'before'; at: Value; span: Span }
  | { kind: 'window'; form: 'from'; from: Value; to: Value; span: Span };
