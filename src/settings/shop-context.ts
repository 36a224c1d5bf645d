// The shop settings that conditions read (time zone, cart abandonment delay), cached
// briefly because the storefront's hot path needs them on every request.
import { prisma } from '../db/client.js';
import { type ShopContext } from '@cohort/plugin-sdk';

const TTL_MS = 5_000;
let cached: { value: ShopContext; expiresAt: number } | null = null;

/** Moves on every forget: settings read before a forget are not kept after it. */
let generation = 0;

export async function getShopContext(): Promise<ShopContext> {
  if (cached && cached.expiresAt > Date.now()) return cached.value;
  const readAt = generation;
  const settings = await prisma.shopSettings.findUnique({ where: { id: 1 } });
  const value: ShopContext = { timeZone: settings?.timeZone ?? 'UTC', cartAbandonmentMinutes: settings?.cartAbandonmentMinutes ?? 60 };
  if (generation === readAt) cached = { value, expiresAt: Date.now() + TTL_MS };
  return value;
}

/** Called after the settings change, so this process sees the new values at once. */
export function forgetShopContext(): void {
  generation += 1;
  cached = null;
}
