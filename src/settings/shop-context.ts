// The shop settings the storefront's questions need (the time zone and cart abandonment delay
// that conditions read, what to do with an unknown customer), cached because the hot path needs
// them on every request. A change is heard at once (the runtime forgets them on the change bus's
// "settings" topic, which other instances' writes reach through db/changes.ts); the short TTL is a
// second net, judged by the caller's clock (the moment it works at), never the process's, so a
// test on a fixed clock reads them exactly as often as it expects.
import { prisma } from '../db/client.js';
import { type ShopContext } from '@cohort/plugin-sdk';
import type { UnknownCustomerPolicy } from '../generated/prisma/enums.js';

export interface StorefrontSettings {
  /** What conditions read. */
  context: ShopContext;
  /** ANONYMOUS: a customer Cohort does not know yet is answered as an anonymous shopper; ERROR: refused. */
  unknownCustomers: UnknownCustomerPolicy;
}

const TTL_MS = 5_000;
let cached: { value: StorefrontSettings; readAt: number } | null = null;

/** Moves on every forget: settings read before a forget are not kept after it. */
let generation = 0;

/** The settings as of `now` (the caller's moment): the cached ones if read less than the TTL before it (and not after it: a clock set back reads again). */
export async function getStorefrontSettings(now: Date): Promise<StorefrontSettings> {
  const at = now.getTime();
  if (cached && at >= cached.readAt && at - cached.readAt < TTL_MS) return cached.value;
  const readAt = generation;
  const settings = await prisma.shopSettings.findUnique({ where: { id: 1 } });
  const value: StorefrontSettings = {
    context: { timeZone: settings?.timeZone ?? 'UTC', cartAbandonmentMinutes: settings?.cartAbandonmentMinutes ?? 60 },
    unknownCustomers: settings?.unknownCustomers ?? 'ANONYMOUS',
  };
  if (generation === readAt) cached = { value, readAt: at };
  return value;
}

export async function getShopContext(now: Date): Promise<ShopContext> {
  return (await getStorefrontSettings(now)).context;
}

/** Called after the settings change, so this process sees the new values at once. */
export function forgetShopContext(): void {
  generation += 1;
  cached = null;
}
