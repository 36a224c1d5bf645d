// Amounts of money as text: "300.00 USD" in minor units (30000) and back, by string
// arithmetic on the decimal digits, never through a float; and currency symbols, accepted only
// where one symbol names one currency. The tables come from Intl, built on first use.

/** Decimal places of a currency's minor unit (2 for USD, 0 for JPY, 3 for KWD); null for a code Intl refuses. */
export function minorDigits(currency: string): number | null {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = null;
    }
    digitsByCurrency.set(currency, digits);
  }
  return digits;
}
const digitsByCurrency = new Map<string, number | null>();

/** "300.5" in a two-decimal currency → 30050; a reason when it cannot be one exactly. */
export function toMinorUnits(decimal: string, digits: number, currency: string): { amount: number } | { problem: string } {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(decimal);
  if (!match) return { problem: `write the amount as a plain decimal, e.g. 300.00 ${currency}` };
  const [, sign, whole, fraction = ''] = match as unknown as [string, string, string, string | undefined];
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > digits)
    return {
      problem:
        digits === 0
          ? `${currency} has no minor unit: write a whole amount`
          : `${currency} has ${digits} decimal place${digits === 1 ? '' : 's'}: write at most ${digits}`,
    };
  const units = `${whole}${significant.padEnd(digits, '0')}`.replace(/^0+(?=\d)/, '');
  const amount = Number(`${sign}${units}`);
  if (!Number.isSafeInteger(amount)) return { problem: 'is too large' };
  return { amount: Object.is(amount, -0) ? 0 : amount };
}

/** 30050 minor units in a two-decimal currency → "300.50". */
export function fromMinorUnits(amount: number, digits: number): string {
  const sign = amount < 0 ? '-' : '';
  const units = String(Math.abs(amount)).padStart(digits + 1, '0');
  return digits === 0 ? `${sign}${units}` : `${sign}${units.slice(0, -digits)}.${units.slice(-digits)}`;
}

/** Where a currency symbol is shown, to find which currencies each symbol names. */
const SYMBOL_LOCALES = ['en', 'en-CA', 'en-AU', 'en-GB', 'en-IN'];
let symbols: Map<string, string[]> | undefined;

/** The currencies a symbol names in English-language locales ("$": many; "€": EUR; "US$": USD), sorted. */
export function currenciesOfSymbol(symbol: string): string[] {
  if (!symbols) {
    const found = new Map<string, Set<string>>();
    for (const currency of Intl.supportedValuesOf('currency')) {
      for (const locale of SYMBOL_LOCALES) {
        for (const currencyDisplay of ['symbol', 'narrowSymbol'] as const) {
          const shown = new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay })
            .formatToParts(1)
            .find((part) => part.type === 'currency')?.value;
          if (shown && shown !== currency) found.set(shown, (found.get(shown) ?? new Set()).add(currency));
        }
      }
    }
    symbols = new Map([...found].map(([shown, currencies]) => [shown, [...currencies].sort()]));
  }
  return symbols.get(symbol) ?? [];
}

/** The currency English shows with this symbol alone ("$" → USD, "£" → GBP), for suggestions. */
export function likeliestCurrency(symbol: string): string | undefined {
  return currenciesOfSymbol(symbol).find(
    (currency) => new Intl.NumberFormat('en', { style: 'currency', currency }).formatToParts(1).find((part) => part.type === 'currency')?.value === symbol,
  );
}

/**
 * An amount written with a locale's separators, as a plain decimal: the last separator followed
 * by other than three digits is the decimal one ("300,50" → "300.50", "1.000,5" → "1000.5");
 * "1,000" could be either, and is read as a thousand (the `alternative` says the other reading).
 */
export function plainDecimal(written: string): { decimal: string; alternative: string | null } {
  const sign = written.startsWith('-') ? '-' : '';
  const digits = written.replace(/^-/, '');
  const separators = [...digits.matchAll(/[.,]/g)].map((match) => match.index);
  const last = separators.at(-1);
  if (last === undefined) return { decimal: written, alternative: null };
  const mixed = new Set(digits.replace(/\d/g, '')).size > 1;
  const after = digits.slice(last + 1);
  const decimalAt = mixed || after.length !== 3 ? last : null;
  const whole = (decimalAt === null ? digits : digits.slice(0, decimalAt)).replace(/[.,]/g, '');
  const decimal = `${sign}${whole}${decimalAt === null ? '' : `.${after}`}`;
  const alternative = decimalAt === null && separators.length === 1 ? `${sign}${digits.slice(0, last)}.${after}` : null;
  return { decimal, alternative };
}
