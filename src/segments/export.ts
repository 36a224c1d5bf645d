// Exports a segment's members as CSV or JSON at GET /export/segments/<id>/members.(csv|json).
// The product documents publish member lists at secret URLs; Cohort never does: the
// request must carry an admin key, like any other access to customer data.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { decodeGlobalId } from '../schema/global-ids.js';
import type { Plugin } from 'graphql-yoga';
import { authenticate } from '../access/api-keys.js';
import { prisma, stream } from '../db/client.js';
import { Prisma } from '../generated/prisma/client.js';
import type { Clock } from '../shared/clock.js';
import { logger } from '../shared/logger.js';
import { asSegmentRule, memberPredicate, type SegmentRule } from './membership.js';

const PATH = /^\/export\/segments\/([^/]+)\/members\.(csv|json)$/;
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
 * (db/sql.ts: a cursor on PostgreSQL), so memory stays flat and the segment's rule runs once.
 */
async function* memberBatches(segment: SegmentRule, clock: Clock): AsyncGenerator<Row[]> {
  const predicate = await memberPredicate(segment, clock);
  const members = stream<Member>(
    Prisma.sql`SELECT c.id, c."externalId", c.email, c."firstName", c."lastName", c.phone, c.category, c."registeredAt",
      (SELECT a.country FROM "Address" AS a WHERE a."customerId" = c.id ORDER BY a."isDefault" DESC, a.id LIMIT 1) AS country
      FROM "Customer" AS c WHERE ${predicate} ORDER BY c.id`,
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

export function segmentExportPlugin(clock: Clock): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI, serverContext }) {
      const match = PATH.exec(url.pathname);
      if (!match) return;
      const json = (status: number, message: string) => endResponse(new fetchAPI.Response(JSON.stringify({ error: message }), { status, headers: { 'content-type': 'application/json' } }));
      if (request.method !== 'GET') return json(405, 'Use GET');
      const caller = await authenticate(request.headers.get('authorization'));
      if (!caller) return json(401, 'An admin API key is required: send it as "Authorization: Bearer <key>"');
      if (!caller.scopes.includes('ADMIN')) return json(403, 'Exporting customers requires an admin key');

      let segmentId: string | null = null;
      try {
        const decoded = decodeGlobalId(decodeURIComponent(match[1] as string));
        segmentId = decoded.typename === 'Segment' ? decoded.id : null;
      } catch {
        segmentId = null;
      }
      const segment = segmentId ? await prisma.segment.findUnique({ where: { id: segmentId } }) : null;
      if (!segment) return json(404, `No segment with ID "${match[1]}"`);

      const format = match[2] as 'csv' | 'json';
      const batches = memberBatches(asSegmentRule(segment), clock);
      const encoder = new TextEncoder();
      let first = true;
      const body = new fetchAPI.ReadableStream({
        start(controller) {
          controller.enqueue(encoder.encode(format === 'csv' ? `${COLUMNS.join(',')}\n` : '['));
        },
        // One batch per pull: the next is read only when the client has taken this one.
        async pull(controller) {
          // A failure while streaming (the database gone, say) ends this download, never the
          // process: the stream errs and, under Node's HTTP server, the connection is cut, so the
          // client sees an incomplete download instead of waiting for the rest.
          const next = await batches.next().catch((error: unknown) => {
            logger.error('Export failed while streaming', error);
            controller.error(error);
            (serverContext as { res?: { destroy(error?: Error): void } }).res?.destroy(error as Error);
            return null;
          });
          if (!next) return;
          if (next.done) {
            if (format === 'json') controller.enqueue(encoder.encode(first ? ']' : '\n]\n'));
            controller.close();
            return;
          }
          let text = '';
          for (const member of next.value) {
            const row = Object.fromEntries(COLUMNS.map((column) => [column, inert(member[column])])) as Row;
            text += format === 'csv' ? `${COLUMNS.map((column) => csvCell(row[column])).join(',')}\n` : `${first ? '\n' : ',\n'}${JSON.stringify(row)}`;
            first = false;
          }
          controller.enqueue(encoder.encode(text));
        },
        // The client went away: the statement stops and its connection is given back.
        async cancel() {
          await batches.return(undefined);
        },
      });
      const filename = `${segment.name.replace(/[^A-Za-z0-9_-]+/g, '-')}-members.${format}`;
      return endResponse(
        new fetchAPI.Response(body, {
          headers: {
            'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json',
            'content-disposition': `attachment; filename="${filename}"`,
            'cache-control': 'no-store',
          },
        }),
      );
    },
  };
}
