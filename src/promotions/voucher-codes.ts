// Voucher codes made by admins: codes they choose, or a batch of unique random ones, each with
// its own limits and expiry (the checkout reads, judges and reserves them: checkout/vouchers.ts).
import { randomInt } from 'node:crypto';
import { prisma } from '../db/client.js';
import type { Prisma, VoucherCode } from '../generated/prisma/client.js';
import { normaliseCode } from '../rules/codes.js';
import type { PeriodicLimit } from '../rules/usage-limits.js';
import { ConflictError, NotFoundError } from '../shared/errors.js';

/** No 0/O or 1/I/L: codes are read aloud and typed from paper. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export interface CodeOptions {
  usageLimit?: number | null;
  usageLimitPerCustomer?: number | null;
  periodicLimits?: PeriodicLimit[] | null;
  expiresAt?: Date | null;
}

export async function createVoucherCodes(
  promotionId: string,
  request: { codes?: string[] | null; generate?: { count: number; prefix?: string | null; length?: number | null } | null },
  options: CodeOptions,
): Promise<VoucherCode[]> {
  const promotion = await prisma.promotion.findUnique({ where: { id: promotionId }, select: { id: true } });
  if (!promotion) throw new NotFoundError('Promotion', promotionId, ['input', 'promotion']);
  const base = {
    promotionId,
    usageLimit: options.usageLimit ?? null,
    usageLimitPerCustomer: options.usageLimitPerCustomer ?? null,
    periodicLimits: (options.periodicLimits ?? []) as Prisma.InputJsonValue,
    expiresAt: options.expiresAt ?? null,
  };

  if (request.codes?.length) {
    const codes = [...new Set(request.codes.map(normaliseCode))];
    const taken = await prisma.voucherCode.findMany({ where: { code: { in: codes } }, select: { code: true } });
    if (taken.length > 0) throw new ConflictError(`These codes already exist: ${taken.map((row) => row.code).join(', ')}`);
    await prisma.voucherCode.createMany({ data: codes.map((code) => ({ ...base, code })) });
    return prisma.voucherCode.findMany({ where: { code: { in: codes } }, orderBy: { code: 'asc' } });
  }

  const { count, prefix, length } = request.generate as { count: number; prefix?: string | null; length?: number | null };
  const batch = `batch-${Date.now().toString(36)}-${randomInt(1_000_000).toString(36)}`;
  let created = 0;
  // Random codes may collide with existing ones; draw again until the batch is complete.
  for (let attempt = 0; created < count && attempt < 10; attempt += 1) {
    const drawn = Array.from(
      { length: count - created },
      () => `${normaliseCode(prefix ?? '')}${Array.from({ length: length ?? 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('')}`,
    );
    const result = await prisma.voucherCode.createMany({ data: drawn.map((code) => ({ ...base, code, batch })), skipDuplicates: true });
    created += result.count;
  }
  return prisma.voucherCode.findMany({ where: { batch }, orderBy: { code: 'asc' } });
}
