// Cohort's segment query language: rule trees as text. Parses text into the rule the GraphQL
// input SegmentRuleInput takes (with a map from each part of it back to the text), prints any
// rule as canonical text, and says what may be written at a position. It is driven by a
// description of the conditions read from a GraphQL schema, works the same in Node and in a
// browser, imports nothing of Cohort's server and does nothing when imported.
export type { Span } from './ast.js';
export { errorAt, type QueryError } from './errors.js';
export { fromMinorUnits, minorDigits, toMinorUnits } from './money.js';
export { printQuery } from './print.js';
export { QUERY_LIMITS } from './limits.js';
export { parseQuery, type ParsedQuery } from './query.js';
export { SourceMap, type JsonPath, type RuleInput } from './read.js';
export {
  describeConditions,
  describeType,
  unknownFieldMessage,
  type ConditionSpec,
  type EnumType,
  type Field,
  type InputType,
  type ListType,
  type ObjectType,
  type ScalarType,
  type Vocabulary,
} from './vocabulary.js';
export { suggestAt, type Completion, type Suggestion, type ValueRequest } from './complete.js';
