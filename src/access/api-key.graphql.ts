// API keys in the API: listing, creation and revocation, all admin only.
import { ApiKeyScope } from '../generated/prisma/enums.js';
import { prisma } from '../db/client.js';
import { EnumRef } from '@pothos/core';
import { implement, type BuilderTypes, type SchemaParts } from '../schema/builder.js';
import { NotFoundError } from '../shared/errors.js';
import { z } from 'zod';
import { createApiKey, revokeApiKey } from './api-keys.js';

export const ApiKeyScopeEnum = new EnumRef<BuilderTypes, ApiKeyScope>('ApiKeyScope');

export function registerApiKeyTypes({ builder }: SchemaParts) {
  implement(
    builder,
    ApiKeyScopeEnum,
    builder.enumType(ApiKeyScope, {
      name: 'ApiKeyScope',
      description:
        'ADMIN: everything, including customer data. ANALYST: reads what an admin reads (customer data included) and changes nothing. STOREFRONT: eligibility, vouchers, redemptions and event tracking.',
    }),
  );

  const ApiKeyNode = builder.prismaNode('ApiKey', {
    nullable: true,
    id: { field: 'id' },
    authScopes: { admin: true },
    description: 'A credential. The secret itself is never stored or shown again after creation.',
    fields: (t) => ({
      name: t.exposeString('name'),
      prefix: t.exposeString('prefix', { description: 'Public part of the key, to recognise it.' }),
      scopes: t.expose('scopes', { type: [ApiKeyScopeEnum] }),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
      lastUsedAt: t.expose('lastUsedAt', { type: 'DateTime', nullable: true }),
      revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
    }),
  });

  builder.queryField('apiKeys', (t) =>
    t.prismaConnection({
      type: 'ApiKey',
      cursor: 'id',
      authScopes: { admin: true },
      totalCount: () => prisma.apiKey.count(),
      resolve: (query) => prisma.apiKey.findMany({ ...query, orderBy: { id: 'asc' } }),
    }),
  );

  const CreateApiKeyInput = builder.inputType('CreateApiKeyInput', {
    fields: (t) => ({
      name: t.string(),
      scopes: t.field({ type: [ApiKeyScopeEnum] }),
    }),
    validate: z.object({
      name: z.string().trim().min(1, 'must not be empty').max(100),
      scopes: z.array(z.enum(ApiKeyScope)).min(1, 'give at least one scope'),
    }),
  });

  builder.mutationField('createApiKey', (t) =>
    t.field({
      type: builder.simpleObject('CreateApiKeyPayload', {
        fields: (f) => ({
          apiKey: f.field({ type: ApiKeyNode }),
          secret: f.string({ description: 'The full key. Shown only now: store it safely.' }),
        }),
      }),
      authScopes: { admin: true },
      errors: { types: [] },
      args: { input: t.arg({ type: CreateApiKeyInput }) },
      resolve: async (_root, { input }) => createApiKey(input.name, input.scopes),
    }),
  );

  builder.mutationField('revokeApiKey', (t) =>
    t.field({
      type: builder.simpleObject('RevokeApiKeyPayload', { fields: (f) => ({ apiKey: f.field({ type: ApiKeyNode }) }) }),
      authScopes: { admin: true },
      errors: { types: [NotFoundError] },
      args: { input: t.arg({ type: builder.inputType('RevokeApiKeyInput', { fields: (f) => ({ id: f.globalID({ for: ApiKeyNode }) }) }) }) },
      resolve: async (_root, { input }) => ({ apiKey: await revokeApiKey(input.id.id) }),
    }),
  );
}
