// Running an import: records read from the body are validated one by one and gathered into
// batches; a batch is written all or none (one ingestion call, so one tracking pass), or, if any
// of its lines is invalid, not at all, with every one of its errors reported. The job's row is
// updated after each batch, so progress and the error report outlive the request.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { raw } from '@cohort/plugin-sdk';
import { prisma, query } from '../db/client.js';
import { logger } from '../shared/logger.js';
import type { ImportJob } from '../generated/prisma/client.js';
import { GraphQLError } from 'graphql';
import type { InputIssue } from '../schema/bad-input.js';
import { CohortError } from '../shared/errors.js';
import { IMPORT_KINDS, validateRecord, type ImportKind, type ImportKindName, type RecordIssue } from './import-kinds.js';
import { BodyTooLargeError, MalformedFileError, type ImportLimits, type SourceItem } from './import-sources.js';
import { retryableDatabaseError } from '../db/errors.js';

/** Stored per job at most; `errorCount` counts them all. */
export const MAX_STORED_ERRORS = 10_000;

/**
 * How a running import shows it is alive: its process writes `heartbeatAt` with every batch and
 * every `beatMs` while it waits for the body. A job still RUNNING whose heartbeat is older than
 * `leaseMs` lost its process (killed, restarted, or cut from the database before it could say so)
 * and is shown as FAILED: whoever reads it, on any instance, after any restart.
 */
export const IMPORT_LEASE = { beatMs: 10_000, leaseMs: 120_000 } as const;

const INTERRUPTED =
  'Interrupted: the server running this import stopped (or lost its database) before the end of the file. Send the file again: records are matched by their ids, so nothing is written twice';

/** A job's state as of `now`: a RUNNING job whose process went silent for longer than the lease was interrupted. */
export function importStateOf(job: Pick<ImportJob, 'state' | 'failure' | 'heartbeatAt' | 'startedAt'>, now: Date): Pick<ImportJob, 'state' | 'failure'> {
  const lastSign = (job.heartbeatAt ?? job.startedAt).getTime();
  if (job.state === 'RUNNING' && now.getTime() - lastSign > IMPORT_LEASE.leaseMs) return { state: 'FAILED', failure: INTERRUPTED };
  return { state: job.state, failure: job.failure };
}

export interface ImportError {
  line: number;
  field: string | null;
  message: string;
}

export interface ImportProgress {
  /** The job's global ID (an ImportJob). */
  jobId: string;
  state: ImportJob['state'];
  linesRead: number;
  recordsWritten: number;
  batchesWritten: number;
  batchesFailed: number;
  errorCount: number;
}

export const progressOf = (job: ImportJob): ImportProgress => ({
  jobId: encodeGlobalID('ImportJob', job.id),
  state: job.state,
  linesRead: job.linesRead,
  recordsWritten: job.recordsWritten,
  batchesWritten: job.batchesWritten,
  batchesFailed: job.batchesFailed,
  errorCount: job.errorCount,
});

export function startImportJob(kind: ImportKindName, format: string, apiKeyId: string | null, now: Date): Promise<ImportJob> {
  return prisma.importJob.create({ data: { kind, format, apiKeyId, startedAt: now, heartbeatAt: now } });
}

interface Entry<Data> {
  line: number;
  rows?: number[];
  data?: Data;
}

/** The line an issue is on: a CSV order's line items each have their own row. */
function lineOf(entry: Entry<unknown>, field: string | null): number {
  const item = field === null ? null : /^lines\.(\d+)(\.|$)/.exec(field);
  return (item && entry.rows?.[Number(item[1])]) ?? entry.line;
}

/** A typed failure of the write (a customer erased meanwhile, an email taken) as an issue of the record it names. */
function writeIssue(error: CohortError, batchSize: number): RecordIssue {
  const path = (error as { path?: unknown }).path;
  const [index, ...field] = Array.isArray(path) ? (path as string[]) : [];
  const position = Number(index);
  return Number.isInteger(position) && position >= 0 && position < batchSize
    ? { index: position, field: field.length > 0 ? field.join('.') : null, message: error.message }
    : { index: 0, field: null, message: `${error.message} (in the batch this line starts)` };
}

/** Input the write refused with the API's BAD_USER_INPUT (a value a declared customer attribute does not take), its issues' paths starting with the record's index. */
const isBadInput = (error: unknown): error is GraphQLError =>
  error instanceof GraphQLError && error.extensions.code === 'BAD_USER_INPUT' && Array.isArray(error.extensions.issues);

function badInputIssues(error: GraphQLError, batchSize: number): RecordIssue[] {
  return (error.extensions.issues as InputIssue[]).map((issue) => {
    const [index, ...field] = issue.path.split('.');
    const position = Number(index);
    return Number.isInteger(position) && position >= 0 && position < batchSize
      ? { index: position, field: field.length > 0 ? field.join('.') : null, message: issue.message }
      : { index: 0, field: null, message: `${issue.message} (in the batch this line starts)` };
  });
}

/** Why a job stopped, as its report says it: unexpected causes are logged by the route, not shown. */
function failureOf(error: unknown): string {
  if (error instanceof BodyTooLargeError || error instanceof MalformedFileError) return error.message;
  return retryableDatabaseError(error)?.message ?? 'Stopped by an unexpected error (logged on the server); send the file again';
}

/**
 * Reads `items` to the end, writing them in batches of `batchSize`, and returns the job as it
 * ends. A failure other than bad input (the database away, the body over its limit) marks the
 * job FAILED with what was written so far, and is thrown.
 */
export async function runImport(
  job: ImportJob,
  items: AsyncIterable<SourceItem>,
  options: Pick<ImportLimits, 'batchSize' | 'analyzeAfterRecords'> & { now: () => Date; onProgress?: (progress: ImportProgress) => void },
): Promise<ImportJob> {
  const kind = IMPORT_KINDS[job.kind as ImportKindName] as ImportKind<unknown>;
  let current = job;
  let entries: Entry<unknown>[] = [];
  let issues: RecordIssue[] = [];
  let linesRead = 0;

  const flush = async () => {
    if (entries.length === 0) return;
    const batch = entries;
    const batchIssues = issues;
    entries = [];
    issues = [];
    const valid = batch.map((entry) => entry.data);
    if (batchIssues.length === 0 && kind.missingReferences) batchIssues.push(...(await kind.missingReferences(valid)));
    let written = 0;
    if (batchIssues.length === 0) {
      try {
        written = await kind.write(valid, options.now());
      } catch (error) {
        if (error instanceof CohortError) batchIssues.push(writeIssue(error, batch.length));
        else if (isBadInput(error)) batchIssues.push(...badInputIssues(error, batch.length));
        else throw error;
      }
    }
    const errors = batchIssues.map((issue) => ({
      line: lineOf(batch[issue.index] as Entry<unknown>, issue.field),
      field: issue.field,
      message: issue.message,
    }));
    const room = Math.max(0, MAX_STORED_ERRORS - current.errorCount);
    if (errors.length > 0 && room > 0) await prisma.importError.createMany({ data: errors.slice(0, room).map((error) => ({ jobId: job.id, ...error })) });
    current = await prisma.importJob.update({
      where: { id: job.id },
      data: {
        linesRead,
        heartbeatAt: options.now(),
        recordsWritten: { increment: written },
        ...(errors.length > 0 ? { batchesFailed: { increment: 1 }, errorCount: { increment: errors.length } } : { batchesWritten: { increment: 1 } }),
      },
    });
    options.onProgress?.(progressOf(current));
  };

  // Alive while the body is slow to come too (the batch updates above say it as well).
  const heartbeat = setInterval(() => {
    prisma.importJob.update({ where: { id: job.id }, data: { heartbeatAt: options.now() } }).catch(() => undefined);
  }, IMPORT_LEASE.beatMs);
  heartbeat.unref();
  try {
    for await (const item of items) {
      linesRead = Math.max(linesRead, item.line, ...(('rows' in item && item.rows) || []));
      const entry: Entry<unknown> = { line: item.line, ...('rows' in item && item.rows ? { rows: item.rows } : {}) };
      if ('value' in item) {
        const checked = validateRecord(kind, item.value);
        if ('data' in checked) entry.data = checked.data;
        else issues.push(...checked.issues.map((issue) => ({ index: entries.length, ...issue })));
      } else {
        issues.push({ index: entries.length, field: item.field, message: item.message });
      }
      entries.push(entry);
      if (entries.length >= options.batchSize) await flush();
    }
    await flush();
  } catch (error) {
    await prisma.importJob
      .update({ where: { id: job.id }, data: { state: 'FAILED', linesRead, failure: failureOf(error), finishedAt: options.now() } })
      .catch(() => undefined);
    throw error;
  } finally {
    clearInterval(heartbeat);
  }
  if (current.recordsWritten >= options.analyzeAfterRecords) await analyze(kind.tables);
  current = await prisma.importJob.update({
    where: { id: job.id },
    data: { linesRead, state: current.errorCount > 0 ? 'PARTIAL' : 'SUCCEEDED', finishedAt: options.now() },
  });
  return current;
}

/** Fresh planner statistics for `tables` (a second or two for millions of rows). A failure leaves them to autovacuum: the import stands. */
async function analyze(tables: string[]): Promise<void> {
  try {
    await query(raw(`ANALYZE ${tables.map((table) => `"${table}"`).join(', ')}`));
  } catch (error) {
    logger.warn(`Could not analyse ${tables.join(', ')} after an import; autovacuum will`, error);
  }
}

/** The first `limit` errors of a job, by line. */
export async function importErrors(jobId: string, limit: number): Promise<ImportError[]> {
  return prisma.importError.findMany({
    where: { jobId },
    orderBy: [{ line: 'asc' }, { id: 'asc' }],
    take: limit,
    select: { line: true, field: true, message: true },
  });
}
