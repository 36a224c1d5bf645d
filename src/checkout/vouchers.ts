// Voucher codes at the checkout: read, counted and judged for a cart, and held for a checkout
// by a reservation so a shopper who validated a code is not overtaken before paying
// (promotions/voucher-codes.ts creates them). A code's availability counts redemptions and other carts' live reservations.
import { prisma, query } from '../db/client.js';
import { getShopContext } from '../settings/shop-context.js';
import { countedLimitReached, countUsage, noUsage, periodStarts, type Usage } from '../rules/usage-limits.js';
import type { VoucherCode } from '../generated/prisma/client.js';
import { normaliseCode } from '../rules/codes.js';

export type VoucherProblem = 'UNKNOWN_CODE' | 'EXPIRED' | 'CODE_LIMIT_REACHED' | 'RESERVED_ELSEWHERE';

export interface CodeCheck {
  voucher: VoucherCode | null;
  problem: VoucherProblem | null;
}

/** The codes as stored: trimmed, upper case, each once. */
export const normaliseCodes = (codes: string[]) => [...new Set(codes.map(normaliseCode))];

/** The stored codes among `codes`: one statement, none without codes. Read beside the shopper, whom nothing here depends on. */
export async function readCodes(codes: string[]): Promise<VoucherCode[]> {
  const normalised = normaliseCodes(codes);
  return normalised.length === 0 ? [] : prisma.voucherCode.findMany({ where: { code: { in: normalised } } });
}

/** What a code's availability counts, besides its own row: its redemptions and other carts' live reservations. */
export interface CodeCounts {
  usage: Map<string, Usage>;
  heldElsewhere: Map<string, number>;
}

/** The redemptions of the codes whose limits count them, and the reservations of those with a usage limit held by other carts: at most two statements, sent together. */
export async function countCodes(vouchers: VoucherCode[], cartRef: string | null, customerId: string | null, now: Date, timeZone: string): Promise<CodeCounts> {
  const limited = vouchers.filter((voucher) => voucher.usageLimit != null).map((voucher) => voucher.id);
  const [usage, held] = await Promise.all([
    countUsage(query, 'voucherCodeId', vouchers, customerId, () => periodStarts(now, timeZone)),
    limited.length
      ? prisma.voucherReservation.groupBy({
          by: ['voucherCodeId'],
          where: { voucherCodeId: { in: limited }, expiresAt: { gt: now }, ...(cartRef ? { cartRef: { not: cartRef } } : {}) },
          _count: { _all: true },
        })
      : [],
  ]);
  return { usage, heldElsewhere: new Map(held.map((row) => [row.voucherCodeId, row._count._all])) };
}

/**
 * Judges codes for a customer at `now` (pure): known, not expired, and with a use left (in
 * total, for this customer, and in the current day, week or month) once other carts' live
 * reservations are counted.
 */
export function judgeCodes(codes: string[], vouchers: VoucherCode[], counts: CodeCounts, customerId: string | null, now: Date): Map<string, CodeCheck> {
  const byCode = new Map(vouchers.map((voucher) => [voucher.code, voucher]));
  return new Map(
    normaliseCodes(codes).map((code): [string, CodeCheck] => {
      const voucher = byCode.get(code) ?? null;
      if (!voucher) return [code, { voucher, problem: 'UNKNOWN_CODE' }];
      if (voucher.expiresAt && voucher.expiresAt <= now) return [code, { voucher, problem: 'EXPIRED' }];
      if (countedLimitReached(voucher, counts.usage.get(voucher.id) ?? noUsage, customerId !== null)) return [code, { voucher, problem: 'CODE_LIMIT_REACHED' }];
      if (voucher.usageLimit != null) {
        if (voucher.redemptionCount >= voucher.usageLimit) return [code, { voucher, problem: 'CODE_LIMIT_REACHED' }];
        if (voucher.redemptionCount + (counts.heldElsewhere.get(voucher.id) ?? 0) >= voucher.usageLimit)
          return [code, { voucher, problem: 'RESERVED_ELSEWHERE' }];
      }
      return [code, { voucher, problem: null }];
    }),
  );
}

/** Checks codes for a cart and customer at `now`, on their own (reserveVoucher's check again before holding one): at most three statements. */
export async function checkCodes(codes: string[], cartRef: string | null, customerId: string | null, now: Date): Promise<Map<string, CodeCheck>> {
  const [vouchers, { timeZone }] = await Promise.all([readCodes(codes), getShopContext(now)]);
  return judgeCodes(codes, vouchers, await countCodes(vouchers, cartRef, customerId, now, timeZone), customerId, now);
}

/** Holds a code for a cart until `expiresAt`; holding it again extends the hold. */
export async function reserveCode(voucher: VoucherCode, cartRef: string, customerId: string | null, expiresAt: Date) {
  return prisma.voucherReservation.upsert({
    where: { voucherCodeId_cartRef: { voucherCodeId: voucher.id, cartRef } },
    create: { voucherCodeId: voucher.id, cartRef, customerId, expiresAt },
    update: { expiresAt, customerId },
  });
}
