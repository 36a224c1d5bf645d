// Shopify's customer and order CSV exports through POST /import?format=shopify-csv: the sample
// files in test/fixtures/shopify (quoted commas and newlines, a byte-order mark, an order over
// two rows, Shopify's dates and decimal amounts), their error report, then the same files again
// with no duplicates.
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/access/api-keys.js';
import { prisma } from '../../src/db/client.js';
import { createServer } from '../../src/server/yoga.js';
import { registry } from '../support/registry.js';

const server = createServer({ registry });
const admin = (await createApiKey('shopify import admin', ['ADMIN'])).secret;
const fixture = (name: string) => readFile(new URL(`../fixtures/shopify/${name}`, import.meta.url));
const post = async (query: string, body: BodyInit) => {
  const response = await server.fetch(`http://cohort.test/import?${query}`, { method: 'POST', headers: { authorization: `Bearer ${admin}` }, body });
  return { status: response.status, body: (await response.json()) as any };
};

beforeAll(async () => {
  const products = ['SHOP-TEA', 'SHOP-POT', 'SHOP-NOTE'].map((sku) => JSON.stringify({ sku, name: sku, price: { amount: 100, currency: 'USD' } })).join('\n');
  expect((await post('kind=products', products)).body.state).toBe('SUCCEEDED');
});

describe('Shopify CSV exports', () => {
  it('imports the customers export, reporting the bad row by its line, and again with no duplicates', async () => {
    for (let round = 0; round < 2; round += 1) {
      const { status, body } = await post('kind=customers&format=shopify-csv&batchSize=1', await fixture('customers.csv'));
      expect(status).toBe(200);
      expect(body).toMatchObject({
        state: 'PARTIAL',
        linesRead: 5,
        recordsWritten: 2,
        errors: [{ line: 5, field: 'email', message: 'must be an email address' }],
      });
    }
    const customers = await prisma.customer.findMany({
      where: { externalId: { startsWith: '70010' } },
      include: { addresses: true },
      orderBy: { externalId: 'asc' },
    });
    expect(customers.map((customer) => customer.externalId)).toEqual(['7001001', '7001002']);
    expect(customers[0]).toMatchObject({
      email: 'ada@example.com',
      firstName: 'Ada',
      tags: ['vip', 'newsletter'],
      marketingChannels: ['email'],
      newsletterSubscribed: true,
      customFields: { taxExempt: false },
    });
    expect(customers[0]!.addresses).toMatchObject([
      { isDefault: true, line1: "12 St James's Square, Flat 2", city: 'London', country: 'GB', postalCode: 'SW1Y 4JH' },
    ]);
    expect(customers[1]).toMatchObject({
      email: 'grace@example.com',
      phone: '+1 703 555 0100',
      marketingChannels: ['sms'],
      customFields: { taxExempt: true },
      addresses: [{ region: 'VA', country: 'US' }],
    });
  });

  it('imports the orders export (line items over rows, customers by email), reporting each bad row, and again with no duplicates', async () => {
    for (let round = 0; round < 2; round += 1) {
      const { body } = await post('kind=orders&format=shopify-csv&batchSize=1', await fixture('orders.csv'));
      expect(body).toMatchObject({ state: 'PARTIAL', linesRead: 7, recordsWritten: 3, batchesWritten: 3, batchesFailed: 2 });
      expect(body.errors).toEqual([
        { line: 5, field: 'lines.0.sku', message: 'No product with SKU "SHOP-UNKNOWN"' },
        { line: 6, field: 'Email', message: 'No customer with this email: import the customers export first' },
      ]);
    }
    const orders = await prisma.order.findMany({
      where: { externalId: { startsWith: '55500' } },
      include: { lines: { include: { product: true } }, customer: true },
      orderBy: { externalId: 'asc' },
    });
    expect(orders.map((order) => [order.externalId, order.status, order.customer.externalId])).toEqual([
      ['5550001', 'VALIDATED', '7001001'],
      ['5550002', 'REFUNDED', '7001002'],
      ['5550005', 'CANCELLED', '7001002'],
    ]);
    expect(orders[0]).toMatchObject({
      currency: 'GBP',
      subtotal: 6_450,
      discountTotal: 500,
      shippingTotal: 500,
      taxTotal: 500,
      total: 6_950,
      shippingMethod: 'Standard',
      placedAt: new Date('2025-03-02T09:14:12Z'),
    });
    expect(orders[0]!.lines.map((line) => [line.product.sku, line.quantity, line.unitPrice]).sort()).toEqual([
      ['SHOP-POT', 1, 4_000],
      ['SHOP-TEA', 2, 1_225],
    ]);
    expect(orders[1]!.placedAt).toEqual(new Date('2025-04-10T17:59:30Z'));
  });

  it('stops at a malformed line, naming it', async () => {
    const { status, body } = await post('kind=customers&format=shopify-csv', 'Customer ID,Email\n1,"unclosed@example.com\n');
    expect(status).toBe(400);
    expect(body.errors[0]).toMatchObject({ extensions: { code: 'BAD_REQUEST' }, message: expect.stringMatching(/^Line \d+: /) });
  });
});
