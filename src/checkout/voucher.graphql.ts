// Voucher codes at the checkout in the API: validation and reservation (storefront). Admins create them in promotions/voucher-code.graphql.ts.
import { z } from 'zod';
import type { CustomerRef } from '../customers/refs.js';
import type { CartInput as CartInputData } from './load.js';
import type { RequestContext } from '../server/request-context.js';
import { eligibilityOf } from './checkout.js';
import type { SchemaParts } from '../schema/builder.js';
import { badUserInput } from '../schema/bad-input.js';
import { InvalidInputError, NotFoundError } from '../shared/errors.js';
import { checkCodes, reserveCode } from './vouchers.js';
import { CustomerRefInput } from '../customers/customer.graphql.js';
import { CartInput, VoucherResultRef } from './eligible-promotions.graphql.js';

export function registerVoucherTypes({ builder, registry }: SchemaParts) {
  const VoucherCheckInput = builder.inputType('VoucherCheckInput', {
    fields: (t) => ({
      code: t.string(),
      customer: t.field({ type: CustomerRefInput, required: false, description: 'Required when the promotion targets segments.' }),
      cart: t.field({ type: CartInput }),
      cartRef: t.string({ required: false, description: "The storefront's cart id (to use and to hold reservations)." }),
    }),
  });

  async function checkVoucher(input: { code: string; customer?: CustomerRef | null; cart: CartInputData; cartRef?: string | null }, context: RequestContext) {
    const { customerId, eligibility } = await eligibilityOf({ ...input, voucherCodes: [input.code] }, context);
    return { customerId, eligibility, result: eligibility.vouchers[0]! };
  }

  builder.queryField('validateVoucher', (t) =>
    t.field({
      type: VoucherResultRef,
      description:
        "Would this code apply to this cart for this customer now, and if not, why not? No side effects, but for storing a customer's first exposure to a promotion's running experiment.",
      authScopes: { storefront: true },
      complexity: 1_000,
      errors: { types: [NotFoundError, InvalidInputError] },
      args: { input: t.arg({ type: VoucherCheckInput }) },
      resolve: async (_root, { input }, context) => (await checkVoucher(input, context)).result,
    }),
  );

  builder.mutationField('reserveVoucher', (t) =>
    t.field({
      type: builder.simpleObject('ReserveVoucherPayload', {
        fields: (f) => ({
          voucher: f.field({ type: VoucherResultRef }),
          reservedUntil: f.field({ type: 'DateTime', nullable: true, description: 'Null when the code does not apply.' }),
        }),
      }),
      description: 'Validates a code and holds one of its uses for this cart for a while, so the shopper is not overtaken before paying.',
      authScopes: { storefront: true },
      errors: { types: [NotFoundError, InvalidInputError] },
      args: {
        input: t.arg({ type: VoucherCheckInput }),
        minutes: t.arg.int({
          required: false,
          description: 'How long to hold it; defaults to 15, at most 120.',
          validate: z.number().int().min(1).max(120).nullish(),
        }),
      },
      resolve: async (_root, { input, minutes }, context) => {
        if (!input.cartRef) throw badUserInput([{ path: 'input.cartRef', message: 'a reservation needs the cart id' }]);
        const { customerId, result } = await checkVoucher(input, context);
        if (!result.applied) return { voucher: result, reservedUntil: null };
        const [check] = (await checkCodes([input.code], input.cartRef, customerId, context.clock.now())).values();
        const until = new Date(context.clock.now().getTime() + (minutes ?? 15) * 60_000);
        await reserveCode(check!.voucher!, input.cartRef, customerId, until);
        return { voucher: result, reservedUntil: until };
      },
    }),
  );
}
