// "The promotion catalogue changed": the one notifier for it. Writes that change what the
// storefront offers (promotions, their segments, segment rules, a redemption that uses up a
// limit) announce it here, as does the listener that hears other instances; each server's
// live promotions listen and read the catalogue afresh.
const listeners = new Set<() => void>();

export function announceCatalogueChange(): void {
  for (const listener of listeners) listener();
}

/** Calls `listener` on every change; returns the function that stops it. */
export function onCatalogueChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
