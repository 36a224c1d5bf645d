// Voucher codes in the API: creation (admin), validation and reservation (storefront).
import { z } from 'zod';
import type { CustomerRef } from '../customers/refs.js';
import type { CartInput as CartInputData } from './load.js';
import type { RequestContext } from '../schema/request-context.js';
import { eligibilityOf } from './checkout.js';
import type { SchemaParts } from '../schema/builder.js';
import { badUserInput } from '../schema/bad-input.js';
import { ConflictError, InvalidInputError, NotFoundError } from '../shared/errors.js';
import { limitsFromInput, periodicLimitsField, PeriodicLimitRef } from '../promotions/periodic-limit.graphql.js';
import type { PeriodicLimit } from '../rules/usage-limits.js';
import { checkCodes, createVoucherCodes, reserveCode } from './vouchers.js';
import { CustomerRefInput } from '../customers/customer.graphql.js';
import { CartInput, VoucherResultRef } from './eligible-promotions.graphql.js';
import { PromotionNode } from '../promotions/promotion.graphql.js';

export function registerVoucherTypes({ builder, registry }: SchemaParts) {
  const VoucherCodeNode = builder.prismaNode('VoucherCode', {
    nullable: true,
    id: { field: 'id' },
    authScopes: { admin: true },
    fields: (t) => ({
      code: t.exposeString('code'),
      promotion: t.relation('promotion'),
      batch: t.exposeString('batch', { nullable: true }),
      usageLimit: t.exposeInt('usageLimit', { nullable: true }),
      usageLimitPerCustomer: t.exposeInt('usageLimitPerCustomer', { nullable: true }),
      periodicLimits: t.field({ type: [PeriodicLimitRef], resolve: (voucher) => voucher.periodicLimits as PeriodicLimit[] }),
      redemptionCount: t.exposeInt('redemptionCount'),
      expiresAt: t.expose('expiresAt', { type: 'DateTime', nullable: true }),
    }),
  });

  builder.prismaObjectField('Promotion', 'voucherCodes', (t) =>
    t.relatedConnection('voucherCodes', { cursor: 'id', totalCount: true, authScopes: { admin: true } }),
  );

  const positive = z.number().int().positive('must be more than 0').nullish();

  const CreateVoucherCodesInput = builder.inputType('CreateVoucherCodesInput', {
    description: 'Either codes you choose, or a number of unique codes to generate.',
    fields: (t) => ({
      promotion: t.globalID({ for: PromotionNode }),
      codes: t.stringList({ required: false, description: 'Codes to create, e.g. ["WELCOME10"]; matched case-insensitively.' }),
      generate: t.field({
        type: builder.inputType('GenerateVoucherCodesInput', {
          fields: (f) => ({
            count: f.int({ validate: z.number().int().min(1, 'must be at least 1').max(100_000, 'at most 100,000 codes per call') }),
            prefix: f.string({
              required: false,
              validate: z
                .string()
                .regex(/^[A-Za-z0-9-]{0,20}$/, 'letters, digits and - only')
                .nullish(),
            }),
            length: f.int({
              required: false,
              description: 'Random characters after the prefix; defaults to 10.',
              validate: z.number().int().min(6, 'at least 6').max(32).nullish(),
            }),
          }),
        }),
        required: false,
      }),
      usageLimit: t.int({ required: false, description: 'Uses per code.', validate: positive }),
      usageLimitPerCustomer: t.int({ required: false, validate: positive }),
      periodicLimits: periodicLimitsField(t),
      expiresAt: t.field({ type: 'DateTime', required: false }),
    }),
  });

  builder.mutationField('createVoucherCodes', (t) =>
    t.field({
      type: builder.simpleObject('CreateVoucherCodesPayload', { fields: (f) => ({ codes: f.field({ type: [VoucherCodeNode] }) }) }),
      authScopes: { admin: true },
      errors: { types: [NotFoundError, ConflictError] },
      args: { input: t.arg({ type: CreateVoucherCodesInput }) },
      resolve: async (_root, { input }) => {
        if (!input.codes?.length === !input.generate) throw badUserInput([{ path: 'input', message: 'give either codes or generate' }]);
        const invalid = (input.codes ?? []).findIndex((code) => !/^[A-Za-z0-9-]{3,40}$/.test(code.trim()));
        if (invalid >= 0) throw badUserInput([{ path: `input.codes.${invalid}`, message: 'codes are 3 to 40 letters, digits and -' }]);
        return { codes: await createVoucherCodes(input.promotion.id, input, { ...input, periodicLimits: limitsFromInput(input.periodicLimits) }) };
      },
    }),
  );

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
      description: 'Would this code apply to this cart for this customer now, and if not, why not? No side effects.',
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
