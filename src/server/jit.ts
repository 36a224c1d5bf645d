// Queries run compiled by graphql-jit: the storefront's hot path spends about a quarter less
// CPU than with graphql-js' interpreter (bench/eligibility.ts). Only where the result is the
// same as graphql-js': mutations stay on graphql-js, and so do documents holding several
// operations (graphql-jit compiles one per document) and operations whose variables
// graphql-jit cannot take — it does not know @oneOf (such variables are checked by graphql-js
// first, and any problem is reported by graphql-js as usual), and it cannot compile variables
// of recursive input types (rule trees).
import { useGraphQlJit } from '@envelop/graphql-jit';
import {
  getNamedType,
  getVariableValues,
  isInputObjectType,
  typeFromAST,
  type DocumentNode,
  type GraphQLInputObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';

export type JitSupport = 'no' | 'yes' | 'check variables';

export function compiledQueries() {
  const byDocument = new WeakMap<DocumentNode, { operation: OperationDefinitionNode | null; support: JitSupport }>();
  return useGraphQlJit(
    {},
    {
      enableIf: ({ schema, document, operationName, variableValues }) => {
        let entry = byDocument.get(document);
        if (!entry) {
          // graphql-jit keeps one compiled operation per document: documents with several run on graphql-js.
          const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === 'OperationDefinition');
          const operation = operations.length === 1 ? (operations[0] as OperationDefinitionNode) : null;
          byDocument.set(document, (entry = { operation, support: operation ? jitSupport(schema, operation) : 'no' }));
        }
        const { operation, support } = entry;
        if (!operation || support === 'no' || (operationName && operation.name?.value !== operationName)) return false;
        return support === 'yes' || !getVariableValues(schema, operation.variableDefinitions ?? [], variableValues ?? {}).errors;
      },
    },
  );
}

/** Whether an operation runs compiled: never, always, or when graphql-js accepts its variables. */
export function jitSupport(schema: GraphQLSchema, operation: OperationDefinitionNode): JitSupport {
  if (operation.operation !== 'query') return 'no';
  let support: JitSupport = 'yes';
  for (const definition of operation.variableDefinitions ?? []) {
    const type = typeFromAST(schema, definition.type as never);
    const named = type ? getNamedType(type) : undefined;
    if (!named || !isInputObjectType(named)) continue;
    const reach = inputsReachableFrom(named);
    if (reach.recursive) return 'no';
    if (reach.oneOf) support = 'check variables';
  }
  return support;
}

/** Whether an input type reaches itself or another input type again (recursion), and whether it reaches a @oneOf type. */
function inputsReachableFrom(root: GraphQLInputObjectType): { recursive: boolean; oneOf: boolean } {
  let oneOf = false;
  const visit = (type: GraphQLInputObjectType, path: Set<GraphQLInputObjectType>): boolean => {
    if (path.has(type)) return true;
    if (type.isOneOf) oneOf = true;
    path.add(type);
    for (const field of Object.values(type.getFields())) {
      const named = getNamedType(field.type);
      if (isInputObjectType(named) && visit(named, path)) return true;
    }
    path.delete(type);
    return false;
  };
  return { recursive: visit(root, new Set()), oneOf };
}
