// Exports a segment's members as CSV or JSON at GET /export/segments/<id>/members.(csv|json).
// Some tools publish member lists at secret URLs; Cohort never does: the
// request must carry an admin (or analyst) key, or a console session, like any other access to
// customer data.
import type { PluginRegistry } from '../registry/registry.js';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { decodeGlobalId } from '../schema/global-ids.js';
import type { Plugin } from 'graphql-yoga';
import { requestError, type RequestErrorCode } from '../shared/error-codes.js';
import { callerOf, readsAdminData } from '../access/caller.js';
import { retryableError } from '../db/errors.js';
import { errorResponse } from '../shared/error-response.js';
import { prisma, stream } from '../db/client.js';
import { empty, raw, sql } from '@cohort/plugin-sdk';
import type { Clock } from '../shared/clock.js';
import { logger } from '../shared/logger.js';
import { asSegmentRule, memberPredicate, type MembershipSource, type SegmentRule } from './membership.js';
import { membershipSources } from './recorded.js';

const PATH = /^\/export\/segments\/([^/]+)\/members\.(csv|json)$/;

/** Where a segment's members download, relative to the API's origin (Segment.exportUrl). */
export const exportPath = (segmentGlobalId: string, format: 'csv' | 'json') => `/export/segments/${encodeURIComponent(segmentGlobalId)}/members.${format}`;
const BATCH = 1000;
const COLUMNS = ['id', 'externalId', 'email', 'firstName', 'lastName', 'phone', 'category', 'country', 'registeredAt'] as const;

type Row = Record<(typeof COLUMNS)[number], string>;

/**
 * A value a spreadsheet would run as a formula (=, +, -, @, tab or carriage return first) is
 * prefixed with a quote, as OWASP advises against CSV injection: shoppers write their own
 * names, and both exports end up in spreadsheets. A number such as a phone number ("+33 6 12
 * 34 56 78": digits, spaces, ( ) . -) calls nothing and is left as it is.
 */
function inert(value: string): string {
  return /^[=+\-@\t\r]/.test(value) && !/^\+?[0-9 ().-]+$/.test(value) ? `'${value}` : value;
}

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

interface Member {
  id: string;
  externalId: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  category: string | null;
  country: string | null;
  registeredAt: Date;
}

/**
 * The members with their columns, from one statement read in batches as the download goes
 * (db/sql.ts: a cursor on PostgreSQL), so memory stays flat and the segment's rule runs once;
 * RECORDED: the recorded members in their primary key's order, joined to their columns.
 */
async function* memberBatches(segment: SegmentRule, registry: PluginRegistry, clock: Clock, source: MembershipSource): AsyncGenerator<Row[]> {
  const membership =
    source === 'RECORDED'
      ? {
          from: sql`"SegmentMember" AS m JOIN cohort_v1.customers AS "_customer" ON "_customer".id = m."customerId"`,
          where: sql`m."segmentId" = ${segment.id}`,
          id: raw('m."customerId"'),
        }
      : { from: sql`cohort_v1.customers AS "_customer"`, where: await memberPredicate(segment, registry, clock), id: raw('"_customer".id') };
  const members = stream<Member>(
    (
      after,
      limit,
    ) => sql`SELECT "_customer".id, "_customer".external_id AS "externalId", "_customer".email, "_customer".first_name AS "firstName", "_customer".last_name AS "lastName", "_customer".phone, "_customer".category, "_customer".registered_at AS "registeredAt",
      (SELECT a.country FROM "Address" AS a WHERE a."customerId" = "_customer".id ORDER BY a."isDefault" DESC, a.id LIMIT 1) AS country
      FROM ${membership.from} WHERE ${membership.where}${after === null ? empty : sql` AND ${membership.id} > ${after}`}
      ORDER BY ${membership.id}${limit === null ? empty : sql` LIMIT ${limit}`}`,
    BATCH,
  );
  for await (const batch of members) {
    yield batch.map((member) => ({
      id: encodeGlobalID('Customer', member.id),
      externalId: member.externalId,
      email: member.email ?? '',
      firstName: member.firstName ?? '',
      lastName: member.lastName ?? '',
      phone: member.phone ?? '',
      category: member.category ?? '',
      country: member.country ?? '',
      registeredAt: member.registeredAt.toISOString(),
    }));
  }
}

/**
 * Each download holds a database connection (PostgreSQL: its cursor's) while it runs, so at most
 * `concurrent` run at once per process (others are answered 503 with Retry-After), and one whose
 * client stops reading for `idleMs` is cut: a paused download cannot hold a connection, or
 * PostgreSQL's snapshot, for ever.
 */
export const EXPORT_LIMITS = { concurrent: 2, idleMs: 60_000 };

export function segmentExportPlugin(registry: PluginRegistry, clock: Clock, limits: { concurrent: number; idleMs: number } = EXPORT_LIMITS): Plugin {
  let running = 0;
  return {
    async onRequest({ request, url, endResponse, fetchAPI, serverContext }) {
      const match = PATH.exec(url.pathname);
      if (!match) return;
      // Failures take the one shape of the API's: { errors: [{ message, extensions: { code } }] }.
      const json = (code: RequestErrorCode, message: string, status?: number) =>
        endResponse(errorResponse(fetchAPI, requestError(code, message, status ? { status } : {})));
      if (request.method !== 'GET') return json('METHOD_NOT_ALLOWED', 'Use GET');
      const caller = await callerOf(request);
      if (!caller) return json('UNAUTHENTICATED', 'An admin API key is required: send it as "Authorization: Bearer <key>" (or x-api-key)');
      if (!readsAdminData(caller)) return json('FORBIDDEN', 'Exporting customers requires an admin or analyst key', 403);

      let segmentId: string | null = null;
      try {
        const decoded = decodeGlobalId(decodeURIComponent(match[1] as string));
        segmentId = decoded.typename === 'Segment' ? decoded.id : null;
      } catch {
        segmentId = null;
      }
      const segment = segmentId ? await prisma.segment.findUnique({ where: { id: segmentId } }) : null;
      if (!segment) return json('NOT_FOUND', `No segment with ID "${match[1]}"`);

      if (running >= limits.concurrent) {
        return endResponse(
          errorResponse(fetchAPI, retryableError(`${running} exports are running, the most this server runs at once: try again shortly`, 'BUSY', 10)),
        );
      }
      running += 1;
      const format = match[2] as 'csv' | 'json';
      const source = (await membershipSources([segment.id], registry, clock)).get(segment.id) ?? 'EVALUATED';
      const batches = memberBatches(asSegmentRule(segment, registry), registry, clock, source);
      const response = (serverContext as { res?: { destroy(error?: Error): void } }).res;
      const encoder = new TextEncoder();
      let first = true;
      let ended = false;
      let idle: NodeJS.Timeout | undefined;
      /** Ends the download once, whichever way: its connection is given back and its slot freed. */
      const end = async (failure?: Error) => {
        if (ended) return;
        ended = true;
        clearTimeout(idle);
        running -= 1;
        await batches.return(undefined).catch(() => undefined);
        // Under Node's HTTP server a failure cuts the connection, so the client sees an incomplete download rather than waiting for the rest.
        if (failure) response?.destroy(failure);
      };
      const body = new fetchAPI.ReadableStream({
        start(controller) {
          controller.enqueue(encoder.encode(format === 'csv' ? `${COLUMNS.join(',')}\n` : '['));
        },
        // One batch per pull: the next is read only when the client has taken this one.
        async pull(controller) {
          clearTimeout(idle);
          // A failure while streaming (the database gone, say) ends this download, never the process.
          const next = await batches.next().catch((error: unknown) => {
            logger.error('Export failed while streaming', error);
            controller.error(error);
            void end(error as Error);
            return null;
          });
          if (!next) return;
          if (next.done) {
            if (format === 'json') controller.enqueue(encoder.encode(first ? ']' : '\n]\n'));
            controller.close();
            await end();
            return;
          }
          let text = '';
          for (const member of next.value) {
            const row = Object.fromEntries(COLUMNS.map((column) => [column, inert(member[column])])) as Row;
            text += format === 'csv' ? `${COLUMNS.map((column) => csvCell(row[column])).join(',')}\n` : `${first ? '\n' : ',\n'}${JSON.stringify(row)}`;
            first = false;
          }
          controller.enqueue(encoder.encode(text));
          // The client has this batch; if it does not ask for the next one in time, the download is cut.
          idle = setTimeout(() => {
            const error = new Error(`The client read nothing for ${limits.idleMs} ms`);
            logger.warn(`Export of segment ${segment.id} cut: ${error.message}`);
            controller.error(error);
            void end(error);
          }, limits.idleMs);
        },
        // The client went away: the statement stops and its connection is given back.
        async cancel() {
          await end();
        },
      });
      const filename = `${segment.name.replace(/[^A-Za-z0-9_-]+/g, '-')}-members.${format}`;
      return endResponse(
        new fetchAPI.Response(body, {
          headers: {
            'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json',
            'content-disposition': `attachment; filename="${filename}"`,
            'cache-control': 'no-store',
            // Where the members were read from (Segment.membershipSource): both are as of the request.
            'cohort-membership-source': source,
          },
        }),
      );
    },
  };
}
