// Order statuses in GraphQL: the SDK's enum (the data contract's statuses), as one GraphQL enum
// shared by the core's fields and plugins' parameters.
import { orderStatusSchema } from '@cohort/plugin-sdk';
import { pluginTypes } from '../schema/plugin-types.js';

export const OrderStatusEnum = pluginTypes.enumOf(orderStatusSchema);
