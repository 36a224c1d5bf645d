// For every condition that says when time alone may change its answer (`changesAt`), over
// generated customers and parameters: the answer does not change before that instant (it is
// never late), and a condition that says "never" gives the same answer far in the future.
// Being early is allowed (the customer is only checked again), being late is not: a late
// answer would record an exit after it happened.
import { writeShop } from '@cohort/plugin-sdk/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prisma, query } from '../../src/db/client.js';
import { createFactLoader } from '../../src/facts/loaders.js';
import { refreshRetentionBaseline } from '../../src/retention/baseline.js';
import { fixedClock } from '../../src/shared/clock.js';
import { conditionParams, customerFixture, customerFixtures, now, PRODUCTS } from '../support/condition-params.js';
import { registry } from '../support/registry.js';

const shop = { timeZone: 'UTC', cartAbandonmentMinutes: 60 };
const timed = registry.all().filter((condition) => condition.changesAt);

describe('changesAt', () => {
  it('is declared by the conditions over rolling windows and stages', () => {
    expect(timed.map((condition) => condition.type).sort()).toEqual(['amountSpent', 'lastOrder', 'orderCount', 'retentionStage', 'viewCount']);
  });

  it('is never late: the answer holds until then, and forever when it says never', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(customerFixture, { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: timed.length - 1 }), fc.integer(), fc.double({ min: 0, max: 1, noNaN: true }), async (customers, which, seed, fraction) => {
        const condition = timed[which]!;
        const written = await writeShop({ query }, PRODUCTS, customerFixtures(customers));
        await prisma.$transaction((tx) => refreshRetentionBaseline(tx, now));
        const [generated] = fc.sample(conditionParams[condition.type] as fc.Arbitrary<unknown>, { numRuns: 1, seed });
        const params = condition.params.parse(JSON.parse(JSON.stringify(generated), (_key, value) => (typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value) ? new Date(value) : value)));
        const load = createFactLoader(fixedClock(now));
        for (const id of written.customerIds.values()) {
          const facts = Object.fromEntries(await Promise.all(condition.facts.map(async (fact) => [fact.name, await load(fact, id)])));
          const answerAt = (at: Date) => condition.evaluate(params, facts as never, { now: at, shop, cart: null });
          const next = condition.changesAt!(params, facts as never, { now, shop, cart: null });
          const before = answerAt(now);
          if (next === null) {
            expect(answerAt(new Date(now.getTime() + 1_000 * 86_400_000)), `${condition.type} ${JSON.stringify(generated)}: said never`).toBe(before);
            continue;
          }
          expect(next.getTime()).toBeGreaterThan(now.getTime());
          const between = new Date(now.getTime() + Math.floor((next.getTime() - 1 - now.getTime()) * fraction));
          expect(answerAt(new Date(next.getTime() - 1)), `${condition.type} ${JSON.stringify(generated)}: changed before ${next.toISOString()}`).toBe(before);
          expect(answerAt(between), `${condition.type} ${JSON.stringify(generated)}: changed at ${between.toISOString()}`).toBe(before);
        }
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 25) * 2 },
    );
  });
});
