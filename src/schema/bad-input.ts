// The one shape of an input validation failure: a GraphQL error with code BAD_USER_INPUT
// and `extensions.issues`, each naming the input field (as a dotted path) and the reason.
// An issue in a rule written as text also says where in the text it is.
import type { GraphQLError } from 'graphql';
import { requestError } from '../shared/error-codes.js';

export interface InputIssue {
  path: string;
  message: string;
  /** In text (a segment query): the position (line and column from 1, offset in UTF-16 code units) and length of what the issue is about. */
  line?: number;
  column?: number;
  offset?: number;
  length?: number;
  /** In text: what could be written there. */
  expected?: string[];
  /** In text: the path the same issue has in the rule given as a tree (null for syntax). */
  rulePath?: string | null;
  /** In text that reads two ways: what to write instead. */
  replacement?: string | null;
}

type PathPart = PropertyKey | { key: PropertyKey };

export function issuePath(path: readonly PathPart[] | undefined): string {
  return (path ?? []).map((part) => String(typeof part === 'object' ? part.key : part)).join('.');
}

const where = (issue: InputIssue) => (issue.line === undefined ? issue.path : `${issue.path} (line ${issue.line}, column ${issue.column})`);

/** `at`: the error this one replaces, whose position (locations and response path) it keeps. */
export function badUserInput(issues: InputIssue[], at?: GraphQLError): GraphQLError {
  return requestError('BAD_USER_INPUT', `Invalid input: ${issues.map((issue) => `${where(issue)}: ${issue.message}`).join('; ')}`, {
    extensions: { issues },
    ...(at ? { at } : {}),
  });
}
