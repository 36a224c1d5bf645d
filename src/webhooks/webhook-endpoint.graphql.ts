// Webhooks in the API, for admins: endpoints (register, change, disable and re-enable, rotate the
// secret, delete) with their circuit breaker's state, their deliveries with every attempt (the
// delivery log), and redelivery. An endpoint's URL is checked when it is given: well-formed,
// stored as WHATWG URL normalises it, and leading to no private or special address (targets.ts).
import { sql } from '@cohort/plugin-sdk';
import { z } from 'zod';
import { database, prisma } from '../db/client.js';
import { enqueue } from '../jobs/jobs.js';
import type { WebhookAttempt, WebhookDelivery, WebhookEndpoint } from '../generated/prisma/client.js';
import { badUserInput } from '../schema/bad-input.js';
import { EnumRef, ObjectRef } from '@pothos/core';
import { implement, type BuilderTypes, type SchemaPart, type SchemaParts } from '../schema/builder.js';
import { ConflictError, InvalidInputError, NotFoundError } from '../shared/errors.js';
import { circuitState } from './circuit.js';
import { disableEndpoint } from './delivery.js';
import { deliveryJob, WEBHOOK_EVENT_TYPES, type WebhookEventType } from './outbox.js';
import { encryptSecret, newSigningSecret, type SecretsKey } from './secrets.js';
import { resolveTarget, targetPolicy, urlProblem, type TargetPolicy } from './targets.js';
import type { WebhookSettings } from '../config.js';
import { RESPONSE_KEPT_BYTES } from './webhook-request.js';

const enumName = (type: string) => type.replace('.', '_').toUpperCase();

/** How long registering an endpoint waits for DNS; a name that does not resolve (yet) is accepted, and checked at each try. */
const LOOKUP_TIMEOUT_MS = 5_000;

/** An endpoint's URL as stored: well-formed (checked on the raw input), normalised (`new URL(raw).href`). */
const url = z
  .string()
  .max(2_000, 'must be at most 2000 characters')
  .transform((raw, context) => {
    const problem = urlProblem(raw);
    if (problem) {
      context.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }
    return new URL(raw).href;
  })
  .refine((href) => href.length <= 2_000, 'must be at most 2000 characters once normalised');

/**
 * Refuses a URL that leads to a private or special address, naming `input.url`. Not part of the
 * zod schema: the complexity plugin runs argument validation too, and this one asks DNS.
 */
async function checkTarget(href: string, targets: TargetPolicy): Promise<void> {
  const target = await resolveTarget(new URL(href), targets, AbortSignal.timeout(LOOKUP_TIMEOUT_MS)).catch(() => null);
  if (target && 'refused' in target) {
    throw badUserInput([
      {
        path: 'input.url',
        message: `refused: ${target.refused}. Webhooks may not reach private or special addresses unless COHORT_WEBHOOK_ALLOWED_HOSTS names them`,
      },
    ]);
  }
}

const eventTypes = z.array(z.string()).min(1, 'give at least one event type').max(Object.keys(WEBHOOK_EVENT_TYPES).length);
const description = z.string().max(500, 'must be at most 500 characters');

/** What the webhook mutations need: where endpoints may lead, and the key their signing secrets are encrypted with. */
export interface WebhookSchemaOptions {
  targets: TargetPolicy;
  secretsKey: SecretsKey;
}

/** From the configured settings (config.ts); `targets` the allow-list's with the system's DNS unless given. */
export function webhookSchemaOptions(settings: WebhookSettings, targets: TargetPolicy = targetPolicy(settings.allowedHosts)): WebhookSchemaOptions {
  return { targets, secretsKey: settings.secretsKey };
}

const EventTypeEnum = new EnumRef<BuilderTypes, WebhookEventType>('WebhookEventType');
const EndpointNode = new ObjectRef<BuilderTypes, WebhookEndpoint>('WebhookEndpoint');
const DeliveryNode = new ObjectRef<BuilderTypes, WebhookDelivery>('WebhookDelivery');

/** Endpoints, their circuit, their deliveries and attempts, and the endpoints' listing. */
export function registerWebhookTypes({ builder }: SchemaParts) {
  implement(
    builder,
    EventTypeEnum,
    builder.enumType('WebhookEventType', {
      description: 'What a webhook tells. On the wire, the payload\'s `type` is the lower-case, dotted name (SEGMENT_ENTERED: "segment.entered").',
      values: Object.fromEntries(
        Object.entries(WEBHOOK_EVENT_TYPES).map(([type, meaning]) => [enumName(type), { value: type as WebhookEventType, description: meaning }]),
      ),
    }),
  );

  const DeliveryStatusEnum = builder.enumType('WebhookDeliveryStatus', {
    values: {
      PENDING: { description: 'Not delivered yet; a try is scheduled (nextAttemptAt).' },
      SUCCEEDED: { description: 'The receiver answered 2xx.' },
      FAILED: { description: 'Every try failed, or the endpoint was disabled (failureReason).' },
    },
  });

  const Attempt = builder.objectRef<WebhookAttempt>('WebhookAttempt').implement({
    description: 'One HTTP request of a delivery, and what came of it.',
    fields: (t) => ({
      number: t.exposeInt('number', { description: 'The first try is 1.' }),
      manual: t.exposeBoolean('manual', { description: 'Asked for by an admin (redeliverWebhook).' }),
      scheduled: t.exposeBoolean('scheduled', {
        description: "A try of the delivery's schedule, counted towards it (false: manual, or a second run of a try that already had its place).",
      }),
      at: t.expose('at', { type: 'DateTime' }),
      durationMs: t.exposeInt('durationMs'),
      responseStatus: t.exposeInt('responseStatus', { nullable: true, description: 'Null: no answer (timeout, refused connection: see error).' }),
      responseBody: t.exposeString('responseBody', {
        nullable: true,
        description: `The first ${RESPONSE_KEPT_BYTES} bytes of an answer that was not a 2xx; null for a 2xx, and when no request was made.`,
      }),
      error: t.exposeString('error', {
        nullable: true,
        description:
          'Why the try failed with no answer: a timeout, a refused connection, a DNS failure, or "Refused: …" when the target is a private or special address (no connection was made).',
      }),
      nextAttemptAt: t.expose('nextAttemptAt', {
        type: 'DateTime',
        nullable: true,
        description: 'When the next try was scheduled after this one; null: none.',
      }),
      backoffMs: t.int({
        nullable: true,
        description: 'The wait before the next try, from the end of this one (the retry schedule, COHORT_WEBHOOK_RETRIES).',
        resolve: (attempt) => (attempt.nextAttemptAt ? attempt.nextAttemptAt.getTime() - attempt.at.getTime() - attempt.durationMs : null),
      }),
    }),
  });

  const WebhookEventRef = builder.prismaObject('WebhookEvent', {
    description: 'Something that happened, as sent: its id is the `webhook-id` header of every try.',
    fields: (t) => ({
      id: t.exposeString('id', { description: 'The `webhook-id`: the same on every try and redelivery, for receivers to drop duplicates.' }),
      type: t.field({ type: EventTypeEnum, resolve: (event) => event.type as WebhookEventType }),
      payload: t.field({
        type: 'JSONObject',
        description: 'The body sent: { type, timestamp, data }.',
        resolve: (event) => event.payload as Record<string, unknown>,
      }),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
    }),
  });

  implement(
    builder,
    DeliveryNode,
    builder.prismaNode('WebhookDelivery', {
      nullable: true,
      id: { field: 'id' },
      authScopes: { admin: true },
      description: 'One event to one endpoint. Admin only.',
      fields: (t) => ({
        event: t.relation('event', { type: WebhookEventRef }),
        endpoint: t.relation('endpoint', { nullable: true }),
        status: t.field({ type: DeliveryStatusEnum, resolve: (delivery) => delivery.status }),
        attemptCount: t.exposeInt('attemptCount'),
        nextAttemptAt: t.expose('nextAttemptAt', { type: 'DateTime', nullable: true }),
        deliveredAt: t.expose('deliveredAt', { type: 'DateTime', nullable: true }),
        failureReason: t.exposeString('failureReason', { nullable: true }),
        createdAt: t.expose('createdAt', { type: 'DateTime' }),
        attempts: t.field({
          type: [Attempt],
          description: 'Every try, the first first.',
          resolve: (delivery) => prisma.webhookAttempt.findMany({ where: { deliveryId: delivery.id }, orderBy: [{ number: 'asc' }, { id: 'asc' }] }),
        }),
      }),
    }),
  );

  const CircuitStateEnum = builder.enumType('WebhookCircuitState', {
    values: {
      CLOSED: { description: 'Tries are made as their deliveries come due.' },
      OPEN: { description: 'Tries in a row failed: the deliveries are held, untried and with their schedules intact, until openUntil.' },
      HALF_OPEN: {
        description: 'The cool-down is over: the next try is a trial that closes the circuit if the receiver answers, or opens it again for longer.',
      },
    },
  });

  const Circuit = builder.objectRef<{ endpoint: WebhookEndpoint; now: Date }>('WebhookCircuit').implement({
    description:
      "The endpoint's circuit breaker: after COHORT_WEBHOOK_CIRCUIT_FAILURES tries in a row (5 by default) fail (no answer, a refused connection, a DNS failure, 5xx, 429), its deliveries wait out a cool-down (COHORT_WEBHOOK_CIRCUIT_COOLDOWNS) instead of each holding a worker until it times out.",
    fields: (t) => ({
      state: t.field({ type: CircuitStateEnum, resolve: ({ endpoint, now }) => circuitState({ openUntil: endpoint.circuitOpenUntil }, now) }),
      openUntil: t.field({
        type: 'DateTime',
        nullable: true,
        description: 'When the cool-down ends (OPEN) or ended (HALF_OPEN); null when CLOSED.',
        resolve: ({ endpoint }) => endpoint.circuitOpenUntil,
      }),
      consecutiveFailures: t.int({
        description: 'Tries in a row that failed; an answer (any status but 5xx and 429) resets it.',
        resolve: ({ endpoint }) => endpoint.circuitFailures,
      }),
      failingSince: t.field({
        type: 'DateTime',
        nullable: true,
        description: 'When the first of them was made.',
        resolve: ({ endpoint }) => endpoint.circuitFailingSince,
      }),
    }),
  });

  implement(
    builder,
    EndpointNode,
    builder.prismaNode('WebhookEndpoint', {
      nullable: true,
      id: { field: 'id' },
      authScopes: { admin: true },
      description: 'A receiver of webhooks. Its signing secret is encrypted at rest and shown only when created or rotated. Admin only.',
      fields: (t) => ({
        url: t.exposeString('url'),
        description: t.exposeString('description'),
        eventTypes: t.field({ type: [EventTypeEnum], resolve: (endpoint) => endpoint.eventTypes as WebhookEventType[] }),
        enabled: t.boolean({ resolve: (endpoint) => endpoint.disabledAt === null }),
        disabledAt: t.expose('disabledAt', { type: 'DateTime', nullable: true }),
        disabledReason: t.exposeString('disabledReason', { nullable: true, description: 'Why deliveries stopped: repeated failure, 410 Gone, or an admin.' }),
        circuit: t.field({ type: Circuit, resolve: (endpoint, _args, context) => ({ endpoint, now: context.clock.now() }) }),
        createdAt: t.expose('createdAt', { type: 'DateTime' }),
        deliveries: t.relatedConnection('deliveries', {
          cursor: 'id',
          description: 'The delivery log, the newest first.',
          totalCount: true,
          args: { status: t.arg({ type: DeliveryStatusEnum, required: false }) },
          query: (args) => ({ where: args.status ? { status: args.status } : {}, orderBy: { id: 'desc' } }),
        }),
      }),
    }),
  );

  builder.queryField('webhookEndpoints', (t) =>
    t.prismaConnection({
      type: 'WebhookEndpoint',
      cursor: 'id',
      authScopes: { admin: true },
      description: 'Webhook endpoints, the oldest first. Admin only.',
      totalCount: () => prisma.webhookEndpoint.count(),
      resolve: (query) => prisma.webhookEndpoint.findMany({ ...query, orderBy: { id: 'asc' } }),
    }),
  );
}

/** Registering, changing and deleting endpoints and their secrets: where endpoints may lead, and the key their secrets are encrypted with, are the server's. */
export function webhookEndpointMutations(options: WebhookSchemaOptions): SchemaPart {
  return (parts) => registerEndpointMutations(parts, options);
}

function registerEndpointMutations({ builder }: SchemaParts, { targets, secretsKey }: WebhookSchemaOptions) {
  const endpointId = async (id: string, path: string[]) => {
    const endpoint = await prisma.webhookEndpoint.findUnique({ where: { id } });
    if (!endpoint) throw new NotFoundError('WebhookEndpoint', id, path);
    return endpoint;
  };

  const WithSecret = builder.simpleObject('WebhookEndpointWithSecretPayload', {
    fields: (f) => ({
      endpoint: f.field({ type: EndpointNode }),
      secret: f.string({
        description: 'The signing secret ("whsec_…"), for the receiver to verify signatures with a Standard Webhooks library. Shown only now.',
      }),
    }),
  });

  builder.mutationField('createWebhookEndpoint', (t) =>
    t.field({
      type: WithSecret,
      description: 'Registers a receiver for some event types. Needs COHORT_SECRETS_KEY. Admin only.',
      authScopes: { admin: true },
      errors: { types: [InvalidInputError] },
      args: {
        input: t.arg({
          type: builder.inputType('CreateWebhookEndpointInput', {
            fields: (f) => ({
              url: f.string({
                description:
                  'http or https, stored as normalised (WHATWG URL); redirects are not followed. Private and special addresses are refused unless COHORT_WEBHOOK_ALLOWED_HOSTS names them.',
              }),
              eventTypes: f.field({ type: [EventTypeEnum] }),
              description: f.string({ required: false }),
            }),
            validate: z.object({ url, eventTypes, description: description.nullish() }),
          }),
        }),
      },
      resolve: async (_root, { input }) => {
        await checkTarget(input.url, targets);
        const secret = newSigningSecret();
        const endpoint = await prisma.webhookEndpoint.create({
          data: {
            url: input.url,
            eventTypes: [...new Set(input.eventTypes)],
            description: input.description ?? '',
            secretEncrypted: encryptSecret(secretsKey, secret, ['input']),
          },
        });
        return { endpoint, secret };
      },
    }),
  );

  builder.mutationField('updateWebhookEndpoint', (t) =>
    t.field({
      type: builder.simpleObject('UpdateWebhookEndpointPayload', { fields: (f) => ({ endpoint: f.field({ type: EndpointNode }) }) }),
      description:
        'Changes an endpoint. `enabled: false` stops its deliveries (they fail, with the reason); `enabled: true` takes events again from now on (redeliver what it missed). `enabled: true` and a new URL also close its circuit. Admin only.',
      authScopes: { admin: true },
      errors: { types: [NotFoundError, InvalidInputError] },
      args: {
        input: t.arg({
          type: builder.inputType('UpdateWebhookEndpointInput', {
            fields: (f) => ({
              id: f.globalID({ for: EndpointNode }),
              url: f.string({ required: false }),
              eventTypes: f.field({ type: [EventTypeEnum], required: false }),
              description: f.string({ required: false }),
              enabled: f.boolean({ required: false }),
            }),
            validate: z.object({ url: url.nullish(), eventTypes: eventTypes.nullish(), description: description.nullish() }).loose(),
          }),
        }),
      },
      resolve: async (_root, { input }, context) => {
        await endpointId(input.id.id, ['input', 'id']);
        if (input.url) await checkTarget(input.url, targets);
        const now = context.clock.now();
        await database.transaction(async (read) => {
          await read(sql`
            UPDATE "WebhookEndpoint" SET url = COALESCE(${input.url ?? null}, url), "eventTypes" = COALESCE(${input.eventTypes ? [...new Set(input.eventTypes)] : null}::text[], "eventTypes"),
              description = COALESCE(${input.description ?? null}, description), "updatedAt" = ${now.toISOString()}::timestamp
            WHERE id = ${input.id.id} RETURNING id`);
          if (input.enabled === false) await disableEndpoint(read, input.id.id, now, 'Disabled by an admin');
          if (input.enabled === true)
            await read(
              sql`UPDATE "WebhookEndpoint" SET "disabledAt" = NULL, "disabledReason" = NULL WHERE id = ${input.id.id} AND "disabledAt" IS NOT NULL RETURNING id`,
            );
          // A new receiver, or one an admin vouches for again, starts with a closed circuit.
          if (input.url || input.enabled === true) {
            await read(
              sql`UPDATE "WebhookEndpoint" SET "circuitFailures" = 0, "circuitFailingSince" = NULL, "circuitOpenUntil" = NULL, "circuitOpenings" = 0 WHERE id = ${input.id.id} RETURNING id`,
            );
          }
        });
        return { endpoint: await endpointId(input.id.id, ['input', 'id']) };
      },
    }),
  );

  builder.mutationField('rotateWebhookSecret', (t) =>
    t.field({
      type: WithSecret,
      description: 'Gives an endpoint a new signing secret, used from the next try on. Admin only.',
      authScopes: { admin: true },
      errors: { types: [NotFoundError, InvalidInputError] },
      args: { input: t.arg({ type: builder.inputType('RotateWebhookSecretInput', { fields: (f) => ({ id: f.globalID({ for: EndpointNode }) }) }) }) },
      resolve: async (_root, { input }) => {
        await endpointId(input.id.id, ['input', 'id']);
        const secret = newSigningSecret();
        const endpoint = await prisma.webhookEndpoint.update({
          where: { id: input.id.id },
          data: { secretEncrypted: encryptSecret(secretsKey, secret, ['input']) },
        });
        return { endpoint, secret };
      },
    }),
  );

  builder.mutationField('deleteWebhookEndpoint', (t) =>
    t.field({
      type: builder.simpleObject('DeleteWebhookEndpointPayload', { fields: (f) => ({ deletedId: f.id() }) }),
      description: 'Deletes an endpoint with its delivery log; its pending deliveries are not made. Admin only.',
      authScopes: { admin: true },
      errors: { types: [NotFoundError] },
      args: { input: t.arg({ type: builder.inputType('DeleteWebhookEndpointInput', { fields: (f) => ({ id: f.globalID({ for: EndpointNode }) }) }) }) },
      resolve: async (_root, { input }) => {
        await endpointId(input.id.id, ['input', 'id']);
        await prisma.webhookEndpoint.delete({ where: { id: input.id.id } });
        return { deletedId: input.id.id };
      },
    }),
  );
}

export function registerRedeliverWebhook({ builder }: SchemaParts) {
  builder.mutationField('redeliverWebhook', (t) =>
    t.field({
      type: builder.simpleObject('RedeliverWebhookPayload', { fields: (f) => ({ delivery: f.field({ type: DeliveryNode }) }) }),
      description:
        "Sends a delivery again now (or when its endpoint's circuit cool-down ends), once, with the same `webhook-id` (a receiver that was down, a failed delivery), whatever its status; retries still scheduled go on. Its endpoint must be enabled. Admin only.",
      authScopes: { admin: true },
      errors: { types: [NotFoundError, ConflictError] },
      args: { input: t.arg({ type: builder.inputType('RedeliverWebhookInput', { fields: (f) => ({ delivery: f.globalID({ for: DeliveryNode }) }) }) }) },
      resolve: async (_root, { input }, context) => {
        const deliveryId = input.delivery.id;
        const found = await prisma.webhookDelivery.findUnique({ where: { id: deliveryId }, include: { endpoint: true } });
        if (!found) throw new NotFoundError('WebhookDelivery', deliveryId, ['input', 'delivery']);
        if (found.endpoint.disabledAt) throw new ConflictError('The endpoint is disabled: enable it (updateWebhookEndpoint) before redelivering');
        // A try of its own, now: the delivery's schedule, if it still has one, goes on as it was.
        await enqueue(database.query, [deliveryJob(deliveryId, found.endpointId, context.clock.now(), true)]);
        return { delivery: await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } }) };
      },
    }),
  );
}
