// Product targets: the products a condition is about, named by SKUs, brands or categories
// (exactly one). SKUs match exactly; brand and category names ignore case and spaces.
import { z } from 'zod';
import { graphqlType } from './graphql.js';
import { sql, type Sql } from './sql.js';
import { shopValues } from './suggestions.js';

export interface ProductTarget {
  skus?: string[] | null;
  brands?: string[] | null;
  categories?: string[] | null;
}

const names = z.array(z.string().trim().min(1, 'must not be empty')).min(1, 'name at least one');

/** GraphQL's ProductTargetInput. */
export const productTargetSchema = graphqlType(
  'ProductTargetInput',
  z
    .object({ skus: shopValues('sku', names.nullish()), brands: shopValues('brand', names.nullish()), categories: shopValues('category', names.nullish()) })
    .refine((target) => [target.skus, target.brands, target.categories].filter((list) => list != null).length === 1, {
      message: 'give exactly one of skus, brands, categories',
    }),
  { description: 'Which products: exactly one of SKUs (exact), brands or categories (case-insensitive).', oneOf: true },
);

const normal = (value: string) => value.trim().toLowerCase();

/** A target's brands or categories, normalised once per target (targets are parsed parameters, read many times). */
const normalised = new WeakMap<readonly string[], Set<string>>();
function normalisedSet(values: readonly string[]): Set<string> {
  let set = normalised.get(values);
  if (!set) normalised.set(values, (set = new Set(values.map(normal))));
  return set;
}

/** Does a product (or a line snapshot of one) fall under the target? */
export function matchesProduct(
  target: ProductTarget,
  product: { productId?: string | null; sku: string; brand: string | null; category: string | null },
): boolean {
  // A cart line the catalogue does not know yet (productId null) is no product any target names.
  if (product.productId === null) return false;
  if (target.skus) return target.skus.includes(product.sku);
  if (target.brands) return product.brand !== null && normalisedSet(target.brands).has(normal(product.brand));
  return product.category !== null && target.categories != null && normalisedSet(target.categories).has(normal(product.category));
}

/** The same test in SQL, given the columns holding the SKU, brand and category. */
export function productTargetSql(target: ProductTarget, columns: { sku: Sql; brand: Sql; category: Sql }): Sql {
  if (target.skus) return sql`${columns.sku} = ANY(${target.skus}::text[])`;
  if (target.brands) return sql`lower(trim(${columns.brand})) = ANY(${target.brands.map(normal)}::text[])`;
  return sql`lower(trim(${columns.category})) = ANY(${(target.categories ?? []).map(normal)}::text[])`;
}

/**
 * For measures that count or sum by product (see ConditionMeasure): `productKeysSql` gives
 * each row's keys, one per way a target can name its product ("s:<sku>", "b:<brand>",
 * "c:<category>", brand and category normalised as matchesProduct does), to group by; and
 * `productTargetKeys` the keys a target matches, to add up what the grouping gave.
 */
export function productKeysSql(columns: { sku: Sql; brand: Sql; category: Sql }): Sql {
  return sql`unnest(ARRAY['s:' || ${columns.sku}, 'b:' || lower(trim(${columns.brand})), 'c:' || lower(trim(${columns.category}))])`;
}

export function productTargetKeys(target: ProductTarget): string[] {
  if (target.skus) return [...new Set(target.skus.map((sku) => `s:${sku}`))];
  if (target.brands) return [...new Set(target.brands.map((brand) => `b:${normal(brand)}`))];
  return [...new Set((target.categories ?? []).map((category) => `c:${normal(category)}`))];
}

/** Keys (from productTargetKeys) split back into SKUs, brands and categories, for a measure's WHERE clause. */
export function keysByKind(keys: string[]): { skus: string[]; brands: string[]; categories: string[] } {
  const of = (prefix: string) => keys.filter((key) => key.startsWith(prefix)).map((key) => key.slice(2));
  return { skus: of('s:'), brands: of('b:'), categories: of('c:') };
}

/** The sum, over the keys a target matches, of a grouping by `productKeysSql` read back as a JSON object. */
export function sumForTarget(target: ProductTarget, totals: unknown): number {
  const byKey = (totals ?? {}) as Record<string, number>;
  let sum = 0;
  for (const key of productTargetKeys(target)) sum += Number(byKey[key] ?? 0);
  return sum;
}

export function describeProductTarget(target: ProductTarget): string {
  if (target.skus) return target.skus.join(' or ');
  if (target.brands) return `a ${target.brands.join(' or ')} product`;
  return `a product in ${(target.categories ?? []).join(' or ')}`;
}
