// The ImportJob type (admin and analyst keys): a bulk import's progress and its error report,
// with the `importJob` and `importJobs` queries. Imports themselves arrive at POST /import (import-route.ts).
import { prisma } from '../db/client.js';
import { ImportState } from '../generated/prisma/enums.js';
import type { SchemaParts } from '../schema/builder.js';
import { importStateOf } from './imports.js';

export function registerImportJobTypes({ builder }: SchemaParts) {
  const ImportStateEnum = builder.enumType(ImportState, { name: 'ImportState' });

  builder.prismaObject('ImportError', {
    description: 'A line an import could not take. Its batch wrote nothing (all or none).',
    fields: (t) => ({
      line: t.exposeInt('line', { description: "The line's number in the file, from 1 (the header is line 1 of a CSV file)." }),
      field: t.exposeString('field', { nullable: true, description: 'The field, as a dotted path into the record ("lines.0.sku"); null for the whole line.' }),
      message: t.exposeString('message'),
    }),
  });

  const ImportJobNode = builder.prismaNode('ImportJob', {
    nullable: true,
    id: { field: 'id' },
    authScopes: { admin: true },
    description: 'A bulk import sent to POST /import: its progress, kept after the request (docs/getting-data-in.md). Admin and analyst keys.',
    fields: (t) => ({
      kind: t.exposeString('kind', { description: 'customers, products, orders or events.' }),
      format: t.exposeString('format', { description: 'ndjson, csv or shopify-csv.' }),
      state: t.field({
        type: ImportStateEnum,
        description: 'FAILED also for an import whose server stopped before the end of its file (it said nothing for two minutes): see `failure`.',
        resolve: (job, _args, context) => importStateOf(job, context.clock.now()).state,
      }),
      startedAt: t.expose('startedAt', { type: 'DateTime' }),
      finishedAt: t.expose('finishedAt', { type: 'DateTime', nullable: true }),
      linesRead: t.exposeInt('linesRead'),
      recordsWritten: t.exposeInt('recordsWritten'),
      batchesWritten: t.exposeInt('batchesWritten'),
      batchesFailed: t.exposeInt('batchesFailed', { description: 'Batches that wrote nothing because one of their lines was invalid.' }),
      errorCount: t.exposeInt('errorCount', { description: 'Every error found; the first 10,000 are kept in `errors`.' }),
      failure: t.string({
        nullable: true,
        description: 'Why the import stopped before the end of its file (state FAILED).',
        resolve: (job, _args, context) => importStateOf(job, context.clock.now()).failure,
      }),
      errors: t.relatedConnection('errors', {
        cursor: 'id',
        totalCount: true,
        query: () => ({ orderBy: [{ line: 'asc' }, { id: 'asc' }] }),
        description: 'The error report, by line.',
      }),
    }),
  });

  builder.queryField('importJob', (t) =>
    t.prismaField({
      type: 'ImportJob',
      nullable: true,
      authScopes: { admin: true },
      description: 'An import by the ID its POST /import answered with. Admin and analyst keys.',
      args: { id: t.arg.globalID({ for: ImportJobNode, required: true }) },
      resolve: (query, _root, { id }) => prisma.importJob.findUnique({ ...query, where: { id: id.id } }),
    }),
  );

  builder.queryField('importJobs', (t) =>
    t.prismaConnection({
      type: 'ImportJob',
      cursor: 'id',
      authScopes: { admin: true },
      description: 'Imports, the newest first. Admin and analyst keys.',
      resolve: (query) => prisma.importJob.findMany({ ...query, orderBy: { id: 'desc' } }),
    }),
  );
}
