// Plugins come from configuration: a partner module named in COHORT_PLUGINS adds its
// condition to the GraphQL schema and works in segments like a built-in one. A server is
// built for its plugins: two servers with different plugin sets live side by side.
import { beforeAll, describe, expect, it } from 'vitest';
import { builtinPlugins } from '../../plugins/index.js';
import { prisma } from '../../src/db/client.js';
import { loadConfig } from '../../src/config.js';
import { configuredRegistry } from '../../src/registry/load.js';
import { createTestClient } from '../support/http.js';

const configured = (plugins: string) => configuredRegistry(builtinPlugins, loadConfig({ COHORT_PLUGINS: plugins }).plugins);

describe('a partner plugin loaded through configuration', () => {
  let client: Awaited<ReturnType<typeof createTestClient>>;

  beforeAll(async () => {
    client = await createTestClient({ registry: await configured('./examples/shipping-method/index.ts') });
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
    await expect(configured('./examples/shipping-method/index.ts, ./examples/shipping-method/index.ts')).rejects.toThrow(
      'Two plugins are named "example-shipping-method"',
    );
  });

  it('refuses a module that does not export a plugin', async () => {
    await expect(configured('./src/shared/money.ts')).rejects.toThrow('must export a plugin made with definePlugin()');
  });
});

describe('two servers with different plugins in one process', () => {
  it('each has the schema and the rules of its own plugins', async () => {
    const plain = await createTestClient();
    const extended = await createTestClient({ registry: await configured('./examples/shipping-method/index.ts,./examples/free-gift/index.ts') });
    const typeOf = async (client: typeof plain, name: string) => (await client.request(`{ __type(name: "${name}") { name } }`)).data.__type;
    expect(await typeOf(plain, 'ShippingMethodUsedConditionInput')).toBeNull();
    expect(await typeOf(plain, 'FreeGiftEffect')).toBeNull();
    expect(await typeOf(extended, 'ShippingMethodUsedConditionInput')).toEqual({ name: 'ShippingMethodUsedConditionInput' });
    expect(await typeOf(extended, 'FreeGiftEffect')).toEqual({ name: 'FreeGiftEffect' });

    const create = (client: typeof plain, name: string) =>
      client.request('mutation ($input: CreateSegmentInput!) { createSegment(input: $input) { __typename } }', {
        input: { name, rule: { condition: { shippingMethodUsed: { methods: ['Courier'] } } } },
      });
    expect((await create(plain, 'Courier customers, plain')).errors?.[0]?.message).toContain('shippingMethodUsed');
    expect((await create(extended, 'Courier customers')).data.createSegment.__typename).toBe('MutationCreateSegmentSuccess');
    // Read by the server without the plugin, the stored rule is not understood, and says so.
    const described = await plain.request('{ segments(first: 50) { edges { node { name ruleDescription } } } }');
    expect(
      described.data.segments.edges
        .map((edge: { node: { name: string; ruleDescription: string } }) => edge.node)
        .find((node: { name: string }) => node.name === 'Courier customers').ruleDescription,
    ).toMatch(/shippingMethodUsed/);
  });
});
