// The limits any text meets before it is parsed or analysed.
export const QUERY_LIMITS = {
  /** Characters in a query: the largest stored rule (200 nodes) prints well within it. */
  maxLength: 50_000,
  /** Brackets, braces and parentheses open at once: a stored rule (12 levels) needs fewer than 30. */
  maxNesting: 40,
} as const;
