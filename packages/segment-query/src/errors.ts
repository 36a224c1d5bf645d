// Errors as an editor shows them: where (offset, line, column, length), what is wrong, what
// was expected there, and, for text that reads two ways, what to write instead.
import type { Span } from './ast.js';
import type { JsonPath } from './read.js';

export interface QueryError {
  message: string;
  /** The first character the error is about, in UTF-16 code units from the start of the text (a JavaScript string index, as CodeMirror counts). */
  offset: number;
  /** How many characters (UTF-16 code units) it is about; 0 at the end of the text. */
  length: number;
  /** Line of `offset`, from 1. */
  line: number;
  /** Column of `offset` on its line, from 1, in UTF-16 code units. */
  column: number;
  /** What could be written there: tokens ("AND", ")"), kinds ("a condition") or names. */
  expected: string[];
  /** The part of the rule it is about, as a dotted JSON path from the rule (the path the API gives for the same JSON), or null for syntax. */
  path: string | null;
  /** Text that could replace the span, for text that reads two ways (a decimal comma, a currency symbol several currencies share). */
  replacement: string | null;
}

/** An error at a span of `text`. */
export function errorAt(
  text: string,
  span: Span,
  message: string,
  extra: { expected?: string[]; path?: JsonPath | null; replacement?: string | null } = {},
): QueryError {
  const before = text.slice(0, span.start);
  const lineStart = before.lastIndexOf('\n') + 1;
  return {
    message,
    offset: span.start,
    length: Math.max(0, span.end - span.start),
    line: (before.match(/\n/g)?.length ?? 0) + 1,
    column: span.start - lineStart + 1,
    expected: extra.expected ?? [],
    path: extra.path ? extra.path.join('.') : null,
    replacement: extra.replacement ?? null,
  };
}
