// The audit log as the API shows it (to admin and analyst keys): admin writes, newest first (privacy/audit.ts records them).
import { encodeGlobalID } from '@pothos/plugin-relay';
import { prisma } from '../db/client.js';
import type { SchemaParts } from '../schema/builder.js';

export function registerAuditLogTypes({ builder }: SchemaParts) {
  builder.prismaNode('AuditEntry', {
    nullable: true,
    id: { field: 'id' },
    authScopes: { admin: true },
    description:
      'One admin write: who made it, with which key, which mutation, and the objects it named before and after. Read by admin and analyst keys; kept for COHORT_AUDIT_LOG_KEEP_DAYS.',
    fields: (t) => ({
      at: t.expose('at', { type: 'DateTime' }),
      apiKeyId: t.id({
        nullable: true,
        description: "The key's global ID (an ApiKey); its secret is never recorded.",
        resolve: (entry) => (entry.apiKeyId ? encodeGlobalID('ApiKey', entry.apiKeyId) : null),
      }),
      apiKeyName: t.exposeString('apiKeyName', { description: "The key's name when the write was made." }),
      viaConsole: t.boolean({ description: 'The key came through a console session.', resolve: (entry) => entry.sessionId !== null }),
      operation: t.exposeString('operation', { description: 'The mutation, e.g. "updatePromotion".' }),
      outcome: t.exposeString('outcome', {
        description: 'SUCCESS, or the code it failed with (an Error code, or a request error code such as BAD_USER_INPUT).',
      }),
      input: t.field({
        type: 'JSONObject',
        nullable: true,
        description: 'The arguments, keys and secrets redacted.',
        resolve: (entry) => entry.input as Record<string, unknown> | null,
      }),
      before: t.field({
        type: 'JSONObject',
        nullable: true,
        description:
          'The objects the input named (by global ID, or by external ID or SKU for upserts), as stored before the write, by global ID; null when it named none.',
        resolve: (entry) => entry.before as Record<string, unknown> | null,
      }),
      after: t.field({
        type: 'JSONObject',
        nullable: true,
        description: 'The same objects after the write (null for one deleted); for a write that named none, what the mutation answered.',
        resolve: (entry) => entry.after as Record<string, unknown> | null,
      }),
    }),
  });

  builder.queryField('auditLog', (t) =>
    t.prismaConnection({
      type: 'AuditEntry',
      cursor: 'id',
      authScopes: { admin: true },
      description: 'Admin writes, the newest first. For admin and analyst keys.',
      args: { operation: t.arg.string({ required: false, description: 'Only this mutation, e.g. "eraseCustomer".' }) },
      totalCount: (_connection, { operation }) => prisma.auditEntry.count({ where: operation ? { operation } : {} }),
      resolve: (query, _parent, { operation }) => prisma.auditEntry.findMany({ ...query, where: operation ? { operation } : {}, orderBy: { id: 'desc' } }),
    }),
  );
}
