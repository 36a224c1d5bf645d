// The one shape of an input validation failure: a GraphQL error with code BAD_USER_INPUT
// and `extensions.issues`, each naming the input field (as a dotted path) and the reason.
import { GraphQLError } from 'graphql';

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
  return new GraphQLError(`Invalid input: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`, {
    extensions: { code: 'BAD_USER_INPUT', issues },
    ...(at ? { nodes: at.nodes, source: at.source, positions: at.positions, path: at.path } : {}),
  });
}
