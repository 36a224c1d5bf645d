// Voucher codes in the API, as admins make and see them: the VoucherCode type, a promotion's
// codes, and createVoucherCodes (the checkout validates and reserves them: checkout/voucher.graphql.ts).
import { z } from 'zod';
import type { SchemaParts } from '../schema/builder.js';
import { badUserInput } from '../schema/bad-input.js';
import { ConflictError, NotFoundError } from '../shared/errors.js';
import type { PeriodicLimit } from '../rules/usage-limits.js';
import { limitsFromInput, periodicLimitsField, PeriodicLimitRef } from './periodic-limit.graphql.js';
import { PromotionNode } from './promotion.graphql.js';
import { createVoucherCodes } from './voucher-codes.js';

export function registerVoucherCodeTypes({ builder }: SchemaParts) {
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
}
