// Shop-wide settings in the API: read by storefronts, changed by admins.
import { z } from 'zod';
import { prisma } from '../db/client.js';
import type { SchemaParts } from '../schema/builder.js';
import { changeBus } from '../shared/change-bus.js';
import { currencySchema } from '../shared/money.js';
import { UnknownCustomerPolicy } from '../generated/prisma/enums.js';

export function registerShopSettingsTypes({ builder }: SchemaParts) {
  const UnknownCustomerPolicyEnum = builder.enumType(UnknownCustomerPolicy, {
    name: 'UnknownCustomerPolicy',
    description:
      "What the storefront's questions (eligiblePromotions, validateVoucher, redeem) do with a customer Cohort does not know yet, as when a sign-up is synced a minute late. ANONYMOUS (the default): answer as for an anonymous shopper, with customerKnown: false. ERROR: answer NotFoundError.",
  });

  const ShopSettingsRef = builder.prismaObject('ShopSettings', {
    authScopes: { storefront: true },
    fields: (t) => ({
      defaultCurrency: t.exposeString('defaultCurrency'),
      timeZone: t.exposeString('timeZone', { description: 'IANA time zone for calendar questions: birthdays, days of the week, schedules.' }),
      cartAbandonmentMinutes: t.exposeInt('cartAbandonmentMinutes', { description: 'An open cart untouched this long counts as abandoned.' }),
      unknownCustomers: t.expose('unknownCustomers', { type: UnknownCustomerPolicyEnum }),
    }),
  });

  // The single row is written with `id` in both `where` and `create`, so Prisma upserts natively
  // (INSERT … ON CONFLICT): concurrent first writes cannot collide on the key.
  const readSettings = () => prisma.shopSettings.upsert({ where: { id: 1 }, create: { id: 1 }, update: {} });

  builder.queryField('shopSettings', (t) => t.field({ type: ShopSettingsRef, authScopes: { storefront: true }, resolve: readSettings }));

  const knownTimeZones = new Set(Intl.supportedValuesOf('timeZone'));

  builder.mutationField('updateShopSettings', (t) =>
    t.field({
      type: builder.simpleObject('UpdateShopSettingsPayload', { fields: (f) => ({ shopSettings: f.field({ type: ShopSettingsRef }) }) }),
      authScopes: { admin: true },
      errors: { types: [] },
      args: {
        input: t.arg({
          type: builder.inputType('UpdateShopSettingsInput', {
            fields: (f) => ({
              defaultCurrency: f.string({ required: false, validate: currencySchema }),
              timeZone: f.string({
                required: false,
                validate: z.string().refine((zone) => knownTimeZones.has(zone) || zone === 'UTC', 'is not an IANA time zone, e.g. "Europe/Paris"'),
              }),
              cartAbandonmentMinutes: f.int({
                required: false,
                validate: z.number().int().min(1, 'must be at least 1 minute').max(43_200, 'must be at most 30 days'),
              }),
              unknownCustomers: f.field({ type: UnknownCustomerPolicyEnum, required: false }),
            }),
          }),
        }),
      },
      resolve: async (_root, { input }) => {
        const data = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== null && value !== undefined));
        const shopSettings = await prisma.shopSettings.upsert({ where: { id: 1 }, create: { ...data, id: 1 }, update: data });
        await changeBus().announce('settings', null);
        return { shopSettings };
      },
    }),
  );
}
