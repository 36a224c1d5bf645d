// `redeem` and `rollbackRedemption`: the storefront records what an order got, once.
import { z } from 'zod';
import { eligibilityOf } from './checkout.js';
import { RedemptionStatus } from '../generated/prisma/enums.js';
import type { SchemaParts } from '../schema/builder.js';
import { AlreadyRolledBackError, ConflictError, InvalidInputError, NotFoundError } from '../shared/errors.js';
import { redeem, rollbackRedemptions, type RejectedReason } from './redemptions.js';
import { prisma } from '../db/client.js';
import { foreignKeyViolation } from '../db/errors.js';
import { CustomerRefInput } from '../customers/customer.graphql.js';
import { CartInput, VoucherResultRef } from './eligible-promotions.graphql.js';
import { MoneyRef } from '../schema/money.js';

export function registerRedemptionTypes({ builder, registry }: SchemaParts) {
  const RedemptionStatusEnum = builder.enumType(RedemptionStatus, { name: 'RedemptionStatus' });

  const RedemptionNode = builder.prismaNode('Redemption', {
    nullable: true,
    description: 'What one promotion gave to one order.',
    id: { field: 'id' },
    authScopes: { storefront: true },
    fields: (t) => ({
      promotion: t.relation('promotion'),
      orderRef: t.exposeString('orderRef'),
      status: t.expose('status', { type: RedemptionStatusEnum }),
      discount: t.field({ type: MoneyRef, resolve: (redemption) => ({ amount: redemption.discountAmount, currency: redemption.currency }) }),
      redeemedAt: t.expose('redeemedAt', { type: 'DateTime' }),
      rolledBackAt: t.expose('rolledBackAt', { type: 'DateTime', nullable: true }),
    }),
  });

  const RejectedReasonEnum = builder.enumType('RedemptionRejectedReason', {
    values: {
      LIMIT_REACHED: { description: 'A usage limit was reached between pricing and redeeming.' },
      BUDGET_SPENT: { description: "The promotion's budget cannot cover this discount any more." },
    } satisfies Record<RejectedReason, { description: string }>,
  });

  const RejectedRedemption = builder.objectRef<{ promotionId: string; reason: RejectedReason }>('RejectedRedemption').implement({
    fields: (t) => ({
      promotion: t.prismaField({
        type: 'Promotion',
        resolve: (query, rejected) => prisma.promotion.findUniqueOrThrow({ ...query, where: { id: rejected.promotionId } }),
      }),
      reason: t.field({ type: RejectedReasonEnum, resolve: (rejected) => rejected.reason }),
    }),
  });

  const RedeemInput = builder.inputType('RedeemInput', {
    description: 'The order as placed: Cohort prices it again and records what each promotion gave.',
    fields: (t) => ({
      orderRef: t.string({ description: "The shop's order id: an order is redeemed at most once." }),
      idempotencyKey: t.string({ required: false, description: 'Retries with the same key return the first result; defaults to orderRef.' }),
      customer: t.field({ type: CustomerRefInput, required: false }),
      cart: t.field({ type: CartInput }),
      voucherCodes: t.stringList({ required: false, description: 'Codes the shopper entered.' }),
      cartRef: t.string({ required: false, description: 'The cart the order came from: its code reservations are used up.' }),
    }),
    validate: z
      .object({ orderRef: z.string().trim().min(1, 'must not be empty').max(200), idempotencyKey: z.string().trim().min(1).max(200).nullish() })
      .passthrough(),
  });

  builder.mutationField('redeem', (t) =>
    t.field({
      type: builder.simpleObject('RedeemPayload', {
        fields: (f) => ({
          redemptions: f.field({ type: [RedemptionNode] }),
          rejected: f.field({
            type: [RejectedRedemption],
            description: 'Promotions that applied when priced but hit a limit before this order could record them: re-price the order.',
          }),
          vouchers: f.field({ type: [VoucherResultRef], description: 'Each voucher code sent: applied, or the reason it gave nothing.' }),
          replayed: f.boolean({ description: 'True when this order was already redeemed: nothing new was recorded.' }),
        }),
      }),
      description:
        'Records the promotions an order got, exactly once, within every usage limit and budget. A retry of the same order returns what was recorded (replayed: true); an idempotency key already used for another order is a ConflictError. Under contention the call may fail with code BUSY and `retryAfterSeconds`: retry it with the same orderRef, which either records the order or returns what was recorded.',
      authScopes: { storefront: true },
      complexity: 1_000,
      errors: { types: [NotFoundError, InvalidInputError, ConflictError] },
      args: { input: t.arg({ type: RedeemInput }) },
      resolve: async (_root, { input }, context) => {
        const { customerId, eligibility } = await eligibilityOf(input, context, { cartRef: input.cartRef ?? input.orderRef });
        return redeem({
          orderRef: input.orderRef,
          idempotencyKey: input.idempotencyKey ?? input.orderRef,
          customerId,
          eligibility,
          clock: context.clock,
          cartRef: input.cartRef,
        }).catch((error: unknown) => {
          // The customer was erased between the lookup and the write: as if never found.
          const ref = input.customer;
          if (customerId !== null && ref && foreignKeyViolation(error))
            throw new NotFoundError('Customer', ref.id ?? ref.externalId ?? '', ['input', 'customer', ref.id ? 'id' : 'externalId']);
          throw error;
        });
      },
    }),
  );

  builder.mutationField('rollbackRedemption', (t) =>
    t.field({
      type: builder.simpleObject('RollbackRedemptionPayload', {
        fields: (f) => ({ redemptions: f.field({ type: [RedemptionNode], description: 'The redemptions rolled back now.' }) }),
      }),
      description:
        "Gives a cancelled order's redemptions back to the promotions' limits and budgets. An order with no redemption recorded is a NotFoundError; a second rollback of the same order is an AlreadyRolledBackError (nothing changes).",
      authScopes: { storefront: true },
      errors: { types: [NotFoundError, AlreadyRolledBackError] },
      args: { input: t.arg({ type: builder.inputType('RollbackRedemptionInput', { fields: (f) => ({ orderRef: f.string() }) }) }) },
      resolve: async (_root, { input }, context) => ({ redemptions: await rollbackRedemptions(input.orderRef, context.clock) }),
    }),
  );
}
