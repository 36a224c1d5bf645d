// Plugins come from configuration: a partner module named in COHORT_PLUGINS adds its
// condition to the GraphQL schema and works in segments like a built-in one.
import { beforeAll, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.COHORT_PLUGINS = './examples/shipping-method/index.ts';
});

const { createTestClient } = await import('../support/http.js');
const { loadPluginRegistry } = await import('../../src/registry/load.js');
const { prisma } = await import('../../src/db/client.js');

describe('a partner plugin loaded through configuration', () => {
  let client: Awaited<ReturnType<typeof createTestClient>>;

  beforeAll(async () => {
    client = await createTestClient();
  });

  it('adds its typed input to ConditionInput', async () => {
    const result = await client.request(`{ __type(name: "ShippingMethodUsedConditionInput") { inputFields { name type { kind name ofType { name } } } } }`);
    const fields = result.data.__type.inputFields.map((field: { name: string }) => field.name);
    expect(fields).toEqual(['methods', 'minOrders', 'within']);
  });

  it('works in a segment like a built-in condition', async () => {
    const customer = await prisma.customer.create({ data: { externalId: 'config-1', registeredAt: new Date('2024-01-01T00:00:00Z') } });
    const product = await prisma.product.create({ data: { sku: 'CONFIG-TEE', name: 'Tee', price: 2000, currency: 'EUR' } });
    await prisma.order.create({
      data: {
        externalId: 'config-order-1',
        customerId: customer.id,
        status: 'VALIDATED',
        placedAt: new Date(),
        currency: 'EUR',
        subtotal: 2000,
        total: 2000,
        shippingMethod: 'SoColissimo',
        lines: { create: [{ productId: product.id, quantity: 1, unitPrice: 2000, lineTotal: 2000 }] },
      },
    });
    const result = await client.request(
      `mutation ($input: CreateSegmentInput!) { createSegment(input: $input) { ... on MutationCreateSegmentSuccess { data { segment { memberCount ruleDescription } } } } }`,
      { input: { name: 'SoColissimo customers', rule: { condition: { shippingMethodUsed: { methods: ['socolissimo'] } } } } },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.createSegment.data.segment).toEqual({ memberCount: 1, ruleDescription: 'had an order delivered by socolissimo at any time' });
  });

  it('refuses a plugin configured twice', async () => {
    await expect(loadPluginRegistry(['./examples/shipping-method/index.ts', './examples/shipping-method/index.ts'])).rejects.toThrow('Two plugins are named "example-shipping-method"');
  });

  it('refuses a module that does not export a plugin', async () => {
    await expect(loadPluginRegistry(['./src/shared/money.ts'])).rejects.toThrow('must export a plugin made with definePlugin()');
  });
});
