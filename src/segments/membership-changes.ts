// Entries and exits as they are recorded, for GraphQL subscriptions (`segmentMembershipChanged`,
// over server-sent events): tracking publishes after each transaction that recorded changes
// commits, on the process's change bus. Subscribers always hear the changes of their own instance.
// With REDIS_URL, each change is also sent through Redis, and each instance announces the
// changes other instances sent; while Redis is away, subscribers still hear their own
// instance's changes (and /ready says Redis is degraded), and hear the others' again once it is back.
import { randomUUID } from 'node:crypto';
import { createPubSub } from 'graphql-yoga';
import type { Redis } from 'ioredis';
import { changeBus, type ChangeBus, type MembershipChangeMessage } from '../shared/change-bus.js';
import { logger } from '../shared/logger.js';
import { connectRedis } from '../shared/redis.js';

type Channels = { segmentMembershipChanged: [segmentId: string, change: MembershipChangeMessage] };

const REDIS_CHANNEL = 'cohort:segment-membership-changes';

/** Publishes committed changes on the process's change bus: to the subscribers of their segments, here and (through Redis) on other instances. Never throws: the changes are recorded. */
export function publishMembershipChanges(changes: readonly MembershipChangeMessage[]): void {
  if (changes.length > 0) void changeBus().announce('membership', changes);
}

/** Each bus's subscribers, by segment: fed by every "membership" change the bus hears, this instance's and the others'. */
const subscribers = new WeakMap<ChangeBus, ReturnType<typeof createPubSub<Channels>>>();

/** The changes of one segment from now on, recorded by any instance. */
export function subscribeToMembershipChanges(segmentId: string) {
  const bus = changeBus();
  let pubsub = subscribers.get(bus);
  if (!pubsub) {
    const created = createPubSub<Channels>();
    bus.on('membership', (changes) => {
      for (const change of changes) created.publish('segmentMembershipChanged', change.segmentId, change);
    });
    subscribers.set(bus, created);
    pubsub = created;
  }
  return pubsub.subscribe('segmentMembershipChanged', segmentId);
}

/**
 * Carries the bus's membership changes between instances through Redis at `redisUrl` (REDIS_URL):
 * sends this instance's, announces the others' as remote. Connects now, so /ready reports its
 * connections from the start; while Redis is away, subscribers still hear their own instance's changes.
 */
export function carryMembershipChanges(bus: ChangeBus, redisUrl: string): { close(): Promise<void> } {
  // Which instance sent a change: an instance passes on only the others' (its own reached its subscribers directly).
  const origin = randomUUID();
  const publisher: Redis = connectRedis(redisUrl, 'segment membership events, publishing');
  const subscriber: Redis = connectRedis(redisUrl, 'segment membership events, listening', { subscriber: true });
  subscriber.subscribe(REDIS_CHANNEL).catch((error: Error) => logger.debug(`Redis subscribe failed (retried on reconnect): ${error.message}`));
  subscriber.on('message', (channel: string, text: string) => {
    if (channel !== REDIS_CHANNEL) return;
    try {
      const message = JSON.parse(text) as { origin: string; changes: MembershipChangeMessage[] };
      if (message.origin !== origin) void bus.announce('membership', message.changes, { remote: true });
    } catch (error) {
      logger.warn(`An unreadable segment membership message came through Redis: ${(error as Error).message}`);
    }
  });
  const stop = bus.on('membership', (changes, { remote }) => {
    if (remote) return;
    publisher
      .publish(REDIS_CHANNEL, JSON.stringify({ origin, changes }))
      .catch(() => undefined /* Redis away: logged once by its connection; this instance's subscribers have them */);
  });
  return {
    async close() {
      stop();
      await Promise.all([publisher.quit().catch(() => undefined), subscriber.quit().catch(() => undefined)]);
    },
  };
}
