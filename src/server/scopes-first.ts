// A caller is refused a root field its scopes do not allow before anything reads that field's
// arguments. Pothos checks scopes (plugin-scope-auth) inside the resolver, after the arguments
// were coerced, decoded and validated (graphql-js' variables, the relay plugin's IDs, the
// validation plugin's argument mappers), so without this a read-only key sending a malformed
// input to a mutation would hear BAD_USER_INPUT, learning the input's shape, where it should hear
// FORBIDDEN. Here the operation's root fields are weighed against the same `authScopes` (the root
// type's, unless a field skips them, and the field's own) before execution starts. Scopes given
// as functions are left to scope-auth, which still checks every field as before.
import {
  getOperationAST,
  GraphQLError,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type SelectionSetNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { refusal, scopesOf } from '../access/caller.js';
import type { RequestContext } from './request-context.js';

type Scopes = ReturnType<typeof scopesOf>;

export function scopesFirstPlugin(): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const document = args.document as DocumentNode;
      const operation = getOperationAST(document, args.operationName);
      const root = operation && args.schema.getRootType(operation.operation);
      if (!operation || !root) return;
      const { caller } = args.contextValue as unknown as Pick<RequestContext, 'caller'>;
      const held = scopesOf(caller);
      const fragments = new Map(
        document.definitions
          .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
          .map((fragment) => [fragment.name.value, fragment]),
      );
      const refused = rootFields(operation.selectionSet, fragments).find((field) => !allowed(root, field.name.value, held));
      if (!refused) return;
      // The answer scope-auth gives for a refused field, at that field: the error, and no data (root fields are non-null).
      const { message, extensions } = refusal(caller);
      setResultAndStopExecution({
        data: null,
        errors: [new GraphQLError(message, { nodes: refused, path: [refused.alias?.value ?? refused.name.value], extensions })],
      });
    },
  };
}

/** Whether `held` satisfies the root type's scopes (unless the field skips them) and the field's own, where they are declared as plain maps. */
function allowed(root: GraphQLObjectType, name: string, held: Scopes): boolean {
  const field = root.getFields()[name];
  if (!field) return true;
  const fieldOptions = optionsOf(field.extensions);
  if (!fieldOptions.skipTypeScopes && !satisfies(optionsOf(root.extensions).authScopes, held)) return false;
  return satisfies(fieldOptions.authScopes, held);
}

function optionsOf(extensions: unknown): { authScopes?: unknown; skipTypeScopes?: boolean } {
  return ((extensions as { pothosOptions?: unknown } | null | undefined)?.pothosOptions ?? {}) as { authScopes?: unknown; skipTypeScopes?: boolean };
}

/** scope-auth's default strategy: any one scope of the map that the caller holds. Anything but a plain map is scope-auth's to judge. */
function satisfies(scopes: unknown, held: Scopes): boolean {
  if (typeof scopes !== 'object' || scopes === null) return true;
  const entries = Object.entries(scopes);
  if (entries.length === 0 || entries.some(([scope]) => !Object.hasOwn(held, scope))) return true;
  return entries.some(([scope, wanted]) => wanted === true && held[scope as keyof Scopes]);
}

/** The root fields an operation selects, through fragments and inline fragments (introspection's aside). */
function rootFields(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, seen = new Set<string>()): FieldNode[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return selection.name.value.startsWith('__') ? [] : [selection];
    if (selection.kind === Kind.INLINE_FRAGMENT) return rootFields(selection.selectionSet, fragments, seen);
    const fragment = fragments.get(selection.name.value);
    if (!fragment || seen.has(fragment.name.value)) return [];
    seen.add(fragment.name.value);
    return rootFields(fragment.selectionSet, fragments, seen);
  });
}
