// Cost limits, checked before a request costs anything: the body's size while it is read,
// before it is parsed; the shape of the variables and the nesting of the query text before
// the query is parsed; tokens while it is parsed; depth, aliases and directives (GraphQL
// Armor's rules) and the operation's cost (@pothos/plugin-complexity, with the request's
// variables) before it executes. A refused request gets one coded error and nothing runs.
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { createComplexityRule } from '@pothos/plugin-complexity';
import { GraphQLError, Kind, Lexer, Source, TokenKind, validate, visit, type DocumentNode, type ValidationRule } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { Plugin } from 'graphql-yoga';
import { PothosValidationError } from '@pothos/core';
import { badUserInput } from '../schema/bad-input.js';
import { requestError } from '../shared/error-codes.js';
import { asInputError } from './input-errors.js';

export { defaultRequestLimits, type RequestLimits } from '../config.js';
import type { RequestLimits } from '../config.js';

/** The error every refusal gets: code QUERY_TOO_COMPLEX (or PAYLOAD_TOO_LARGE, 413), naming the limit. */
function limitError(message: string, limit: keyof RequestLimits | 'introspections', max: number): GraphQLError {
  return requestError(limit === 'maxBodyBytes' ? 'PAYLOAD_TOO_LARGE' : 'QUERY_TOO_COMPLEX', message, { extensions: { limit, max } });
}

export function requestLimitPlugins(limits: RequestLimits): Plugin[] {
  return [
    bodySizeLimit(limits),
    paramsShapeLimit(limits),
    maxTokensPlugin({ n: limits.maxTokens }) as Plugin,
    maxDepthPlugin({ n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true }) as Plugin,
    maxAliasesPlugin({ n: limits.maxAliases }) as Plugin,
    maxDirectivesPlugin({ n: limits.maxDirectives }) as Plugin,
    codedArmorErrors(limits),
    costLimit(limits),
  ];
}

/** The body is read with a running count, so an oversized one (with or without Content-Length) is refused before it is parsed. */
function bodySizeLimit({ maxBodyBytes }: RequestLimits): Plugin {
  const tooLarge = () => limitError(`The request body is larger than ${maxBodyBytes} bytes`, 'maxBodyBytes', maxBodyBytes);
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      if (request.method !== 'POST' || !requestParser) return;
      if (Number(request.headers.get('content-length') ?? 0) > maxBodyBytes) {
        setRequestParser(() => {
          throw tooLarge();
        });
        return;
      }
      setRequestParser(async (original) => {
        const body = await readAtMost(original, maxBodyBytes, tooLarge);
        return requestParser(new fetchAPI.Request(original.url, { method: original.method, headers: original.headers, body }));
      });
    },
  };
}

async function readAtMost(request: Request, maxBytes: number, tooLarge: () => Error): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body?.getReader();
  if (!reader) return new Uint8Array(new ArrayBuffer(0));
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(new ArrayBuffer(size));
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/**
 * Before parsing: the query text's nesting (a 10,000-deep selection would overflow the
 * parser's stack) and the variables' shape, walked without recursion. NUL characters in
 * variables are refused here too, naming the variable: no database stores them.
 */
function paramsShapeLimit(limits: RequestLimits): Plugin {
  return {
    onParams({ params, setResult }) {
      const refusal = (typeof params.query === 'string' ? queryNestingError(params.query, limits) : null) ?? variablesError(params.variables, limits);
      if (refusal) setResult({ errors: [refusal] });
    },
  };
}

const OPENING = new Set<string>([TokenKind.BRACE_L, TokenKind.BRACKET_L, TokenKind.PAREN_L]);
const CLOSING = new Set<string>([TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R]);

/** Query texts already measured (documents repeat: a storefront sends the same few). */
const nestingOf = new LRUCache<string, number>({ max: 1_000 });

/**
 * The deepest nesting of braces, brackets and parentheses, read with graphql-js' lexer (which
 * knows strings, block strings and comments, and does not recurse), so the parser never meets
 * a document deep enough to overflow its stack.
 */
function queryNestingError(query: string, { maxQueryNesting }: RequestLimits): GraphQLError | null {
  const remembered = query.length <= 20_000;
  let deepest = remembered ? nestingOf.get(query) : undefined;
  if (deepest === undefined) {
    deepest = 0;
    let depth = 0;
    try {
      const lexer = new Lexer(new Source(query));
      for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
        if (OPENING.has(token.kind)) deepest = Math.max(deepest, (depth += 1));
        else if (CLOSING.has(token.kind)) depth -= 1;
        if (depth > maxQueryNesting) break;
      }
    } catch {
      // Not lexable: the parser reports the syntax error.
    }
    if (remembered) nestingOf.set(query, deepest);
  }
  return deepest > maxQueryNesting ? limitError(`The query is nested more than ${maxQueryNesting} levels deep`, 'maxQueryNesting', maxQueryNesting) : null;
}

function variablesError(variables: unknown, { maxVariableDepth, maxVariableValues }: RequestLimits): GraphQLError | null {
  if (variables === undefined || variables === null) return null;
  const stack: { value: unknown; depth: number; path: string }[] = [{ value: variables, depth: 0, path: '' }];
  let values = 0;
  while (stack.length > 0) {
    const { value, depth, path } = stack.pop() as { value: unknown; depth: number; path: string };
    values += 1;
    if (values > maxVariableValues) return limitError(`The variables hold more than ${maxVariableValues} values`, 'maxVariableValues', maxVariableValues);
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return badUserInput([{ path: path.slice(1), message: 'must not contain NUL characters (\\u0000)' }]);
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= maxVariableDepth)
      return limitError(`The variables are nested more than ${maxVariableDepth} levels deep`, 'maxVariableDepth', maxVariableDepth);
    if (Array.isArray(value)) value.forEach((item, index) => stack.push({ value: item, depth: depth + 1, path: `${path}.${index}` }));
    else
      for (const [key, item] of Object.entries(value)) {
        if (key.includes('\u0000')) return badUserInput([{ path: `${path}.${key}`.slice(1), message: 'must not contain NUL characters (\\u0000)' }]);
        stack.push({ value: item, depth: depth + 1, path: `${path}.${key}` });
      }
  }
  return null;
}

/** GraphQL Armor reports its refusals as plain errors: give them the code and limit every refusal has. Also refuses NUL in string literals. */
function codedArmorErrors(limits: RequestLimits): Plugin {
  const armorLimits: [RegExp, keyof RequestLimits][] = [
    [/^Syntax Error: Token limit of \d+ exceeded/, 'maxTokens'],
    [/Query depth limit of \d+ exceeded/, 'maxDepth'],
    [/Aliases limit of \d+ exceeded/, 'maxAliases'],
    [/Directives limit of \d+ exceeded/, 'maxDirectives'],
  ];
  const coded = (error: Error) => {
    if (!(error instanceof GraphQLError)) return error;
    const limit = armorLimits.find(([pattern]) => pattern.test(error.message))?.[1];
    return limit ? limitError(error.message, limit, limits[limit]) : error;
  };
  return {
    onParse() {
      return ({ result, replaceParseResult }) => {
        if (result instanceof GraphQLError) replaceParseResult(coded(result));
      };
    },
    onValidate({ addValidationRule, validateFn, setValidationFn }) {
      addValidationRule(noNulInLiterals);
      addValidationRule(oneIntrospectionAtMost);
      // Armor's rules throw their refusal out of validation rather than reporting it: catch it.
      setValidationFn((...args) => {
        try {
          return validateFn(...args).map(coded) as GraphQLError[];
        } catch (error) {
          if (error instanceof GraphQLError) return [coded(error) as GraphQLError];
          throw error;
        }
      });
    },
  };
}

/**
 * The operation's cost with this request's variables (a page of 100 costs more than a page of
 * 10), before execution. Costs depend on variables only through page sizes, so a document
 * whose page sizes are literals (the storefront's) is costed once, not on every request.
 */
function costLimit({ maxCost }: RequestLimits): Plugin {
  const byDocument = new WeakMap<DocumentNode, { cacheable: boolean; costs: Map<string, number> }>();
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const document = args.document as DocumentNode;
      let known = byDocument.get(document);
      if (!known) byDocument.set(document, (known = { cacheable: !pageSizeFromVariables(document), costs: new Map() }));
      const key = args.operationName ?? '';
      let cost = known.cacheable ? known.costs.get(key) : undefined;
      if (cost === undefined) {
        const variables = (args.variableValues ?? {}) as Record<string, unknown>;
        const errors = validate(args.schema, document, [
          createComplexityRule({
            context: args.contextValue as object,
            variableValues: variables,
            operationName: args.operationName,
            onResult: (result, failures) => {
              if (failures.length === 0) cost = result.complexity;
            },
          }) as ValidationRule,
        ]);
        // An argument the cost could not be read from (an ID that does not decode, say) is bad
        // input: refused here, not run uncounted. Variables that do not fit their types are left
        // to execution, which refuses them before any resolver runs.
        const refusals = errors.filter((error) => error instanceof PothosValidationError).map((error) => asInputError(error, document, variables) ?? error);
        if (refusals.length > 0) {
          setResultAndStopExecution({ errors: refusals });
          return;
        }
        if (cost !== undefined && known.cacheable) known.costs.set(key, cost);
      }
      if (cost !== undefined && cost > maxCost)
        setResultAndStopExecution({ errors: [limitError(`The operation costs ${cost}, more than the limit of ${maxCost}`, 'maxCost', maxCost)] });
    },
  };
}

const pageSizeFromVariables = (document: DocumentNode): boolean => {
  let found = false;
  visit(document, {
    Argument(node) {
      if ((node.name.value === 'first' || node.name.value === 'last') && node.value.kind === Kind.VARIABLE) found = true;
    },
  });
  return found;
};

/**
 * One introspection (`__schema` or `__type`) per operation: the cost limit does not count
 * introspection fields, and thirty aliased copies of the schema would be megabytes of work.
 */
const oneIntrospectionAtMost: ValidationRule = (context) => {
  let seen = 0;
  return {
    Field(node) {
      if (node.name.value !== '__schema' && node.name.value !== '__type') return;
      seen += 1;
      if (seen === 2) context.reportError(limitError('An operation may introspect the schema once (one __schema or __type field)', 'introspections', 1));
    },
  };
};

/** String literals in the query text holding NUL characters, refused like NUL in variables (a validation rule: it depends on the document only). */
const noNulInLiterals: ValidationRule = (context) => ({
  [Kind.STRING]: (node) => {
    if (node.value.includes('\u0000'))
      context.reportError(badUserInput([{ path: 'query', message: 'string values must not contain NUL characters (\\u0000)' }]));
  },
});
