// The GraphQL part of custom events: the EventType and CustomerEvent types, declaring and
// listing event types (admin), `trackEvents` (storefront and admin keys), and a customer's
// events (admin and analyst keys only: they may hold personal data).
import { CustomerRefInput } from '../customers/customer.graphql.js';
import { prisma } from '../db/client.js';
import type { SchemaParts } from '../schema/builder.js';
import { ConflictError, InvalidInputError, NotFoundError } from '../shared/errors.js';
import {
  declaredProperties,
  declareEventType,
  EVENT_PROPERTY_TYPES,
  eventTypeInputSchema,
  MAX_EVENT_PROPERTIES,
  updateEventType,
  type EventTypeInput,
  type PropertyDeclaration,
} from './event.js';
import {
  MAX_EVENTS_PER_CALL,
  MAX_PROPERTIES_BYTES,
  MAX_PROPERTIES_PER_EVENT,
  MAX_STRING_PROPERTY_LENGTH,
  trackedEventSchema,
  trackEvents,
  trackEventsSchema,
  type TrackedEvent,
} from './ingest.js';

export function registerEventTypes({ builder }: SchemaParts) {
  const PropertyType = builder.enumType('EventPropertyType', {
    values: EVENT_PROPERTY_TYPES,
    description: 'The type of an event property: STRING, NUMBER (a double), BOOLEAN, or INSTANT (an ISO 8601 instant with a time zone, stored in UTC).',
  });

  const PropertyDeclarationRef = builder.objectRef<PropertyDeclaration>('EventPropertyDeclaration').implement({
    description: 'A property an event type declares.',
    fields: (t) => ({
      name: t.exposeString('name'),
      type: t.field({ type: PropertyType, resolve: (property) => property.type }),
      description: t.exposeString('description'),
    }),
  });

  const EventTypeRef = builder.prismaObject('EventType', {
    description: 'A type of event the shop declared: `trackEvents` accepts its events, with its declared properties only.',
    fields: (t) => ({
      name: t.exposeString('name'),
      description: t.exposeString('description'),
      properties: t.field({ type: [PropertyDeclarationRef], resolve: (eventType) => declaredProperties(eventType) }),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
      updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    }),
  });

  builder.prismaObject('Event', {
    name: 'CustomerEvent',
    description: 'An event of a customer, as the shop tracked it.',
    fields: (t) => ({
      eventId: t.exposeString('externalId', { nullable: true, description: "The shop's id for the event, if it gave one." }),
      type: t.exposeString('type'),
      occurredAt: t.expose('occurredAt', { type: 'DateTime' }),
      properties: t.field({ type: 'JSONObject', resolve: (event) => event.properties as Record<string, unknown> }),
      anonymousId: t.exposeString('anonymousId', { nullable: true, description: 'The anonymous id it was tracked under before the shopper identified.' }),
      receivedAt: t.expose('receivedAt', { type: 'DateTime' }),
    }),
  });

  builder.prismaObjectField('Customer', 'events', (t) =>
    t.relatedConnection('events', {
      cursor: 'id',
      totalCount: true,
      authScopes: { admin: true },
      args: { type: t.arg.string({ required: false, description: 'Only events of this type.' }) },
      query: (args) => ({ where: args.type ? { type: args.type } : {}, orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }] }),
      description: "The customer's custom events, the latest first. Admin and analyst keys only.",
    }),
  );

  builder.queryField('eventTypes', (t) =>
    t.prismaField({
      type: [EventTypeRef],
      description: 'The declared event types, by name. Admin only.',
      authScopes: { admin: true },
      resolve: (query) => prisma.eventType.findMany({ ...query, orderBy: { name: 'asc' } }),
    }),
  );

  const PropertyDeclarationInput = builder.inputType('EventPropertyDeclarationInput', {
    fields: (t) => ({
      name: t.string({ description: 'Letters, digits and _, starting with a letter or _ (at most 64).' }),
      type: t.field({ type: PropertyType }),
      description: t.string({ required: false }),
    }),
  });
  const eventTypeFields = (t: PothosInputFields) => ({
    name: t.string({ description: 'e.g. "email.opened": letters, digits and . _ : -, starting with a letter (at most 100). Never renamed.' }),
    description: t.string({ required: false }),
    properties: t.field({
      type: [PropertyDeclarationInput],
      required: false,
      description: `The properties its events may carry (at most ${MAX_EVENT_PROPERTIES}).`,
    }),
  });
  type PothosInputFields = Parameters<Parameters<typeof builder.inputType>[1]['fields']>[0];
  const EventTypePayload = builder.simpleObject('EventTypePayload', { fields: (f) => ({ eventType: f.field({ type: EventTypeRef }) }) });

  builder.mutationField('declareEventType', (t) =>
    t.field({
      type: EventTypePayload,
      description: 'Declares a type of event, with its properties. Admin only.',
      authScopes: { admin: true },
      errors: { types: [ConflictError, InvalidInputError] },
      args: { input: t.arg({ type: builder.inputType('DeclareEventTypeInput', { fields: eventTypeFields, validate: eventTypeInputSchema }) }) },
      resolve: async (_root, { input }) => ({ eventType: await declareEventType(input as EventTypeInput) }),
    }),
  );

  builder.mutationField('updateEventType', (t) =>
    t.field({
      type: EventTypePayload,
      description:
        "Changes an event type's description or properties (given: the whole list). A declared property keeps its type; one left out is no longer accepted, its stored values stay. Admin only.",
      authScopes: { admin: true },
      errors: { types: [NotFoundError, InvalidInputError] },
      args: { input: t.arg({ type: builder.inputType('UpdateEventTypeInput', { fields: eventTypeFields, validate: eventTypeInputSchema }) }) },
      resolve: async (_root, { input }) => ({ eventType: await updateEventType(input as EventTypeInput) }),
    }),
  );

  const TrackedEventInput = builder.inputType('TrackedEventInput', {
    fields: (t) => ({
      eventId: t.string({ required: false, description: 'Your id for the event (at most 200 characters): the same id sent again is not stored again.' }),
      customer: t.field({
        type: CustomerRefInput,
        required: false,
        description: 'The customer; with anonymousId too, it identifies the shopper: the events of that anonymous id become theirs.',
      }),
      anonymousId: t.string({ required: false, description: "The storefront's id for a shopper not identified yet (at most 200 characters)." }),
      type: t.string({ description: 'A declared event type.' }),
      occurredAt: t.field({ type: 'DateTime', required: false, description: 'Defaults to now. An event dated after now counts from its date.' }),
      properties: t.field({
        type: 'JSONObject',
        required: false,
        description: `The type's declared properties: strings (at most ${MAX_STRING_PROPERTY_LENGTH} characters), numbers, booleans, instants (ISO 8601 strings); at most ${MAX_PROPERTIES_PER_EVENT}, ${MAX_PROPERTIES_BYTES} bytes as JSON.`,
      }),
    }),
    validate: trackedEventSchema,
  });

  builder.mutationField('trackEvents', (t) =>
    t.field({
      type: builder.simpleObject('TrackEventsPayload', {
        fields: (f) => ({
          stored: f.int({ description: 'Events stored by this call.' }),
          duplicates: f.int({ description: 'Events whose eventId was stored already: not stored again.' }),
          identified: f.int({ description: "Earlier events of anonymous ids that became a customer's." }),
        }),
      }),
      description: `Tracks events (up to ${MAX_EVENTS_PER_CALL} per call, all or none): each of a declared type, with its declared properties. An undeclared type, an undeclared property or a value of the wrong type is BAD_USER_INPUT naming it (input.events.<index>.properties.<name>); an unknown customer is NotFoundError.`,
      authScopes: { storefront: true },
      errors: { types: [NotFoundError, InvalidInputError] },
      args: {
        input: t.arg({
          type: builder.inputType('TrackEventsInput', { fields: (f) => ({ events: f.field({ type: [TrackedEventInput] }) }), validate: trackEventsSchema }),
        }),
      },
      resolve: async (_root, { input }, context) => trackEvents(input.events as TrackedEvent[], context.clock.now()),
    }),
  );
}
