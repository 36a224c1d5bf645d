// The Pothos schema builder: plugin list and options only. One builder per schema (a server
// builds its own, for its plugins); types live beside their domain (src/<domain>/*.graphql.ts)
// as module-level refs, declared on a builder by registration functions that run in any order
// (the list is server/schema.ts).
import SchemaBuilder, { type ConfigurableRef, type inputShapeKey, type outputShapeKey, type SchemaTypes } from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import ErrorsPlugin from '@pothos/plugin-errors';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import SimpleObjectsPlugin from '@pothos/plugin-simple-objects';
import ValidationPlugin from '@pothos/plugin-validation';
import { getNamedType, isListType, isNonNullType, type GraphQLOutputType } from 'graphql';
import { prisma } from '../db/client.js';
import type PrismaTypes from '../generated/pothos-prisma-types.js';
import { getDatamodel } from '../generated/pothos-prisma-types.js';
import type { RequestContext } from '../server/request-context.js';
import { CohortError } from '../shared/errors.js';
import { requestError } from '../shared/error-codes.js';
import { readsAdminData, refusal, scopesOf } from '../access/caller.js';
import { badUserInput, issuePath } from './bad-input.js';
import { decodeGlobalId } from './global-ids.js';
import type { PluginRegistry } from '../registry/registry.js';
import type { PluginTypes } from './plugin-types.js';

const pageSize = (args: Record<string, unknown>) => (typeof args.first === 'number' ? args.first : typeof args.last === 'number' ? args.last : 20);

/** `warnUnusedQueries`: Pothos' warning when a Prisma query made for a field goes unused (development only). */
export function createBuilder({ warnUnusedQueries }: { warnUnusedQueries: boolean }) {
  // The scopes a node type requires (its `authScopes`), read from the builder once it exists.
  let typeScopes: (typename: string) => unknown = () => undefined;
  /**
   * Whether the caller may learn anything about a node of this type: node(id:) and nodes(ids:)
   * answer FORBIDDEN for an admin type to other callers, before looking it up, so that even
   * `__typename` does not tell an existing ID from an unknown one.
   */
  const mayResolve = (typename: string, context: RequestContext) => {
    let scopes: unknown;
    try {
      scopes = typeScopes(typename);
    } catch {
      return true; // not a type: the lookup answers null
    }
    return !(typeof scopes === 'object' && scopes !== null && (scopes as { admin?: unknown }).admin === true) || readsAdminData(context.caller);
  };
  const forbidden = () => requestError('FORBIDDEN', 'This API key does not have the scope this field requires');
  const builder = new SchemaBuilder<{
    Context: RequestContext;
    PrismaTypes: PrismaTypes;
    AuthScopes: { admin: boolean; storefront: boolean; changes: boolean };
    DefaultFieldNullability: false;
    DefaultInputFieldRequiredness: true;
    Scalars: {
      DateTime: { Input: Date; Output: Date };
      Date: { Input: Date; Output: Date };
      JSONObject: { Input: Record<string, unknown>; Output: Record<string, unknown> };
      SafeInt: { Input: number; Output: number };
      ID: { Input: string; Output: string | number | bigint };
    };
  }>({
    // Relay before scope-auth so auth scopes see decoded global IDs; errors before prisma.
    plugins: [RelayPlugin, ScopeAuthPlugin, ErrorsPlugin, ValidationPlugin, PrismaPlugin, SimpleObjectsPlugin, ComplexityPlugin],
    defaultFieldNullability: false,
    defaultInputFieldRequiredness: true,
    // Every prismaNode is declared `nullable: true`: node(id:) answers null for an ID that names nothing, as Relay expects.
    relay: {
      decodeGlobalID: (globalId) => decodeGlobalId(globalId),
      // Looking objects up by ID needs a key (an anonymous caller could otherwise tell existing IDs
      // from unknown ones), and each ID asked for counts towards the operation's cost.
      nodeQueryOptions: {
        authScopes: { storefront: true },
        resolve: (_root, { id }, context, _info, resolveNode) => {
          if (!mayResolve(id.typename, context)) throw forbidden();
          return resolveNode(id);
        },
      },
      nodesQueryOptions: {
        authScopes: { storefront: true },
        complexity: ({ ids }) => ({ field: ids.length, multiplier: ids.length }),
        resolve: (_root, { ids }, context, _info, resolveNodes) => {
          const allowed = ids.map((id) => mayResolve(id.typename, context));
          // The plugin's lookup takes every ID asked for (it ignores the list given), in order; a forbidden one's answer is dropped,
          // and its place holds the error (returned, not a rejected promise: graphql-js reports it at its index).
          const found = allowed.some(Boolean) ? resolveNodes(ids) : Promise.resolve([]);
          return ids.map((_id, index) => (allowed[index] ? found.then((nodes) => nodes[index]) : forbidden()));
        },
      },
    },
    scopeAuth: {
      // A subscription is refused when it is opened, not event by event after it has been let in.
      authorizeOnSubscribe: true,
      authScopes: (context) => scopesOf(context.caller),
      unauthorizedError: (_parent, context) => refusal(context.caller),
    },
    // What an operation costs, checked before it runs (server/limits.ts): a field costs 1 unless it
    // says more (`complexity`); a page multiplies what it selects by its size (first or last,
    // 20 by default), and another list by 10. A connection's edges are its page: not multiplied again.
    complexity: {
      fieldComplexity: (args, _context, field) => {
        if (field.args.some((arg) => arg.name === 'first')) return { field: 1, multiplier: pageSize(args) };
        const type = isNonNullType(field.type) ? field.type.ofType : field.type;
        return { field: 1, multiplier: isListType(type) && !getNamedType(type as GraphQLOutputType).name.endsWith('Edge') ? 10 : 1 };
      },
    },
    errors: {
      // Only deliberate, expected failures become typed results; anything else stays masked.
      defaultTypes: [CohortError],
    },
    validation: {
      validationError: (failure) => badUserInput(failure.issues.map((issue) => ({ path: issuePath(issue.path), message: issue.message }))),
    },
    prisma: {
      client: prisma,
      dmmf: getDatamodel(),
      exposeDescriptions: true,
      filterConnectionTotalCount: true,
      onUnusedQuery: warnUnusedQueries ? 'warn' : null,
    },
  });
  typeScopes = (typename) => (builder.configStore.getTypeConfig(typename).pothosOptions as { authScopes?: unknown }).authScopes;
  return builder;
}

export type Builder = ReturnType<typeof createBuilder>;
export type BuilderTypes = Builder extends PothosSchemaTypes.SchemaBuilder<infer Types extends SchemaTypes> ? Types : never;

/** The `t` of an input object's fields, for helpers that declare fields shared by several inputs. */
export type InputFieldBuilder = PothosSchemaTypes.InputFieldBuilder<BuilderTypes, 'InputObject'>;

/** What every type file declares its types with: the schema's builder, and the server's plugins. */
export interface SchemaParts {
  builder: Builder;
  registry: PluginRegistry;
  /** The GraphQL types of what plugins declare (their parameters, their effects' outputs). */
  pluginTypes: PluginTypes;
}

/** A part of the schema: declares some types and fields on the builder, whatever parts ran before it. */
export type SchemaPart = (parts: SchemaParts) => void;

/**
 * Makes a module-level ref (`new ObjectRef<BuilderTypes, Shape>('Segment')`, made without a
 * builder) name the type `declared` that this builder declares for it. Other parts refer to the
 * type by that ref, and Pothos resolves it when the schema is built, so parts run in any order.
 * Why not declare the module-level ref itself: Pothos' refs keep the fields and options given to
 * them, and every server builds a schema of its own, so each builder declares a ref of its own.
 */
export function implement<Shape>(
  builder: Builder,
  ref: { name: string; [outputShapeKey]: Shape },
  declared: { name: string; [outputShapeKey]: NoInfer<Shape> },
): void;
export function implement<Shape>(
  builder: Builder,
  ref: { name: string; [inputShapeKey]: Shape },
  declared: { name: string; [inputShapeKey]: NoInfer<Shape> },
): void;
export function implement(builder: Builder, ref: ConfigurableRef<BuilderTypes> & { name: string }, declared: { name: string }): void {
  if (ref.name !== declared.name) throw new Error(`The ref ${ref.name} cannot name the type ${declared.name}`);
  builder.configStore.associateParamWithRef(ref, declared.name);
}
