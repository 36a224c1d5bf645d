// Order statuses in GraphQL, and the rule for which orders count as purchases.
import { z } from 'zod';
import { OrderStatus } from '../generated/prisma/enums.js';
import { builder } from '../schema/builder.js';

export const OrderStatusEnum = builder.enumType(OrderStatus, {
  name: 'OrderStatus',
  description: 'PENDING: placed, not yet paid or confirmed. VALIDATED: a purchase. CANCELLED and REFUNDED: not (or no longer) a purchase.',
});

/** The statuses a purchase-history condition counts; by default only validated orders are purchases. */
export const orderStatusesSchema = z.preprocess((value) => value ?? undefined, z.array(z.enum(OrderStatus)).min(1, 'name at least one status').default(['VALIDATED']));
