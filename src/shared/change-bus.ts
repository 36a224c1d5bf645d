// "Something changed": one bus for every change a cache or a listener must hear of. Writers
// announce on it; the live promotions, the shop settings' and API keys' caches, open streams,
// the membership tracker and the GraphQL subscriptions listen. The runtime owns one bus per
// process (runtime.ts); transports carry some topics between instances: PostgreSQL's
// LISTEN/NOTIFY the first three (db/changes.ts: the database's triggers notify on commit, whoever
// writes), Redis segment entries and exits (segments/membership-changes.ts).
import type { MembershipCause } from '../generated/prisma/client.js';
import { logger } from './logger.js';

/** A recorded segment entry or exit, as it travels (JSON through Redis). */
export interface MembershipChangeMessage {
  id: string;
  segmentId: string;
  customerId: string;
  entered: boolean;
  /** ISO 8601. */
  at: string;
  cause: MembershipCause;
}

/** Each topic, and what its listeners are told. */
export interface ChangeTopics {
  /** Promotions, their segments and rules, or a limit used up: what the storefront is offered. */
  livePromotions: null;
  /** The shop's settings. */
  settings: null;
  /** API keys created, revoked or changed. */
  apiKeys: null;
  /** Customers whose data ingestion wrote, after its commit (their memberships are recorded before the mutation answers). */
  customers: readonly string[];
  /** Segment entries and exits, after the transaction that recorded them committed. */
  membership: readonly MembershipChangeMessage[];
}

export type ChangeTopic = keyof ChangeTopics;

/** `remote`: the change came from another instance, through a transport (which does not send it back out). */
export type ChangeListener<T extends ChangeTopic> = (change: ChangeTopics[T], from: { remote: boolean }) => void | Promise<unknown>;

export class ChangeBus {
  private readonly listeners: { [T in ChangeTopic]: Set<ChangeListener<T>> } = {
    livePromotions: new Set(),
    settings: new Set(),
    apiKeys: new Set(),
    customers: new Set(),
    membership: new Set(),
  };

  /** Calls `listener` with every change of `topic`; returns the function that stops it. */
  on<T extends ChangeTopic>(topic: T, listener: ChangeListener<T>): () => void {
    const listeners = this.listeners[topic] as Set<ChangeListener<T>>;
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  /**
   * Tells every listener of `topic`, and resolves once those that return a promise have settled.
   * Never throws: the change has happened; a listener that fails is logged (the caches it
   * feeds expire, and the reconciliation catches membership up).
   */
  async announce<T extends ChangeTopic>(topic: T, change: ChangeTopics[T], from = { remote: false }): Promise<void> {
    const settled = [...(this.listeners[topic] as Set<ChangeListener<T>>)].map(async (listener) => {
      try {
        await listener(change, from);
      } catch (error) {
        logger.error(`A listener of "${topic}" changes failed`, error);
      }
    });
    await Promise.all(settled);
  }
}

let bound: ChangeBus | null = null;

/** The root's bus (runtime.ts binds it when it opens). */
export function bindChangeBus(bus: ChangeBus): void {
  bound = bus;
}

/** The process's change bus, which the runtime bound. */
export function changeBus(): ChangeBus {
  if (!bound) throw new Error('No change bus is bound: the composition root (main.ts, the test setup, a script) calls openRuntime() first');
  return bound;
}
