// A key's revocation reaches the streams it opened: an open subscription whose key is revoked
// ends at once with an error saying so, while streams of other keys go on; a key stripped of
// the scope its stream needs ends it too. (Across instances: test/trust/instances.test.ts.)
import { describe, expect, it } from 'vitest';
import { prisma } from '../../src/db/client.js';
import { changeBus } from '../../src/shared/change-bus.js';
import { createTestClient } from '../support/http.js';

const SUBSCRIBE = `subscription ($segment: ID!) { segmentMembershipChanged(segment: $segment) { entered } }`;

describe('revoking a key', () => {
  it('ends the subscriptions it opened at once, with an error saying why, and no other', async () => {
    const client = await createTestClient();
    const segment = await client.request(
      `mutation { createSegment(input: { name: "Watched", rule: { condition: { customerCategory: { categories: ["vip"] } } } }) { ... on MutationCreateSegmentSuccess { data { segment { id } } } } }`,
    );
    const segmentId = segment.data.createSegment.data.segment.id;
    const created = async (name: string) =>
      (
        await client.request(
          `mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { ... on MutationCreateApiKeySuccess { data { secret apiKey { id } } } } }`,
          { input: { name, scopes: ['ADMIN'] } },
        )
      ).data.createApiKey.data as { secret: string; apiKey: { id: string } };
    const doomed = await created('doomed');
    const other = await created('other');
    const watching = await client.subscribe(SUBSCRIBE, { segment: segmentId }, { key: doomed.secret });
    const still = await client.subscribe(SUBSCRIBE, { segment: segmentId }, { key: other.secret });
    expect([watching.status, still.status]).toEqual([200, 200]);

    const revoked = await client.request(`mutation ($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { __typename } }`, {
      input: { id: doomed.apiKey.id },
    });
    expect(revoked.data.revokeApiKey.__typename).toBe('MutationRevokeApiKeySuccess');
    const ended = await watching.next(1_000);
    expect(ended.errors?.[0]).toMatchObject({ message: 'The API key of this subscription was revoked', extensions: { code: 'UNAUTHENTICATED' } });
    await expect(watching.next(2_000)).rejects.toThrow('The subscription ended');

    // The other key's stream still hears changes (listening before the change: a stream is read as its client asks).
    const heard = still.next(5_000);
    await client.request(`mutation { upsertCustomer(input: { externalId: "watched-1", category: "vip" }) { __typename } }`);
    expect((await heard).data).toEqual({ segmentMembershipChanged: { entered: true } });

    // A key that loses the scope its stream needs (changed in the database, as by SQL) ends it too.
    await prisma.apiKey.update({ where: { id: decodeId(other.apiKey.id) }, data: { scopes: ['STOREFRONT'] } });
    await changeBus().announce('apiKeys', null, { remote: true }); // what the change notification does on PostgreSQL
    expect((await still.next(2_000)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await still.close();
    await watching.close();
  });
});

function decodeId(globalId: string): string {
  return Buffer.from(globalId, 'base64').toString('utf8').split(':').slice(1).join(':');
}
