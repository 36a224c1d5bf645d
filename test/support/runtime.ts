// The test process's runtime (opened by the setup file, support/database.ts), and what tests
// that build parts by hand take from its configuration.
import { currentRuntime } from '../../src/runtime.js';
import type { SchemaOptions } from '../../src/server/schema.js';
import { deliveryOptions, type DeliveryOptions } from '../../src/webhooks/delivery.js';
import { webhookSchemaOptions } from '../../src/webhooks/webhook-endpoint.graphql.js';

export const testConfig = () => currentRuntime().config;

/** What a schema built by a test is given: the configured webhook settings. */
export const schemaOptions = (): SchemaOptions => ({ webhooks: webhookSchemaOptions(testConfig().webhooks) });

/** How a test's job runner delivers webhooks: the configured settings. */
export const webhookDelivery = (): DeliveryOptions => deliveryOptions(testConfig().webhooks);
