// The shop settings the storefront's questions need (the time zone and cart abandonment delay
// that conditions read, what to do with an unknown customer), cached briefly because the hot
// path needs them on every request.
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
let cached: { value: StorefrontSettings; expiresAt: number } | null = null;

/** Moves on every forget: settings read before a forget are not kept after it. */
let generation = 0;

export async function getStorefrontSettings(): Promise<StorefrontSettings> {
  if (cached && cached.expiresAt > Date.now()) return cached.value;
  const readAt = generation;
  const settings = await prisma.shopSettings.findUnique({ where: { id: 1 } });
  const value: StorefrontSettings = {
    context: { timeZone: settings?.timeZone ?? 'UTC', cartAbandonmentMinutes: settings?.cartAbandonmentMinutes ?? 60 },
    unknownCustomers: settings?.unknownCustomers ?? 'ANONYMOUS',
  };
  if (generation === readAt) cached = { value, expiresAt: Date.now() + TTL_MS };
  return value;
}

export async function getShopContext(): Promise<ShopContext> {
  return (await getStorefrontSettings()).context;
}

/** Called after the settings change, so this process sees the new values at once. */
export function forgetShopContext(): void {
  generation += 1;
  cached = null;
}
