// Redemptions: what promotions gave to an order, recorded exactly once and within every
// limit, even under concurrency. The promotions' rows are locked (in id order, so two
// checkouts never deadlock) for the check-and-record, and the table's unique keys
// (promotion + order, promotion + idempotency key) make a retry return what was recorded.
import { prisma } from '../db/client.js';
import { forgetPromotionCatalogue } from '../eligibility/catalogue.js';
import type { Prisma, Redemption } from '../generated/prisma/client.js';
import type { Eligibility } from '../eligibility/engine.js';
import { getShopContext } from '../settings/shop-context.js';
import type { Clock } from '../shared/clock.js';
import { countedLimitReached, countUsage, noUsage, periodStarts, type CountedLimits, type Usage } from './usage-limits.js';
import type { Sql } from '../generated/prisma/internal/prismaNamespace.js';

export type RejectedReason = 'LIMIT_REACHED' | 'BUDGET_SPENT';

export interface RedemptionOutcome {
  redemptions: Redemption[];
  /** Promotions that applied when priced but could not be recorded: a limit was reached meanwhile. */
  rejected: { promotionId: string; reason: RejectedReason }[];
  /** True when this order was already redeemed with this key: nothing new was recorded. */
  replayed: boolean;
}

interface LockedPromotion {
  id: string;
  usageLimit: number | null;
  usageLimitPerCustomer: number | null;
  periodicLimits: unknown;
  redemptionCount: number;
  budget: number | null;
  discountGiven: number;
}

type RedeemOptions = { orderRef: string; idempotencyKey: string; customerId: string | null; eligibility: Eligibility; clock: Clock; cartRef?: string | null };

export async function redeem(options: RedeemOptions): Promise<RedemptionOutcome> {
  try {
    return await redeemOnce(options);
  } catch (error) {
    // Two concurrent calls for the same order: the second hits the unique keys once the
    // first commits; running again finds the first one's redemptions and replays them.
    if ((error as { code?: string }).code === 'P2002') return redeemOnce(options);
    throw error;
  } finally {
    // Usage counters changed: the storefront should see "limit reached" without waiting.
    forgetPromotionCatalogue();
  }
}

async function redeemOnce(options: RedeemOptions): Promise<RedemptionOutcome> {
  const { orderRef, idempotencyKey, customerId, eligibility, clock } = options;
  const applied = eligibility.applied.filter((entry) => entry.discount > 0 || entry.effects.length > 0);
  return prisma.$transaction(
    async (tx) => {
      const previous = await tx.redemption.findMany({ where: { OR: [{ orderRef }, { idempotencyKey }], status: 'APPLIED' }, orderBy: { promotionId: 'asc' } });
      if (previous.length > 0) return { redemptions: previous, rejected: [], replayed: true };

      const ids = applied.map((entry) => entry.promotion.id).sort();
      const locked = ids.length === 0 ? [] : await lockPromotions(tx, ids);
      const byId = new Map(locked.map((row) => [row.id, row]));
      // Counted while the promotion and code rows are locked, so the counts hold until commit.
      const { timeZone } = await getShopContext();
      const starts = () => periodStarts(clock.now(), timeZone);
      const run = (statement: Sql) => tx.$queryRaw<Record<string, unknown>[]>(statement);
      const usage = await countUsage(run, 'promotionId', locked, customerId, starts);
      const codes = await lockVoucherCodes(tx, applied.map((entry) => entry.voucherCodeId).filter((id): id is string => id !== null));
      const codeUsage = await countUsage(run, 'voucherCodeId', [...codes.values()], customerId, starts);

      const redemptions: Redemption[] = [];
      const rejected: RedemptionOutcome['rejected'] = [];
      for (const entry of applied) {
        const promotion = byId.get(entry.promotion.id) as LockedPromotion;
        const code = entry.voucherCodeId ? codes.get(entry.voucherCodeId) : undefined;
        const reason =
          limitReached(promotion, usage.get(promotion.id) ?? noUsage, customerId !== null, entry.discount) ??
          (code && codeLimitReached(code, codeUsage.get(code.id) ?? noUsage, customerId !== null) ? 'LIMIT_REACHED' : null);
        if (reason) {
          rejected.push({ promotionId: promotion.id, reason });
          continue;
        }
        redemptions.push(
          await tx.redemption.create({
            data: {
              promotionId: promotion.id,
              voucherCodeId: entry.voucherCodeId,
              customerId,
              orderRef,
              idempotencyKey,
              currency: eligibility.currency,
              discountAmount: entry.discount,
              orderTotal: eligibility.total,
              segmentIds: eligibility.segmentIds,
              redeemedAt: clock.now(),
            },
          }),
        );
        await tx.promotion.update({ where: { id: promotion.id }, data: { redemptionCount: { increment: 1 }, discountGiven: { increment: entry.discount } } });
        if (entry.voucherCodeId) await tx.voucherCode.update({ where: { id: entry.voucherCodeId }, data: { redemptionCount: { increment: 1 } } });
      }
      // The checkout's holds on its codes are used now.
      const cartRefs = [orderRef, ...(options.cartRef ? [options.cartRef] : [])];
      await tx.voucherReservation.deleteMany({ where: { cartRef: { in: cartRefs } } });
      return { redemptions, rejected, replayed: false };
    },
    { isolationLevel: 'ReadCommitted', timeout: 30_000 },
  );
}

/** Gives an order's redemptions back to their promotions' limits (a cancelled order). Idempotent. */
export async function rollbackRedemptions(orderRef: string, clock: Clock): Promise<Redemption[]> {
  return prisma
    .$transaction(async (tx) => {
    const active = await tx.redemption.findMany({ where: { orderRef, status: 'APPLIED' }, orderBy: { promotionId: 'asc' } });
    if (active.length === 0) return [];
    await lockPromotions(tx, active.map((redemption) => redemption.promotionId));
    const rolledBack: Redemption[] = [];
    for (const redemption of active) {
      rolledBack.push(await tx.redemption.update({ where: { id: redemption.id }, data: { status: 'ROLLED_BACK', rolledBackAt: clock.now() } }));
      await tx.promotion.update({ where: { id: redemption.promotionId }, data: { redemptionCount: { decrement: 1 }, discountGiven: { decrement: redemption.discountAmount } } });
      if (redemption.voucherCodeId) await tx.voucherCode.update({ where: { id: redemption.voucherCodeId }, data: { redemptionCount: { decrement: 1 } } });
    }
    return rolledBack;
  })
    .finally(forgetPromotionCatalogue);
}

async function lockPromotions(tx: Prisma.TransactionClient, ids: string[]): Promise<LockedPromotion[]> {
  return tx.$queryRaw<LockedPromotion[]>`
    SELECT id, "usageLimit", "usageLimitPerCustomer", "periodicLimits", "redemptionCount", budget, "discountGiven"
    FROM "Promotion" WHERE id = ANY(${ids}::text[]) ORDER BY id FOR UPDATE`;
}

interface LockedCode extends CountedLimits {
  id: string;
  usageLimit: number | null;
  redemptionCount: number;
}

/** Locks the codes being redeemed (after the promotions, in id order). */
async function lockVoucherCodes(tx: Prisma.TransactionClient, ids: string[]): Promise<Map<string, LockedCode>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.$queryRaw<LockedCode[]>`
    SELECT id, "usageLimit", "usageLimitPerCustomer", "periodicLimits", "redemptionCount" FROM "VoucherCode" WHERE id = ANY(${[...new Set(ids)].sort()}::text[]) ORDER BY id FOR UPDATE`;
  return new Map(rows.map((row) => [row.id, row]));
}

function codeLimitReached(code: LockedCode, usage: Usage, customerKnown: boolean): boolean {
  return (code.usageLimit != null && code.redemptionCount >= code.usageLimit) || countedLimitReached(code, usage, customerKnown);
}

function limitReached(promotion: LockedPromotion, usage: Usage, customerKnown: boolean, discount: number): RejectedReason | null {
  if (promotion.usageLimit != null && promotion.redemptionCount >= promotion.usageLimit) return 'LIMIT_REACHED';
  if (countedLimitReached(promotion, usage, customerKnown)) return 'LIMIT_REACHED';
  if (promotion.budget != null && promotion.discountGiven + discount > promotion.budget) return 'BUDGET_SPENT';
  return null;
}
