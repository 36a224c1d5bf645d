// trackEvents: a batch of events, checked against the declared types (every problem of the
// batch reported at once as BAD_USER_INPUT, each naming its event's field), stored once per
// event id, then tracked like orders. An event with both a customer and an anonymous id
// identifies the shopper: the events of that anonymous id become the customer's.
import { instantSchema, isStorableInstant, sql } from '@cohort/plugin-sdk';
import { z } from 'zod';
import { resolveCustomerRefs, type CustomerRef } from '../customers/refs.js';
import { prisma, query, queryIn } from '../db/client.js';
import type { InputIssue } from '../schema/bad-input.js';
import { badUserInput } from '../schema/bad-input.js';
import { announceCustomersChanged, promiseTracking } from '../segments/tracking.js';
import { declaredProperties, type EventPropertyType } from './event.js';

/** Events per call. */
export const MAX_EVENTS_PER_CALL = 1_000;
/** Properties per event, a string value's length, and an event's properties as JSON (UTF-8 bytes). */
export const MAX_PROPERTIES_PER_EVENT = 50;
export const MAX_STRING_PROPERTY_LENGTH = 1_000;
export const MAX_PROPERTIES_BYTES = 8_192;

const identifier = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

export const trackedEventSchema = z.object({
  eventId: identifier.nullish(),
  customer: z.object({ id: z.string().nullish(), externalId: z.string().nullish() }).nullish(),
  anonymousId: identifier.nullish(),
  type: z.string(),
  occurredAt: z.date().nullish(),
  properties: z.record(z.string(), z.unknown()).nullish(),
});
export type TrackedEvent = z.infer<typeof trackedEventSchema>;

export const trackEventsSchema = z.object({
  events: z.array(z.unknown()).min(1, 'send at least one event').max(MAX_EVENTS_PER_CALL, `send at most ${MAX_EVENTS_PER_CALL} events per call`),
});

export interface TrackResult {
  /** Events stored by this call. */
  stored: number;
  /** Events whose id was stored already (by an earlier call or earlier in the batch): not stored again. */
  duplicates: number;
  /** Events of anonymous ids that became a customer's. */
  identified: number;
}

const kindOf = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : `a ${typeof value}`);

/** The value as stored if it fits the declared type (instants as ISO strings in UTC), or the reason it does not. */
function checkValue(value: unknown, type: EventPropertyType): { value: string | number | boolean } | { problem: string } {
  switch (type) {
    case 'STRING':
      if (typeof value !== 'string') return { problem: `must be a string (declared STRING), not ${kindOf(value)}` };
      return value.length > MAX_STRING_PROPERTY_LENGTH ? { problem: `must be at most ${MAX_STRING_PROPERTY_LENGTH} characters` } : { value };
    case 'NUMBER':
      return typeof value === 'number' && Number.isFinite(value) ? { value } : { problem: `must be a number (declared NUMBER), not ${kindOf(value)}` };
    case 'BOOLEAN':
      return typeof value === 'boolean' ? { value } : { problem: `must be true or false (declared BOOLEAN), not ${kindOf(value)}` };
    case 'INSTANT': {
      const parsed = typeof value === 'string' ? instantSchema.safeParse(value) : null;
      if (!parsed?.success || !isStorableInstant(parsed.data))
        return { problem: 'must be an ISO 8601 instant with a time zone, e.g. "2026-11-23T10:00:00Z" (declared INSTANT)' };
      return { value: parsed.data.toISOString() };
    }
  }
}

/** Stores a batch of events, all or none. `pathOf` names an event in errors: its place in the mutation's input by default, its place in a batch for an import. */
export async function trackEvents(
  events: TrackedEvent[],
  now: Date,
  pathOf: (index: number) => string[] = (index) => ['input', 'events', String(index)],
): Promise<TrackResult> {
  const path = (index: number, ...rest: string[]) => [...pathOf(index), ...rest];
  const types = new Map(
    (await prisma.eventType.findMany({ where: { name: { in: [...new Set(events.map((event) => event.type))] } } })).map((type) => [
      type.name,
      new Map(declaredProperties(type).map((property) => [property.name, property.type])),
    ]),
  );

  const issues: InputIssue[] = [];
  const issue = (parts: string[], message: string) => issues.push({ path: parts.join('.'), message });
  const rows = events.map((event, index) => {
    // Checked here rather than by the schema: an import's events are read with the same schema and checked by this same function.
    if (event.customer == null && event.anonymousId == null)
      issue(path(index, 'customer'), 'give a customer, an anonymousId, or both (to identify the shopper)');
    const declared = types.get(event.type);
    if (!declared) issue(path(index, 'type'), `event type "${event.type}" is not declared (declare it with declareEventType)`);
    const properties: Record<string, string | number | boolean> = {};
    const given = Object.entries(event.properties ?? {});
    if (given.length > MAX_PROPERTIES_PER_EVENT) issue(path(index, 'properties'), `an event carries at most ${MAX_PROPERTIES_PER_EVENT} properties`);
    else if (declared) {
      for (const [name, value] of given) {
        const type = declared.get(name);
        if (!type) {
          issue(path(index, 'properties', name), `"${event.type}" declares no property "${name}" (it declares ${[...declared.keys()].join(', ') || 'none'})`);
          continue;
        }
        const checked = checkValue(value, type);
        if ('problem' in checked) issue(path(index, 'properties', name), checked.problem);
        else properties[name] = checked.value;
      }
      if (Buffer.byteLength(JSON.stringify(properties)) > MAX_PROPERTIES_BYTES)
        issue(path(index, 'properties'), `an event's properties take at most ${MAX_PROPERTIES_BYTES} bytes as JSON`);
    }
    const occurredAt = event.occurredAt ?? now;
    if (!isStorableInstant(occurredAt)) issue(path(index, 'occurredAt'), 'must be a valid instant between the years 0001 and 9999');
    return { event, index, properties, occurredAt };
  });
  if (issues.length > 0) throw badUserInput(issues);

  const known = rows.filter((row) => row.event.customer);
  const customerIds = await resolveCustomerRefs(
    known.map((row) => row.event.customer as CustomerRef),
    known.map((row) => path(row.index, 'customer')),
  );
  const customerOf = new Map(known.map((row, position) => [row.index, customerIds[position] as string]));
  // A shopper identified before (by an earlier call) keeps being that customer.
  const anonymousOnly = [...new Set(rows.filter((row) => !row.event.customer && row.event.anonymousId != null).map((row) => row.event.anonymousId as string))];
  const earlier =
    anonymousOnly.length === 0
      ? []
      : await query<{ anonymousId: string; customerId: string }>(
          sql`SELECT DISTINCT ON ("anonymousId") "anonymousId", "customerId" FROM "Event" WHERE "anonymousId" = ANY(${anonymousOnly}::text[]) AND "customerId" IS NOT NULL ORDER BY "anonymousId", id DESC`,
        );
  const identifications = new Map([
    ...earlier.map((row): [string, string] => [row.anonymousId, row.customerId]),
    ...known
      .filter((row) => row.event.anonymousId != null)
      .map((row): [string, string] => [row.event.anonymousId as string, customerOf.get(row.index) as string]),
  ]);

  const result = await prisma.$transaction(async (tx) => {
    // Earlier events of a shopper who identifies now become the customer's (those of this batch too: they are written with the customer).
    let identified = 0;
    for (const [anonymousId, customerId] of identifications) {
      identified += (await tx.event.updateMany({ where: { anonymousId, customerId: null }, data: { customerId } })).count;
    }
    const { count } = await tx.event.createMany({
      data: rows.map(({ event, index, properties, occurredAt }) => ({
        externalId: event.eventId ?? null,
        type: event.type,
        customerId: customerOf.get(index) ?? (event.anonymousId != null ? (identifications.get(event.anonymousId) ?? null) : null),
        anonymousId: event.anonymousId ?? null,
        occurredAt,
        properties,
        receivedAt: now,
      })),
      skipDuplicates: true,
    });
    await promiseTracking(queryIn(tx), [...customerIds, ...identifications.values()]);
    return { stored: count, duplicates: events.length - count, identified };
  });
  await announceCustomersChanged([...customerIds, ...identifications.values()]);
  return result;
}
