// GraphQL output types described as data, for what plugins show of themselves (an effect's
// settings in `Promotion.effects`). Cohort builds the GraphQL types from these descriptions;
// a named object or enum is one type however many fields use it.

/** The types an output field may have. `Money` resolves to minor units; Cohort adds the promotion's currency. `DateTime` resolves to a Date. */
export type OutputType = 'String' | 'Int' | 'Float' | 'Boolean' | 'DateTime' | 'Money' | { list: OutputType } | OutputObject | OutputEnum | OutputEffectUnion;

export interface OutputObject {
  /** The GraphQL type's name (PascalCase); prefix it with your plugin's to stay unique. */
  object: string;
  description?: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  fields: Record<string, OutputField<any>>;
}

export interface OutputEnum {
  enum: string;
  values: readonly string[];
  description?: string;
}

/** A union of the outputs of some effect types: the value resolves to `{ type, params }` of one of them. */
export interface OutputEffectUnion {
  effectUnion: string;
  effects: readonly string[];
  description?: string;
}

export interface OutputField<Source> {
  type: OutputType;
  nullable?: boolean;
  description?: string;
  /** The value, from the source (an effect's parameters, or the value of an enclosing field). `currency` is the promotion's (empty in a customer field's object). */
  resolve(source: Source, context: { currency: string }): unknown;
}

/** A field of an output object, typed by its source: `field<Params>({ type: 'Int', resolve: (params) => … })`. */
export function outputField<Source>(field: OutputField<Source>): OutputField<Source> {
  return field;
}

/** The ProductTarget output: which products (SKUs, brands or categories), as a product target parameter holds them. */
export const productTargetOutput: OutputObject = {
  object: 'ProductTarget',
  fields: {
    skus: outputField<{ skus?: string[] | null }>({ type: { list: 'String' }, nullable: true, resolve: (target) => target.skus ?? null }),
    brands: outputField<{ brands?: string[] | null }>({ type: { list: 'String' }, nullable: true, resolve: (target) => target.brands ?? null }),
    categories: outputField<{ categories?: string[] | null }>({ type: { list: 'String' }, nullable: true, resolve: (target) => target.categories ?? null }),
  },
};
