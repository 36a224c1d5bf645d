// Everything Cohort holds about one customer, as one JSON document (the right of access):
// the profile, addresses, orders, redemptions, behaviour, segments, membership history,
// experiment arms, voucher holds, and the webhook events and audit entries that name them.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { sql } from '@cohort/plugin-sdk';
import { prisma, query } from '../db/client.js';
import { auditNamesThem, eventNamesThem, type Person } from './mentions.js';

/** The customer's data, or null when there is no such customer (an erased one included). */
export async function customerDataExport(customerId: string, now: Date): Promise<Record<string, unknown> | null> {
  const customer = await prisma.customer.findFirst({ where: { id: customerId, erasedAt: null }, include: { addresses: true } });
  if (!customer) return null;
  const where = { customerId };
  const globalId = encodeGlobalID('Customer', customerId);
  const { addresses, erasedAt: _erasedAt, ...profile } = customer;
  // One after the other: the reads are few, and a large history should not take every connection.
  const orders = await prisma.order.findMany({
    where,
    include: { lines: { include: { product: { select: { sku: true, name: true } } } } },
    orderBy: { placedAt: 'asc' },
  });
  const redemptions = await prisma.redemption.findMany({
    where,
    include: { promotion: { select: { name: true } }, voucherCode: { select: { code: true } } },
    orderBy: { redeemedAt: 'asc' },
  });
  const productViews = await prisma.productView.findMany({ where, include: { product: { select: { sku: true } } }, orderBy: { viewedAt: 'asc' } });
  const carts = await prisma.cart.findMany({
    where,
    include: { lines: { include: { product: { select: { sku: true } } } } },
    orderBy: { lastActivityAt: 'asc' },
  });
  const wishlist = await prisma.wishlistItem.findMany({ where, include: { product: { select: { sku: true } } }, orderBy: { addedAt: 'asc' } });
  const events = await prisma.event.findMany({ where, orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }] });
  const segments = await prisma.segmentMember.findMany({ where, include: { segment: { select: { name: true } } } });
  const staticSegments = await prisma.staticSegmentMember.findMany({ where, include: { segment: { select: { name: true } } } });
  const membershipHistory = await prisma.segmentMembershipEvent.findMany({ where, include: { segment: { select: { name: true } } }, orderBy: { at: 'asc' } });
  const experiments = await prisma.experimentAssignment.findMany({ where, include: { experiment: { select: { promotion: { select: { name: true } } } } } });
  const voucherReservations = await prisma.voucherReservation.findMany({ where, include: { voucherCode: { select: { code: true } } } });
  const person: Person = { internalId: customerId, globalId, externalId: customer.externalId, email: customer.email };
  const webhookEvents = await query<{ id: string; type: string; createdAt: Date; payload: unknown }>(
    sql`SELECT id, type, "createdAt", payload FROM "WebhookEvent" WHERE ${eventNamesThem(person)} ORDER BY "createdAt", id`,
  );
  const auditEntries = await query<{
    id: string;
    at: Date;
    apiKeyName: string;
    operation: string;
    outcome: string;
    input: unknown;
    before: unknown;
    after: unknown;
  }>(sql`SELECT id, at, "apiKeyName", operation, outcome, input, before, after FROM "AuditEntry" WHERE ${auditNamesThem(person)} ORDER BY at, id`);
  return plain({
    exportedAt: now,
    customer: { globalId, ...profile },
    addresses,
    orders: orders.map(({ lines, ...order }) => ({
      ...order,
      lines: lines.map(({ product, ...line }) => ({ ...line, sku: product.sku, productName: product.name })),
    })),
    redemptions: redemptions.map(({ promotion, voucherCode, ...redemption }) => ({
      ...redemption,
      promotionName: promotion.name,
      voucherCode: voucherCode?.code ?? null,
    })),
    productViews: productViews.map(({ product, ...view }) => ({ ...view, sku: product.sku })),
    carts: carts.map(({ lines, ...cart }) => ({ ...cart, lines: lines.map(({ product, ...line }) => ({ ...line, sku: product.sku })) })),
    wishlist: wishlist.map(({ product, ...item }) => ({ ...item, sku: product.sku })),
    events,
    segments: [
      ...segments.map(({ segment, segmentId, since }) => ({ segmentId, name: segment.name, kind: 'DYNAMIC', since })),
      ...staticSegments.map(({ segment, segmentId, addedAt }) => ({ segmentId, name: segment.name, kind: 'STATIC', since: addedAt })),
    ],
    membershipHistory: membershipHistory.map(({ segment, ...event }) => ({ ...event, segmentName: segment.name })),
    experiments: experiments.map(({ experiment, ...assignment }) => ({ ...assignment, promotionName: experiment.promotion.name })),
    voucherReservations: voucherReservations.map(({ voucherCode, ...reservation }) => ({ ...reservation, code: voucherCode.code })),
    webhookEvents,
    auditEntries,
  });
}

/** JSON as a client receives it: dates as ISO strings, big integers as strings. */
function plain(value: unknown): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? item.toString() : item))) as Record<string, unknown>;
}
