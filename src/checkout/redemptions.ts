// Redemptions: what promotions gave to an order, recorded exactly once and within every
// limit, even under a checkout burst. Everything that can be read without locks is read
// first, through the shared connections; the transaction then only locks the promotions'
// rows (in id order, so two checkouts never deadlock), counts, writes and commits, through
// its own connection. It waits a bounded time for a connection and for each lock, so a burst
// gets BUSY answers to retry (db/errors.ts) instead of stalling. The table's unique keys
// (promotion + order, promotion + idempotency key) make a retry return what was recorded.
import { prisma, queryIn } from '../db/client.js';
import { uniqueViolation } from '../db/errors.js';
import { changeBus } from '../shared/change-bus.js';
import type { Eligibility, VoucherResult } from './decide.js';
import type { Prisma, Redemption } from '../generated/prisma/client.js';
import type { Clock } from '../shared/clock.js';
import { AlreadyRolledBackError, ConflictError, NotFoundError } from '../shared/errors.js';
import { emitRedemptionEvents, type UsedUp } from '../webhooks/outbox.js';
import { countedLimitReached, countUsage, noUsage, periodStarts, type CountedLimits, type Usage } from '../rules/usage-limits.js';

export type RejectedReason = 'LIMIT_REACHED' | 'BUDGET_SPENT';

export interface RedemptionOutcome {
  redemptions: Redemption[];
  /** Promotions that applied when priced but could not be recorded: a limit was reached meanwhile. */
  rejected: { promotionId: string; reason: RejectedReason }[];
  /** Every code sent: applied, or why it gave nothing. */
  vouchers: VoucherResult[];
  /** True when this order was already redeemed: nothing new was recorded. */
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

/** How long a redemption waits for a connection to start its transaction, and for each row lock. */
const WAIT = { connectionMs: 3_000, lockMs: 2_000, transactionMs: 10_000 } as const;

/** Redemptions by outcome since the process started, per promotion (read by /metrics); `failed` counts calls that threw. */
export const redemptionActivity = { recorded: 0, rejected: 0, replayed: 0, rolledBack: 0, failed: 0 };

export async function redeem(options: RedeemOptions): Promise<RedemptionOutcome> {
  // The shop's time zone as the request read it (once, before any lock is held: the transaction must never wait on another connection).
  const { timeZone } = options.eligibility.shop;
  const outcome = await redeemOnce(options, timeZone)
    .catch((error: unknown) => {
      // Two concurrent calls for the same order: the second hits the unique keys once the
      // first commits; running again finds the first one's redemptions and replays them.
      if (uniqueViolation(error)) return redeemOnce(options, timeZone);
      throw error;
    })
    .catch((error: unknown) => {
      redemptionActivity.failed += 1;
      throw error;
    });
  redemptionActivity[outcome.replayed ? 'replayed' : 'recorded'] += outcome.redemptions.length;
  redemptionActivity.rejected += outcome.rejected.length;
  // Counters that limits read changed: the storefront should see "limit reached" without waiting.
  if (
    !outcome.replayed &&
    outcome.redemptions.length > 0 &&
    options.eligibility.applied.some(({ promotion }) => promotion.usageLimit != null || promotion.budget != null)
  ) {
    await changeBus().announce('livePromotions', null);
  }
  return outcome;
}

async function redeemOnce(options: RedeemOptions, timeZone: string): Promise<RedemptionOutcome> {
  const { orderRef, idempotencyKey, customerId, eligibility, clock } = options;
  const applied = eligibility.applied.filter((entry) => entry.discount > 0 || entry.effects.length > 0 || entry.freeItems.length > 0);
  const cartRefs = [orderRef, ...(options.cartRef ? [options.cartRef] : [])];

  const previous = await prisma.redemption.findMany({ where: { OR: [{ orderRef }, { idempotencyKey }] }, orderBy: { promotionId: 'asc' } });
  const settled = replayOf(previous, orderRef, idempotencyKey, eligibility);
  if (settled) return settled;
  if (applied.length === 0) {
    // Nothing to record, so nothing to lock: the checkout's holds on its codes are released.
    await prisma.voucherReservation.deleteMany({ where: { cartRef: { in: cartRefs } } });
    return { redemptions: [], rejected: [], vouchers: eligibility.vouchers, replayed: false };
  }

  const starts = () => periodStarts(clock.now(), timeZone);
  const outcome = await prisma.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = '${WAIT.lockMs}ms'`);
      const locked = await lockPromotions(tx, applied.map((entry) => entry.promotion.id).sort());
      const byId = new Map(locked.map((row) => [row.id, row]));
      // Counted while the promotion and code rows are locked, so the counts hold until commit.
      const read = queryIn(tx);
      const usage = await countUsage(read, 'promotionId', locked, customerId, starts);
      const codes = await lockVoucherCodes(
        tx,
        applied.map((entry) => entry.voucherCodeId).filter((id): id is string => id !== null),
      );
      const codeUsage = await countUsage(read, 'voucherCodeId', [...codes.values()], customerId, starts);

      const redemptions: Redemption[] = [];
      const rejected: RedemptionOutcome['rejected'] = [];
      const usedUp: UsedUp[] = [];
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
        usedUp.push(...whatItUsedUp(promotion, entry.discount, eligibility.currency, clock.now()));
        if (entry.voucherCodeId) await tx.voucherCode.update({ where: { id: entry.voucherCodeId }, data: { redemptionCount: { increment: 1 } } });
      }
      // The checkout's holds on its codes are used now.
      await tx.voucherReservation.deleteMany({ where: { cartRef: { in: cartRefs } } });
      await emitRedemptionEvents(read, 'redemption.created', redemptions, usedUp);
      return { redemptions, rejected };
    },
    { isolationLevel: 'ReadCommitted', maxWait: WAIT.connectionMs, timeout: WAIT.transactionMs },
  );
  const rejectedReason = new Map(outcome.rejected.map((entry) => [entry.promotionId, entry.reason]));
  // A code whose promotion hit a limit under lock gave nothing after all: say why.
  const vouchers = eligibility.vouchers.map((voucher) => {
    const reason = voucher.promotion ? rejectedReason.get(voucher.promotion.id) : undefined;
    return reason && voucher.applied ? { ...voucher, applied: false, reason } : voucher;
  });
  return { ...outcome, vouchers, replayed: false };
}

/**
 * What an earlier call recorded for this order or key, if anything: the same order is
 * replayed (an order is redeemed at most once, whatever the key); a key already used for
 * another order is a conflict, never another order's replay.
 */
function replayOf(previous: Redemption[], orderRef: string, idempotencyKey: string, eligibility: Eligibility): RedemptionOutcome | null {
  const otherOrder = previous.find((redemption) => redemption.orderRef !== orderRef);
  if (otherOrder)
    throw new ConflictError(`Idempotency key "${idempotencyKey}" was already used for order "${otherOrder.orderRef}": use a new key for each order`);
  if (previous.length === 0) return null;
  if (previous.every((redemption) => redemption.status === 'ROLLED_BACK')) {
    throw new ConflictError(
      `Order "${orderRef}" was redeemed and then rolled back: a cancelled order is not redeemed again; redeem the new order under its own reference`,
    );
  }
  const usedCodes = new Set(previous.map((redemption) => redemption.voucherCodeId).filter((id) => id !== null));
  const vouchers = eligibility.vouchers.map((voucher) =>
    voucher.voucherCodeId && usedCodes.has(voucher.voucherCodeId) ? { ...voucher, applied: true, reason: null } : voucher,
  );
  return { redemptions: previous.filter((redemption) => redemption.status === 'APPLIED'), rejected: [], vouchers, replayed: true };
}

/** Gives an order's redemptions back to their promotions' limits (a cancelled order). Idempotent. */
/**
 * Gives an order's redemptions back. An order with no redemption recorded is NotFoundError; one
 * whose redemptions were all rolled back already is AlreadyRolledBackError (a retry can take it
 * as done).
 */
export async function rollbackRedemptions(orderRef: string, clock: Clock): Promise<Redemption[]> {
  const recorded = await prisma.redemption.findMany({ where: { orderRef }, orderBy: { promotionId: 'asc' } });
  const active = recorded.filter((redemption) => redemption.status === 'APPLIED');
  if (recorded.length === 0) throw new NotFoundError('Redemption', orderRef, ['input', 'orderRef']);
  if (active.length === 0) throw alreadyRolledBack(orderRef, recorded);
  return prisma
    .$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = '${WAIT.lockMs}ms'`);
        await lockPromotions(tx, [...new Set(active.map((redemption) => redemption.promotionId))]);
        // Read again under lock: a concurrent rollback of the same order may have done it already.
        const still = await tx.redemption.findMany({ where: { orderRef, status: 'APPLIED' }, orderBy: { promotionId: 'asc' } });
        if (still.length === 0) throw alreadyRolledBack(orderRef, await tx.redemption.findMany({ where: { orderRef } }));
        const rolledBack: Redemption[] = [];
        for (const redemption of still) {
          // Never before the redemption it undoes (two processes' clocks may differ by a little): time-driven conditions count a rollback from then.
          const rolledBackAt = new Date(Math.max(clock.now().getTime(), redemption.redeemedAt.getTime()));
          rolledBack.push(await tx.redemption.update({ where: { id: redemption.id }, data: { status: 'ROLLED_BACK', rolledBackAt } }));
          await tx.promotion.update({
            where: { id: redemption.promotionId },
            data: { redemptionCount: { decrement: 1 }, discountGiven: { decrement: redemption.discountAmount } },
          });
          if (redemption.voucherCodeId) await tx.voucherCode.update({ where: { id: redemption.voucherCodeId }, data: { redemptionCount: { decrement: 1 } } });
        }
        await emitRedemptionEvents(queryIn(tx), 'redemption.rolled_back', rolledBack);
        return rolledBack;
      },
      { isolationLevel: 'ReadCommitted', maxWait: WAIT.connectionMs, timeout: WAIT.transactionMs },
    )
    .then((rolledBack) => {
      redemptionActivity.rolledBack += rolledBack.length;
      return rolledBack;
    })
    .finally(() => changeBus().announce('livePromotions', null));
}

function alreadyRolledBack(orderRef: string, redemptions: Redemption[]): AlreadyRolledBackError {
  const times = redemptions.flatMap((redemption) => (redemption.rolledBackAt ? [redemption.rolledBackAt.getTime()] : []));
  return new AlreadyRolledBackError(orderRef, new Date(Math.max(0, ...times)));
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

/** What recording this redemption used up: the promotion's last redemption, the rest of its budget (webhooks). */
function whatItUsedUp(promotion: LockedPromotion, discount: number, currency: string, at: Date): UsedUp[] {
  const used: UsedUp[] = [];
  const count = promotion.redemptionCount + 1;
  if (promotion.usageLimit != null && promotion.redemptionCount < promotion.usageLimit && count >= promotion.usageLimit) {
    used.push({ kind: 'limit', promotionId: promotion.id, at, currency, usageLimit: promotion.usageLimit, redemptionCount: count });
  }
  const given = promotion.discountGiven + discount;
  if (promotion.budget != null && promotion.discountGiven < promotion.budget && given >= promotion.budget) {
    used.push({ kind: 'budget', promotionId: promotion.id, at, currency, budget: promotion.budget, discountGiven: given });
  }
  return used;
}

function limitReached(promotion: LockedPromotion, usage: Usage, customerKnown: boolean, discount: number): RejectedReason | null {
  if (promotion.usageLimit != null && promotion.redemptionCount >= promotion.usageLimit) return 'LIMIT_REACHED';
  if (countedLimitReached(promotion, usage, customerKnown)) return 'LIMIT_REACHED';
  if (promotion.budget != null && promotion.discountGiven + discount > promotion.budget) return 'BUDGET_SPENT';
  return null;
}
