// `recordProductViews`: the storefront reports which products shoppers looked at.
import { z } from 'zod';
import type { SchemaParts } from '../schema/builder.js';
import { InvalidInputError, NotFoundError } from '../shared/errors.js';
import { recordProductViews, viewSchema, type ViewData } from './ingest.js';
import { CustomerRefInput } from '../customers/customer.graphql.js';

export function registerProductViewTypes({ builder }: SchemaParts) {
  builder.prismaObject('ProductView', {
    description: 'A product a customer looked at, and when.',
    fields: (t) => ({ product: t.relation('product'), viewedAt: t.expose('viewedAt', { type: 'DateTime' }) }),
  });

  builder.prismaObjectField('Customer', 'productViews', (t) =>
    t.relatedConnection('productViews', {
      cursor: 'id',
      totalCount: true,
      query: () => ({ orderBy: [{ viewedAt: 'desc' }, { id: 'desc' }] }),
      description: 'The products the customer viewed, the latest first.',
    }),
  );

  const ProductViewInput = builder.inputType('ProductViewInput', {
    fields: (t) => ({
      customer: t.field({ type: CustomerRefInput }),
      sku: t.string(),
      viewedAt: t.field({ type: 'DateTime', required: false, description: 'Defaults to now.' }),
    }),
    validate: viewSchema,
  });

  builder.mutationField('recordProductViews', (t) =>
    t.field({
      type: builder.simpleObject('RecordProductViewsPayload', { fields: (f) => ({ count: f.int({ description: 'Views recorded.' }) }) }),
      description: 'Records product views (up to 1000 per call, all or none).',
      authScopes: { storefront: true },
      errors: { types: [NotFoundError, InvalidInputError] },
      args: {
        input: t.arg({
          type: builder.inputType('RecordProductViewsInput', {
            fields: (f) => ({ views: f.field({ type: [ProductViewInput] }) }),
            validate: z.object({ views: z.array(z.unknown()).min(1, 'send at least one view').max(1000, 'send at most 1000 views per call') }),
          }),
        }),
      },
      resolve: async (_root, { input }, context) => ({ count: await recordProductViews(input.views as ViewData[], context.clock.now()) }),
    }),
  );
}
