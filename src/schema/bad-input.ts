// The one shape of an input validation failure: a GraphQL error with code BAD_USER_INPUT
// and `extensions.issues`, each naming the input field (as a dotted path) and the reason.
import type { GraphQLError } from 'graphql';
import { requestError } from '../shared/error-codes.js';

export interface InputIssue {
  path: string;
  message: string;
}

type PathPart = PropertyKey | { key: PropertyKey };

export function issuePath(path: readonly PathPart[] | undefined): string {
  return (path ?? []).map((part) => String(typeof part === 'object' ? part.key : part)).join('.');
}

/** `at`: the error this one replaces, whose position (locations and response path) it keeps. */
export function badUserInput(issues: InputIssue[], at?: GraphQLError): GraphQLError {
  return requestError('BAD_USER_INPUT', `Invalid input: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`, { extensions: { issues }, ...(at ? { at } : {}) });
}
