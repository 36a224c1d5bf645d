// Which of the shop's data a parameter names, so that the segment query editor can suggest
// values from it (with how many customers or products carry each). A parameter without it is
// still suggested from its type: enum values, booleans, time windows, its description.
import type { z } from 'zod';

/**
 * Shop data a string parameter can name: product brands, categories and SKUs (shown with the
 * product's name), customers' tags, categories and countries, custom field names, and the values
 * of the custom field named by the parameter `field` beside it, and the declared event types
 * (with how many customers have events of each).
 */
export type ShopValueKind =
  'brand' | 'category' | 'sku' | 'customerTag' | 'customerCategory' | 'country' | 'customFieldName' | 'customFieldValue' | 'eventType';

/** What `shopValues` records in a schema's metadata (zod's `.meta()`), under the key `cohort`. */
interface CohortMeta {
  values?: ShopValueKind;
}

/**
 * Says which shop data a parameter's values come from (a string, or a list of strings). Call it
 * last, after `.describe()`, `.optional()` and the like: those make new schemas with their own
 * metadata.
 */
export function shopValues<Schema extends z.ZodType>(kind: ShopValueKind, schema: Schema): Schema {
  const meta = (schema.meta() ?? {}) as { cohort?: CohortMeta };
  return schema.meta({ ...meta, cohort: { ...meta.cohort, values: kind } }) as Schema;
}

/** The shop data a schema says its values come from, if any (read through the schema's own zod, whichever copy it is). */
export function shopValuesOf(schema: z.ZodType): ShopValueKind | undefined {
  const meta = (schema as { meta?: () => unknown }).meta?.();
  return typeof meta === 'object' && meta !== null ? (meta as { cohort?: CohortMeta }).cohort?.values : undefined;
}
