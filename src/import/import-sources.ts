// Reading an import's body as it arrives, never whole: NDJSON split into lines, CSV through
// csv-parse, each yielded as a record (or the reason its line cannot be one) with its line
// number, under the limits on the body's size and a line's length.

export interface ImportLimits {
  /** The most bytes one request's body may carry. */
  maxBodyBytes: number;
  /** The longest line, in bytes (NDJSON), or record (CSV). */
  maxLineBytes: number;
  /** Records written per batch, all or none. */
  batchSize: number;
  /**
   * An import that wrote at least this many records has its kind's tables analysed when it ends:
   * the planner's statistics otherwise describe the tables before the load until autovacuum
   * catches up, and the first segment created over freshly loaded data could take minutes where
   * it takes seconds (bench:data measured 383 s against 3 s).
   */
  analyzeAfterRecords: number;
}

export const IMPORT_LIMITS: ImportLimits = { maxBodyBytes: 4 * 1024 ** 3, maxLineBytes: 1024 ** 2, batchSize: 1000, analyzeAfterRecords: 10_000 };

/** What a file yields: a record to validate, or a line that is not one. `line` counts from 1; `rows` gives the line of each row a record was made of (CSV orders). */
export type SourceItem = { line: number; value: unknown; rows?: number[] } | { line: number; field: string | null; message: string };

/** The body went over `maxBodyBytes`: the import stops there (what was written stays). */
export class BodyTooLargeError extends Error {
  constructor(readonly maxBodyBytes: number) {
    super(`The body is larger than ${maxBodyBytes} bytes: split the file, and send the rest in another import`);
  }
}

/** The file is not CSV as it should be (an unclosed quote, a record over the line limit): the import stops at that line. */
export class MalformedFileError extends Error {}

/** The body's bytes, counted against the limit as they arrive. */
export async function* limitedBody(body: AsyncIterable<Uint8Array>, maxBodyBytes: number): AsyncGenerator<Uint8Array> {
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > maxBodyBytes) throw new BodyTooLargeError(maxBodyBytes);
    yield chunk;
  }
}

/**
 * NDJSON: one JSON object per line; blank lines are skipped. A line longer than `maxLineBytes`
 * is reported and skipped without being held: only its first bytes are kept while the rest goes by.
 */
export async function* ndjsonRecords(body: AsyncIterable<Uint8Array>, maxLineBytes: number): AsyncGenerator<SourceItem> {
  const decoder = new TextDecoder();
  let pending = '';
  let line = 0;
  let skipping = false;
  const item = (text: string): SourceItem | null => {
    line += 1;
    if (skipping || Buffer.byteLength(text) > maxLineBytes) {
      skipping = false;
      return { line, field: null, message: `The line is longer than ${maxLineBytes} bytes` };
    }
    if (text.trim() === '') return null;
    try {
      return { line, value: JSON.parse(text) as unknown };
    } catch (error) {
      return { line, field: null, message: `Not JSON: ${(error as Error).message}` };
    }
  };
  for await (const chunk of body) {
    pending += decoder.decode(chunk, { stream: true });
    let newline = pending.indexOf('\n');
    while (newline !== -1) {
      const next = item(pending.slice(0, newline));
      if (next) yield next;
      pending = pending.slice(newline + 1);
      newline = pending.indexOf('\n');
    }
    // A line's characters are no more than its bytes: past this many, it is too long whatever they are.
    if (pending.length > maxLineBytes) {
      skipping = true;
      pending = '';
    }
  }
  pending += decoder.decode();
  if (pending !== '' || skipping) {
    const last = item(pending);
    if (last) yield last;
  }
}
