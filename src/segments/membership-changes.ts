// Entries and exits as they are recorded, for GraphQL subscriptions (`segmentMembershipChanged`,
// over server-sent events): one publisher per process, which tracking calls after each
// transaction that recorded changes commits. With REDIS_URL the events go through Redis
// (@graphql-yoga/redis-event-target), so a subscriber on one instance hears the changes that
// another recorded; otherwise they stay in the process.
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub } from 'graphql-yoga';
import { Redis } from 'ioredis';
import { config } from '../config.js';
import type { MembershipCause } from '../generated/prisma/client.js';
import { logger } from '../shared/logger.js';

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

function open() {
  const url = config.rateLimits.redisUrl;
  if (!url) return { pubsub: createPubSub<Channels>(), close: async () => undefined };
  const connect = (role: string) => {
    // No offline queue: while Redis is away a publish fails at once instead of piling up.
    const client = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
    client.on('error', (error: Error) => logger.warn(`Redis (segment membership events, ${role}): ${error.message}`));
    return client;
  };
  const publishClient = connect('publish');
  const subscribeClient = connect('subscribe');
  // The event target does not await what it asks of Redis: a command that fails while Redis is
  // away would be an unhandled rejection, which stops the process. Each is caught and logged.
  const caught = (role: string) => (error: Error) => logger.warn(`Redis (segment membership events, ${role}): ${error.message}`);
  const publisher = { publish: (channel: string, message: string) => publishClient.publish(channel, message).catch(caught('publish')) } as unknown as Redis;
  const subscriber = {
    on: (event: string, listener: (...args: unknown[]) => void) => subscribeClient.on(event, listener),
    subscribe: (...channels: string[]) => subscribeClient.subscribe(...channels).catch(caught('subscribe')),
    unsubscribe: (...channels: string[]) => subscribeClient.unsubscribe(...channels).catch(caught('unsubscribe')),
  } as unknown as Redis;
  return {
    pubsub: createPubSub<Channels>({ eventTarget: createRedisEventTarget({ publishClient: publisher, subscribeClient: subscriber }) }),
    close: async () => {
      await Promise.all([publishClient.quit().catch(() => undefined), subscribeClient.quit().catch(() => undefined)]);
    },
  };
}

let channel: ReturnType<typeof open> | null = null;
const current = () => (channel ??= open());

/** Publishes committed changes to the subscribers of their segments (never throws: the changes are recorded). */
export function publishMembershipChanges(changes: readonly MembershipChangeMessage[]): void {
  if (changes.length === 0) return;
  try {
    const { pubsub } = current();
    for (const change of changes) pubsub.publish('segmentMembershipChanged', change.segmentId, change);
  } catch (error) {
    logger.warn(`Could not publish ${changes.length} segment membership change(s): ${(error as Error).message}`);
  }
}

/** The changes of one segment from now on. */
export function subscribeToMembershipChanges(segmentId: string) {
  return current().pubsub.subscribe('segmentMembershipChanged', segmentId);
}

/** Closes the Redis connections (shutdown). */
export async function closeMembershipChanges(): Promise<void> {
  const open = channel;
  channel = null;
  await open?.close();
}
