// Entries and exits as they are recorded, for GraphQL subscriptions (`segmentMembershipChanged`,
// over server-sent events): tracking publishes after each transaction that recorded changes
// commits. Subscribers always hear the changes of their own instance (an in-process pubsub).
// With REDIS_URL, each change is also sent through Redis, and each instance passes on the
// changes other instances sent; while Redis is away, subscribers still hear their own
// instance's changes (and /ready says Redis is degraded), and hear the others' again once it is back.
import { randomUUID } from 'node:crypto';
import { createPubSub } from 'graphql-yoga';
import type { Redis } from 'ioredis';
import type { MembershipCause } from '../generated/prisma/client.js';
import { logger } from '../shared/logger.js';
import { connectRedis } from '../shared/redis.js';

/** A recorded entry or exit, as it travels (JSON through Redis). */
export interface MembershipChangeMessage {
  id: string;
  segmentId: string;
  customerId: string;
  entered: boolean;
  /** ISO 8601. */
  at: string;
  cause: MembershipCause;
}

type Channels = { segmentMembershipChanged: [segmentId: string, change: MembershipChangeMessage] };

const REDIS_CHANNEL = 'cohort:segment-membership-changes';

function open(url: string | null) {
  const local = createPubSub<Channels>();
  if (!url) return { local, forward: null as null | ((changes: readonly MembershipChangeMessage[]) => void), close: async () => undefined };
  // Which instance sent a change: an instance passes on only the others' (its own went to its subscribers directly).
  const origin = randomUUID();
  const publisher: Redis = connectRedis(url, 'segment membership events, publishing');
  const subscriber: Redis = connectRedis(url, 'segment membership events, listening', { subscriber: true });
  subscriber.subscribe(REDIS_CHANNEL).catch((error: Error) => logger.debug(`Redis subscribe failed (retried on reconnect): ${error.message}`));
  subscriber.on('message', (channel: string, text: string) => {
    if (channel !== REDIS_CHANNEL) return;
    try {
      const message = JSON.parse(text) as { origin: string; changes: MembershipChangeMessage[] };
      if (message.origin === origin) return;
      for (const change of message.changes) local.publish('segmentMembershipChanged', change.segmentId, change);
    } catch (error) {
      logger.warn(`An unreadable segment membership message came through Redis: ${(error as Error).message}`);
    }
  });
  const forward = (changes: readonly MembershipChangeMessage[]) => {
    publisher.publish(REDIS_CHANNEL, JSON.stringify({ origin, changes })).catch(() => undefined /* Redis away: logged once by its connection; this instance's subscribers have them */);
  };
  return {
    local,
    forward,
    close: async () => {
      await Promise.all([publisher.quit().catch(() => undefined), subscriber.quit().catch(() => undefined)]);
    },
  };
}

let channel: ReturnType<typeof open> | null = null;
// Until the root opens it with Redis's address (main.ts), changes reach this instance's subscribers only.
const current = () => (channel ??= open(null));

/** Publishes committed changes to the subscribers of their segments, here and (through Redis) on other instances. Never throws: the changes are recorded. */
export function publishMembershipChanges(changes: readonly MembershipChangeMessage[]): void {
  if (changes.length === 0) return;
  try {
    const { local, forward } = current();
    for (const change of changes) local.publish('segmentMembershipChanged', change.segmentId, change);
    forward?.(changes);
  } catch (error) {
    logger.warn(`Could not publish ${changes.length} segment membership change(s): ${(error as Error).message}`);
  }
}

/** The changes of one segment from now on, recorded by any instance. */
export function subscribeToMembershipChanges(segmentId: string) {
  return current().local.subscribe('segmentMembershipChanged', segmentId);
}

/** Opens the channel, through Redis at `redisUrl` when there is one (REDIS_URL), now: so /ready reports its connections from the start. */
export function openMembershipChanges(redisUrl: string | null): void {
  // Opened once, by the root, before anything publishes or subscribes: a channel already opened (local only) would keep Redis off unnoticed.
  if (channel) throw new Error('Membership changes were already opened: the root opens them (with Redis) before making servers');
  channel = open(redisUrl);
}

/** Closes the Redis connections (shutdown). */
export async function closeMembershipChanges(): Promise<void> {
  const open = channel;
  channel = null;
  await open?.close();
}
