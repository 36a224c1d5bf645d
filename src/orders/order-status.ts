// Order statuses in GraphQL: the SDK's enum (the data contract's statuses), as one GraphQL enum
// shared by the core's fields and plugins' parameters.
import { orderStatusSchema } from '@cohort/plugin-sdk';
import { derivedInputs } from '../schema/zod-inputs.js';

export const OrderStatusEnum = derivedInputs.enumOf(orderStatusSchema);
