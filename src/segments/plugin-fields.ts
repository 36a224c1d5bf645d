// Adds the Customer fields that condition plugins declare (`customerFields`).
import { CustomerNode } from '../customers/customer.js';
import { builder } from '../schema/builder.js';
import { conditionRegistry } from './condition-plugins.js';

for (const plugin of conditionRegistry.plugins) {
  if (plugin.customerFields) builder.objectFields(CustomerNode, plugin.customerFields);
}
