// Erasing one customer (the right to be forgotten): everything Cohort holds about the person
// goes, in one transaction; the shop's orders and redemptions stay, detached from them.
//
// The customer's row becomes an anonymous placeholder under a new, random id that nobody has
// seen: every column of personal data is cleared, its external id becomes `erased:<new id>`,
// and the orders, redemptions and experiment assignments follow the new id (their foreign keys
// cascade on update). So per-customer counts (usage limits, reports, experiment results) stay
// exactly what they were, while nothing links them to the person, and the shop's external id is
// free: ingesting it again creates a new, unrelated customer. Placeholders are in no list, no
// customer reference finds them, and segments and plugins do not see them (the
// cohort_v1.customers view leaves them out); an order's `customer` field shows one, empty.
import { sql } from '@cohort/plugin-sdk';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { v7 as uuidv7 } from 'uuid';
import { prisma, queryIn } from '../db/client.js';
import type { QueryRows } from '../db/sql.js';
import { cancel } from '../jobs/jobs.js';
import { membershipDueKey } from '../segments/tracking.js';
import { emitCustomerErased } from '../webhooks/outbox.js';
import { auditNamesThem, eventNamesThem, quotesThem, type Person } from './mentions.js';

export interface Erasure {
  /** The erased customer's global ID, as earlier webhook events carried it (and customer.erased does). */
  erasedId: string;
  /** The shop's orders and redemptions kept, detached from the person. */
  ordersKept: number;
  redemptionsKept: number;
}

/** What a log line or a stored document says in place of what was about an erased customer. */
export const REDACTED = '[redacted: customer erased]';

/** Erases the customer with this (internal) id, or returns null when there is none (an erased one included). */
export async function eraseCustomer(customerId: string, now: Date): Promise<Erasure | null> {
  return prisma.$transaction(
    async (tx) => {
      const read = queryIn(tx);
      // Held until the end: an ingestion of the same customer waits, then finds the external id free.
      const [customer] = await read<{ id: string; externalId: string; email: string | null }>(
        sql`SELECT id, "externalId", email FROM "Customer" WHERE id = ${customerId} AND "erasedAt" IS NULL FOR UPDATE`,
      );
      if (!customer) return null;
      const erasedId = encodeGlobalID('Customer', customer.id);
      const where = { customerId: customer.id };
      // Behaviour and memberships: the person's alone.
      await tx.address.deleteMany({ where });
      await tx.productView.deleteMany({ where });
      await tx.cart.deleteMany({ where });
      await tx.wishlistItem.deleteMany({ where });
      await tx.event.deleteMany({ where });
      await tx.staticSegmentMember.deleteMany({ where });
      await tx.segmentMember.deleteMany({ where });
      await tx.segmentMembershipEvent.deleteMany({ where });
      await tx.membershipDue.deleteMany({ where });
      await tx.voucherReservation.deleteMany({ where });
      await cancel(read, [membershipDueKey(customer.id)]);
      await forgetInLogs(read, { internalId: customer.id, globalId: erasedId, externalId: customer.externalId, email: customer.email });
      // The placeholder: a new id (orders, redemptions and assignments follow it), no personal data.
      const placeholderId = uuidv7();
      await tx.customer.update({
        where: { id: customer.id },
        data: {
          id: placeholderId,
          externalId: `erased:${placeholderId}`,
          email: null,
          firstName: null,
          lastName: null,
          phone: null,
          dateOfBirth: null,
          category: null,
          groups: [],
          tags: [],
          registeredAt: now,
          status: 'DEACTIVATED',
          newsletterSubscribed: false,
          marketingConsent: false,
          marketingChannels: [],
          referralSource: null,
          loyaltyMember: false,
          loyaltyTier: null,
          customFields: {},
          createdAt: now,
          erasedAt: now,
        },
      });
      await emitCustomerErased(read, erasedId, now);
      const [ordersKept, redemptionsKept] = [
        await tx.order.count({ where: { customerId: placeholderId } }),
        await tx.redemption.count({ where: { customerId: placeholderId } }),
      ];
      return { erasedId, ordersKept, redemptionsKept };
    },
    { maxWait: 10_000, timeout: 120_000 },
  );
}

/**
 * Removes the person from the webhook log and the audit log. Events about their segments go
 * with their deliveries and tries; a redemption's event keeps the shop's side, its `customer`
 * set to null as for a guest; any other event that names them (mentions.ts: by their ids, or a
 * `data.customer` that is theirs) goes, and no other. A receiver's answer or a failure text that
 * quotes their ids is redacted, and so is one of their own events' that quotes their external id
 * or email; the input and the snapshots of an audit entry that names them are redacted.
 */
async function forgetInLogs(read: QueryRows, person: Person): Promise<void> {
  const ownEvents = (await read<{ id: string }>(sql`SELECT id FROM "WebhookEvent" WHERE ${eventNamesThem(person)}`)).map((row) => row.id);
  const ownDeliveries = sql`"deliveryId" IN (SELECT id FROM "WebhookDelivery" WHERE "eventId" = ANY(${ownEvents}::text[]))`;
  await read(sql`UPDATE "WebhookAttempt" SET "responseBody" = ${REDACTED} WHERE ${quotesThem(person, '"responseBody"', ownDeliveries)} RETURNING id`);
  await read(sql`UPDATE "WebhookAttempt" SET error = ${REDACTED} WHERE ${quotesThem(person, 'error', ownDeliveries)} RETURNING id`);
  await read(
    sql`UPDATE "WebhookDelivery" SET "failureReason" = ${REDACTED} WHERE ${quotesThem(person, '"failureReason"', sql`"eventId" = ANY(${ownEvents}::text[])`)} RETURNING id`,
  );
  // An endpoint's reason is the failure of its last delivery: theirs if it delivered their events.
  const deliveredTheirs = sql`id IN (SELECT "endpointId" FROM "WebhookDelivery" WHERE "eventId" = ANY(${ownEvents}::text[]))`;
  await read(sql`UPDATE "WebhookEndpoint" SET "disabledReason" = ${REDACTED} WHERE ${quotesThem(person, '"disabledReason"', deliveredTheirs)} RETURNING id`);
  await read(
    sql`DELETE FROM "WebhookEvent" WHERE type IN ('segment.entered', 'segment.left') AND id = ANY(${ownEvents}::text[]) AND payload #>> '{data,customer,id}' = ${person.globalId} RETURNING id`,
  );
  await read(
    sql`UPDATE "WebhookEvent" SET payload = jsonb_set(payload, '{data,customer}', 'null'::jsonb) WHERE id = ANY(${ownEvents}::text[]) AND payload #>> '{data,customer,id}' = ${person.globalId} RETURNING id`,
  );
  await read(sql`DELETE FROM "WebhookEvent" WHERE id = ANY(${ownEvents}::text[]) AND ${eventNamesThem(person)} RETURNING id`);
  const redacted = JSON.stringify({ redacted: REDACTED });
  await read(sql`UPDATE "AuditEntry" SET input = ${redacted}::jsonb, before = NULL, after = NULL WHERE ${auditNamesThem(person)} RETURNING id`);
}
