// The Pothos schema builder: plugin list and options only. Types live beside their
// domain (src/<domain>/*.ts) and are gathered by schema/index.ts.
import SchemaBuilder from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import SimpleObjectsPlugin from '@pothos/plugin-simple-objects';
import ValidationPlugin from '@pothos/plugin-validation';
import { GraphQLError } from 'graphql';
import { prisma } from '../db/client.js';
import type PrismaTypes from '../generated/pothos-prisma-types.js';
import { getDatamodel } from '../generated/pothos-prisma-types.js';
import type { RequestContext } from '../server/context.js';
import { CohortError } from '../shared/errors.js';
import { badUserInput, issuePath } from './bad-input.js';

export const builder = new SchemaBuilder<{
  Context: RequestContext;
  PrismaTypes: PrismaTypes;
  AuthScopes: { admin: boolean; storefront: boolean };
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: true;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    Date: { Input: Date; Output: Date };
    JSONObject: { Input: Record<string, unknown>; Output: Record<string, unknown> };
    ID: { Input: string; Output: string | number | bigint };
  };
}>({
  // Relay before scope-auth so auth scopes see decoded global IDs; errors before prisma.
  plugins: [RelayPlugin, ScopeAuthPlugin, ErrorsPlugin, ValidationPlugin, PrismaPlugin, SimpleObjectsPlugin],
  defaultFieldNullability: false,
  defaultInputFieldRequiredness: true,
  relay: {},
  scopeAuth: {
    authScopes: (context) => ({
      admin: context.caller?.scopes.includes('ADMIN') ?? false,
      // An admin key may do anything a storefront key may.
      storefront: context.caller !== null,
    }),
    unauthorizedError: (_parent, context) =>
      context.caller
        ? new GraphQLError('This API key does not have the scope this field requires', { extensions: { code: 'FORBIDDEN' } })
        : new GraphQLError('An API key is required: send it as "Authorization: Bearer <key>"', {
            extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
          }),
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
    onUnusedQuery: process.env.NODE_ENV === 'production' ? null : 'warn',
  },
});
