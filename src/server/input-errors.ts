// Bad input always comes back as BAD_USER_INPUT with `issues` naming the input field, whoever
// found it: a variable that does not fit its type (graphql-js), or an ID or cursor that does
// not decode or names the wrong type (Pothos' relay and prisma plugins). Those arrive without
// a code; this gives them the one shape of an input failure (schema/bad-input.ts). Cursors
// are checked before execution too: every connection pages by string ids, and a cursor of
// another kind would otherwise reach the database.
import { decodeBase64, PothosValidationError } from '@pothos/core';
import { describeConditions, unknownFieldMessage } from '@cohort/segment-query';
import { GraphQLError, Kind, visit, type DocumentNode, type GraphQLSchema, type ValueNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { badUserInput } from '../schema/bad-input.js';

export function inputErrorsPlugin(): Plugin {
  return {
    // A literal a scalar refuses (a date in the year 0, say) fails validation: it is bad input too, naming its field.
    onValidate({ params }) {
      return ({ result, setResult }) => {
        if (result.length === 0) return;
        setResult(result.map((error) => literalError(error, params.documentAST) ?? error));
      };
    },
    onExecute({ args, setResultAndStopExecution }) {
      const badCursor = cursorError(args.document as DocumentNode, (args.variableValues ?? {}) as Record<string, unknown>);
      if (badCursor) {
        setResultAndStopExecution({ errors: [badCursor] });
        return;
      }
      return {
        onExecuteDone({ result, setResult }) {
          if (!('errors' in result) || !result.errors?.length) return;
          const errors = result.errors.map(
            (error) => asInputError(error, args.document as DocumentNode, (args.variableValues ?? {}) as Record<string, unknown>, args.schema) ?? error,
          );
          setResult({ ...result, errors });
        },
      };
    },
  };
}

/** graphql-js' messages for variables that do not fit: `Variable "$input" got invalid value … at "input.lines[0]"; Expected …`, `… must not be null.`, `… was not provided.` */
const VARIABLE_ERROR = /^Variable "\$(\w+)" (.*)$/s;
const AT_PATH = /^got invalid value .*? at "([^"]+)"; (.*)$/s;
const INVALID_VALUE = /^got invalid value .*?; (.*)$/s;

/** graphql-js' message for a field its input type does not have. */
const UNKNOWN_FIELD = /^Field "(\w+)" is not defined by type "(\w+)"\./;

/**
 * The BAD_USER_INPUT form of an error about input that arrived without a code, or null when it
 * is not one. A condition's misnamed parameter is said as in a rule written as text, naming the
 * parameters the condition takes.
 */
export function asInputError(error: GraphQLError, document: DocumentNode, variables: Record<string, unknown>, schema?: GraphQLSchema): GraphQLError | null {
  // A scalar's refusal (DateTime, say) arrives coded but without the field: it gets `issues` too.
  if (error.extensions?.code && (error.extensions.code !== 'BAD_USER_INPUT' || error.extensions.issues)) return null;
  const variable = VARIABLE_ERROR.exec(error.message);
  if (variable) {
    const [, name, rest] = variable as unknown as [string, string, string];
    const at = AT_PATH.exec(rest);
    const path = (at?.[1] ?? name).replace(/\[(\d+)\]/g, '.$1');
    const reason = at?.[2] ?? INVALID_VALUE.exec(rest)?.[1] ?? rest;
    const unknown = schema ? UNKNOWN_FIELD.exec(reason) : null;
    const condition =
      unknown && schema ? [...describeConditions(schema).conditions.values()].find((candidate) => candidate.input.name === unknown[2]) : undefined;
    if (unknown && condition)
      return badUserInput([{ path: `${path}.${unknown[1]}`, message: unknownFieldMessage(condition.input, unknown[1] as string, condition.type) }], error);
    return badUserInput([{ path, message: reason.trim() }], error);
  }
  const pothos = error instanceof PothosValidationError ? error : error.originalError instanceof PothosValidationError ? error.originalError : null;
  if (pothos) {
    const message = pothos.message;
    const value = /^(?:Invalid global ID|Invalid cursor): (.*)$/s.exec(message)?.[1] ?? /^ID: (.*) is not of type: /s.exec(message)?.[1];
    const argument = /^Argument "(\w+)"/.exec(message)?.[1];
    const path = (value !== undefined ? pathOfValue(document, variables, value) : null) ?? argument ?? error.path?.join('.') ?? '';
    return badUserInput([{ path, message }], error);
  }
  return null;
}

/** graphql-js' message for a literal that does not fit its type: `Expected value of type "Date", found "0000-01-01"; <the scalar's reason>`. */
const LITERAL_ERROR = /^Expected value of type "[^"]+", found .*?; (.*)$/s;

/** The BAD_USER_INPUT form of a literal's refusal, naming where it sits among the arguments, or null. */
function literalError(error: GraphQLError, document: DocumentNode): GraphQLError | null {
  const reason = LITERAL_ERROR.exec(error.message)?.[1];
  const node = error.nodes?.[0];
  if (!reason || !node) return null;
  const path = pathOfNode(document, node as ValueNode);
  return path === null ? null : badUserInput([{ path, message: reason.trim() }], error);
}

/** Where a literal sits among the operation's arguments, as a dotted path from its argument ("input.dateOfBirth"). */
function pathOfNode(document: DocumentNode, target: ValueNode): string | null {
  const search = (value: ValueNode, path: string[]): string[] | null => {
    if (value === target) return path;
    if (value.kind === Kind.LIST) {
      for (const [index, item] of value.values.entries()) {
        const found = search(item, [...path, String(index)]);
        if (found) return found;
      }
    }
    if (value.kind === Kind.OBJECT) {
      for (const field of value.fields) {
        const found = search(field.value, [...path, field.name.value]);
        if (found) return found;
      }
    }
    return null;
  };
  let found: string[] | null = null;
  visit(document, {
    Argument(node) {
      found ??= search(node.value, [node.name.value]);
    },
  });
  return found === null ? null : (found as string[]).join('.');
}

/** The most items a page of any connection holds (`first`, `last`): larger asks are refused, not cut silently. */
export const MAX_PAGE_SIZE = 1_000;

/**
 * Page arguments this API would not honour: a cursor (`after`, `before`) it did not give out
 * (Pothos' prisma cursors over string ids, or a segment's member cursors), or a page larger
 * than MAX_PAGE_SIZE.
 */
/** Documents with no page argument at all (most: the storefront's), remembered so they are walked once. */
const withoutCursors = new WeakSet<DocumentNode>();

function cursorError(document: DocumentNode, variables: Record<string, unknown>): GraphQLError | null {
  if (withoutCursors.has(document)) return null;
  let error: GraphQLError | null = null;
  let cursors = false;
  visit(document, {
    Argument(node) {
      if (error) return;
      if (node.name.value === 'first' || node.name.value === 'last') {
        cursors = true;
        const size = Number(literal(node.value, variables));
        if (size > MAX_PAGE_SIZE)
          error = badUserInput([{ path: node.name.value, message: `a page holds at most ${MAX_PAGE_SIZE} items: ask for the next page with \`after\`` }]);
        return;
      }
      if (node.name.value !== 'after' && node.name.value !== 'before') return;
      cursors = true;
      const cursor = literal(node.value, variables);
      if (typeof cursor !== 'string') return;
      let decoded = '';
      try {
        decoded = decodeBase64(cursor);
      } catch {
        decoded = '';
      }
      const fromPrisma = decoded.startsWith('GPC:');
      if ((fromPrisma && !decoded.startsWith('GPC:S:')) || decoded.includes('\u0000'))
        error = badUserInput([{ path: node.name.value, message: `Invalid cursor: ${cursor}` }]);
    },
  });
  if (!cursors) withoutCursors.add(document);
  return error;
}

/** Where a string value sits among the operation's arguments (variables resolved), as a dotted path from the argument. */
function pathOfValue(document: DocumentNode, variables: Record<string, unknown>, needle: string): string | null {
  let found: string | null = null;
  const search = (value: unknown, path: string[]): boolean => {
    if (value === needle) {
      found = path.join('.');
      return true;
    }
    if (Array.isArray(value)) return value.some((item, index) => search(item, [...path, String(index)]));
    if (value && typeof value === 'object') return Object.entries(value).some(([key, item]) => search(item, [...path, key]));
    return false;
  };
  visit(document, {
    Argument(node) {
      if (found === null) search(literal(node.value, variables), [node.name.value]);
    },
  });
  return found;
}

function literal(node: ValueNode, variables: Record<string, unknown>): unknown {
  switch (node.kind) {
    case Kind.VARIABLE:
      return variables[node.name.value];
    case Kind.LIST:
      return node.values.map((value) => literal(value, variables));
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((field) => [field.name.value, literal(field.value, variables)]));
    case Kind.NULL:
      return null;
    default:
      return 'value' in node ? node.value : null;
  }
}
