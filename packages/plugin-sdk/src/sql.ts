// The SDK's SQL tag. A statement is text with $1, $2… placeholders and the values bound to
// them: a value is never spliced into the text. Fragments nest (a fragment inside `sql` is
// inlined with its own values), also when they come from another copy of the SDK, so a
// plugin bundling its own copy still composes with Cohort's statements. A fragment is known
// by a brand under a registered symbol, which no value parsed from input (JSON) can carry:
// an object that merely looks like a fragment is bound as a value, never spliced.

const BRAND = Symbol.for('@cohort/plugin-sdk/sql-fragment');

/** A SQL fragment or statement: `strings` around `values`, flattened. */
export class Sql {
  readonly strings: readonly string[];
  readonly values: readonly unknown[];

  constructor(strings: readonly string[], values: readonly unknown[]) {
    if (strings.length !== values.length + 1 || strings.some((part) => typeof part !== 'string')) {
      throw new Error(`A SQL fragment needs ${values.length + 1} strings around ${values.length} values`);
    }
    const flatStrings: string[] = [strings[0] as string];
    const flatValues: unknown[] = [];
    values.forEach((value, index) => {
      const next = strings[index + 1] as string;
      if (isSql(value)) {
        flatStrings[flatStrings.length - 1] += value.strings[0] as string;
        for (let inner = 0; inner < value.values.length; inner += 1) {
          flatValues.push(value.values[inner]);
          flatStrings.push(value.strings[inner + 1] as string);
        }
        flatStrings[flatStrings.length - 1] += next;
      } else {
        flatValues.push(value);
        flatStrings.push(next);
      }
    });
    this.strings = flatStrings;
    this.values = flatValues;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** The statement with PostgreSQL placeholders ($1, $2…), as drivers take it. */
  get text(): string {
    let text = this.strings[0] as string;
    for (let index = 1; index < this.strings.length; index += 1) text += `$${index}${this.strings[index]}`;
    return text;
  }
}

/** A fragment made by any copy of the SDK's tag. */
export function isSql(value: unknown): value is Sql {
  return value instanceof Sql || (typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true);
}

/** Tagged template for SQL: values are bound as parameters; nested fragments are inlined. */
export function sql(strings: TemplateStringsArray | readonly string[], ...values: unknown[]): Sql {
  return new Sql(strings, values);
}

/** Fragments or values joined by `separator` (values are bound, fragments inlined): `join([a, b], ' AND ')`. */
export function join(parts: readonly unknown[], separator = ', ', prefix = '', suffix = ''): Sql {
  if (parts.length === 0) throw new TypeError('join() needs at least one part: give `empty` or a fallback such as sql`TRUE` yourself');
  return new Sql([prefix, ...Array.from({ length: parts.length - 1 }, () => separator), suffix], parts);
}

/** Text spliced into the statement as it is. Only ever for text your code chooses (a column name among fixed ones), never for input. */
export function raw(text: string): Sql {
  return new Sql([text], []);
}

export const empty: Sql = raw('');
