// "The live promotions changed": the one notifier for it. Writes that change what the
// storefront offers (promotions, their segments, segment rules, a redemption that uses up a
// limit) announce it here, as does the listener that hears other instances; each server's
// live promotions (checkout/live-promotions.ts) listen and read them afresh. Here, below
// promotions/, segments/ and checkout/, so that those who write and those who listen need not
// import each other.
const listeners = new Set<() => void>();

export function announceLivePromotionsChange(): void {
  for (const listener of listeners) listener();
}

/** Calls `listener` on every change; returns the function that stops it. */
export function onLivePromotionsChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
