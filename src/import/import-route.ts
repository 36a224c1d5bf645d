// POST /import?kind=<customers|products|orders|events>&format=<ndjson|…>: a shop's existing data in
// bulk, read as it arrives (docs/getting-data-in.md). Admin keys only: an import writes
// customers' personal data. Answers with the job (its ID, counts and first errors) once the
// body is read, or, asked with `Accept: application/x-ndjson`, streams a progress line per batch.
import type { Plugin } from 'graphql-yoga';
import { callerOf } from '../access/caller.js';
import { retryableDatabaseError } from '../db/errors.js';
import type { Clock } from '../shared/clock.js';
import { requestError, type RequestErrorCode } from '../shared/error-codes.js';
import { errorBody, errorResponse } from '../shared/error-response.js';
import { logger } from '../shared/logger.js';
import { IMPORT_KINDS, isImportKind, type ImportKindName } from './import-kinds.js';
import { BodyTooLargeError, IMPORT_LIMITS, MalformedFileError, limitedBody, ndjsonRecords, type ImportLimits, type SourceItem } from './import-sources.js';
import { shopifyCustomers, shopifyOrders } from './shopify.js';
import { importErrors, progressOf, runImport, startImportJob, type ImportProgress } from './imports.js';

export const IMPORT_PATH = '/import';

/** The first errors an answer carries; the rest are read through `importJob(id) { errors }`. */
const ERRORS_IN_ANSWER = 100;

/** The formats, each with the kinds it can carry and how it is read. */
const FORMATS: Record<
  string,
  { kinds: readonly ImportKindName[]; read: (body: AsyncIterable<Uint8Array>, kind: ImportKindName, limits: ImportLimits) => AsyncIterable<SourceItem> }
> = {
  ndjson: { kinds: Object.keys(IMPORT_KINDS) as ImportKindName[], read: (body, _kind, limits) => ndjsonRecords(body, limits.maxLineBytes) },
  'shopify-csv': {
    kinds: ['customers', 'orders'],
    read: (body, kind, limits) => (kind === 'orders' ? shopifyOrders : shopifyCustomers)(body, limits.maxLineBytes),
  },
};

/** How a failure that stopped the import is answered: the body over its limit, the database away, or masked. */
function stoppedBy(error: unknown, jobId: string) {
  if (error instanceof BodyTooLargeError)
    return requestError('PAYLOAD_TOO_LARGE', error.message, { extensions: { limit: 'maxBodyBytes', max: error.maxBodyBytes, jobId } });
  if (error instanceof MalformedFileError) return requestError('BAD_REQUEST', error.message, { extensions: { jobId } });
  const retryable = retryableDatabaseError(error);
  if (retryable) return retryable;
  logger.error(`Import ${jobId} stopped`, error);
  return requestError('INTERNAL_SERVER_ERROR', 'Unexpected error.', { extensions: { jobId } });
}

export function importPlugin(clock: Clock, limits: ImportLimits = IMPORT_LIMITS): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== IMPORT_PATH) return;
      const fail = (code: RequestErrorCode, message: string, status?: number) =>
        endResponse(errorResponse(fetchAPI, requestError(code, message, status ? { status } : {})));
      if (request.method !== 'POST') return fail('METHOD_NOT_ALLOWED', 'Use POST, with the file as the body');
      const caller = await callerOf(request, clock);
      if (!caller) return fail('UNAUTHENTICATED', 'An admin API key is required: send it as "Authorization: Bearer <key>" (or x-api-key)');
      if (!caller.scopes.includes('ADMIN')) return fail('FORBIDDEN', 'Importing requires an admin key', 403);

      const kind = url.searchParams.get('kind');
      if (!isImportKind(kind)) return fail('BAD_REQUEST', `kind must be one of ${Object.keys(IMPORT_KINDS).join(', ')}`);
      const formatName = url.searchParams.get('format') ?? 'ndjson';
      const format = Object.hasOwn(FORMATS, formatName) ? FORMATS[formatName] : undefined;
      if (!format) return fail('BAD_REQUEST', `format must be one of ${Object.keys(FORMATS).join(', ')}`);
      if (!format.kinds.includes(kind)) return fail('BAD_REQUEST', `format ${formatName} carries ${format.kinds.join(', ')}, not ${kind}`);
      const batchSize = Number(url.searchParams.get('batchSize') ?? limits.batchSize);
      if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > limits.batchSize)
        return fail('BAD_REQUEST', `batchSize must be a whole number from 1 to ${limits.batchSize}`);
      if (Number(request.headers.get('content-length') ?? 0) > limits.maxBodyBytes) {
        return endResponse(
          errorResponse(
            fetchAPI,
            requestError('PAYLOAD_TOO_LARGE', new BodyTooLargeError(limits.maxBodyBytes).message, {
              extensions: { limit: 'maxBodyBytes', max: limits.maxBodyBytes },
            }),
          ),
        );
      }
      if (!request.body) return fail('BAD_REQUEST', 'Send the file as the body');

      const job = await startImportJob(kind, formatName, caller.keyId, clock.now());
      const items = format.read(limitedBody(request.body as unknown as AsyncIterable<Uint8Array>, limits.maxBodyBytes), kind, limits);
      const run = (onProgress?: (progress: ImportProgress) => void) =>
        runImport(job, items, { batchSize, analyzeAfterRecords: limits.analyzeAfterRecords, now: () => clock.now(), onProgress });
      const finalAnswer = async (ended: Awaited<ReturnType<typeof run>>) => ({ ...progressOf(ended), errors: await importErrors(job.id, ERRORS_IN_ANSWER) });

      if (!(request.headers.get('accept') ?? '').includes('application/x-ndjson')) {
        try {
          const ended = await run();
          return endResponse(fetchAPI.Response.json(await finalAnswer(ended), { headers: { 'cache-control': 'no-store' } }));
        } catch (error) {
          return endResponse(errorResponse(fetchAPI, stoppedBy(error, progressOf(job).jobId)));
        }
      }
      // Progress as it goes: the job first, one line per batch, then the final answer (or the failure, in the API's error shape).
      const encoder = new TextEncoder();
      const body = new fetchAPI.ReadableStream({
        async start(controller) {
          const send = (value: unknown) => controller.enqueue(encoder.encode(`${JSON.stringify(value)}\n`));
          send(progressOf(job));
          try {
            send(await finalAnswer(await run(send)));
          } catch (error) {
            send(errorBody(stoppedBy(error, progressOf(job).jobId)));
          }
          controller.close();
        },
      });
      return endResponse(new fetchAPI.Response(body, { headers: { 'content-type': 'application/x-ndjson', 'cache-control': 'no-store' } }));
    },
  };
}
