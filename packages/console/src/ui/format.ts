// How the console writes numbers, money, dates and names: one place, in the browser's locale.

const numberFormat = new Intl.NumberFormat();
export const formatNumber = (value: number) => numberFormat.format(value);
export const formatPercent = (share: number, digits = 1) => `${(share * 100).toFixed(digits)} %`;

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });
export const formatDateTime = (iso: string | null | undefined) => (iso ? dateTime.format(new Date(iso)) : '—');
export const formatDate = (iso: string | null | undefined) => (iso ? dateOnly.format(new Date(iso)) : '—');
export const formatTime = (at: number) => timeOnly.format(new Date(at));

/** Minor units in a currency, as the API gives them: 1999 USD → "$19.99". */
export function formatMoney(amount: number, currency: string): string {
  const format = new Intl.NumberFormat(undefined, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amount / 10 ** digits);
}

/** How many minor units a major unit has in a currency (100 for USD, 1 for JPY). */
export function minorPerMajor(currency: string): number {
  try {
    return 10 ** (new Intl.NumberFormat(undefined, { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2);
  } catch {
    return 100;
  }
}

/** A field or enum name as words: "moreThan" → "More than", "CHURN_RISK" → "Churn risk". */
export function humanize(name: string): string {
  const words = name.includes('_')
    ? name.toLowerCase().split('_')
    : name
        .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
        .toLowerCase()
        .split(' ');
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export const customerName = (customer: { firstName?: string | null; lastName?: string | null; externalId: string }) =>
  [customer.firstName, customer.lastName].filter(Boolean).join(' ') || customer.externalId;
