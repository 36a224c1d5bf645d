// Event types: the shop declares each type of event it sends (name, description, properties
// with their types) before tracking it. Declared properties are all an event may carry, and
// what conditions and the console see.
import { eventPropertyNameSchema, eventTypeNameSchema } from '@cohort/plugin-sdk';
import { z } from 'zod';
import { prisma } from '../db/client.js';
import type { EventType, Prisma } from '../generated/prisma/client.js';
import { ConflictError, InvalidInputError, NotFoundError } from '../shared/errors.js';

export const EVENT_PROPERTY_TYPES = ['STRING', 'NUMBER', 'BOOLEAN', 'INSTANT'] as const;
export type EventPropertyType = (typeof EVENT_PROPERTY_TYPES)[number];

/** The most event types a shop declares, and properties a type declares. */
export const MAX_EVENT_TYPES = 200;
export const MAX_EVENT_PROPERTIES = 50;

const description = z.string().trim().max(500, 'must be at most 500 characters');

export const propertyDeclarationSchema = z.object({ name: eventPropertyNameSchema, type: z.enum(EVENT_PROPERTY_TYPES), description: description.nullish() });
export type PropertyDeclaration = { name: string; type: EventPropertyType; description: string };

const propertiesSchema = z
  .array(propertyDeclarationSchema)
  .max(MAX_EVENT_PROPERTIES, `declare at most ${MAX_EVENT_PROPERTIES} properties`)
  .refine((properties) => new Set(properties.map((property) => property.name)).size === properties.length, { message: 'each property is declared once' });

/** What declaring and updating a type take. */
export const eventTypeInputSchema = z.object({ name: eventTypeNameSchema, description: description.nullish(), properties: propertiesSchema.nullish() });
export type EventTypeInput = z.infer<typeof eventTypeInputSchema>;

/** The declared properties of a stored type. */
export function declaredProperties(eventType: Pick<EventType, 'properties'>): PropertyDeclaration[] {
  return eventType.properties as unknown as PropertyDeclaration[];
}

const stored = (properties: NonNullable<EventTypeInput['properties']>): Prisma.InputJsonValue =>
  properties.map((property) => ({ name: property.name, type: property.type, description: property.description ?? '' }));

export async function declareEventType(input: EventTypeInput): Promise<EventType> {
  return prisma.$transaction(async (tx) => {
    // Serialises declarations, so that two at once cannot both pass the count.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('cohort.event-types'))`;
    if (await tx.eventType.findUnique({ where: { name: input.name } }))
      throw new ConflictError(`Event type "${input.name}" is declared already: change it with updateEventType`);
    if ((await tx.eventType.count()) >= MAX_EVENT_TYPES)
      throw new InvalidInputError(`A shop declares at most ${MAX_EVENT_TYPES} event types`, ['input', 'name']);
    return tx.eventType.create({ data: { name: input.name, description: input.description ?? '', properties: stored(input.properties ?? []) } });
  });
}

/**
 * Changes a type's description or properties. A property keeps its type once declared (stored
 * events hold values of it): one left out is no longer accepted, its stored values stay.
 */
export async function updateEventType(input: EventTypeInput): Promise<EventType> {
  const existing = await prisma.eventType.findUnique({ where: { name: input.name } });
  if (!existing) throw new NotFoundError('EventType', input.name, ['input', 'name']);
  const before = new Map(declaredProperties(existing).map((property) => [property.name, property.type]));
  for (const [index, property] of (input.properties ?? []).entries()) {
    const type = before.get(property.name);
    if (type && type !== property.type)
      throw new InvalidInputError(`Property "${property.name}" is declared as ${type}: a declared property keeps its type (declare a new one)`, [
        'input',
        'properties',
        String(index),
        'type',
      ]);
  }
  return prisma.eventType.update({
    where: { name: input.name },
    data: {
      ...(input.description != null ? { description: input.description } : {}),
      ...(input.properties != null ? { properties: stored(input.properties) } : {}),
    },
  });
}
