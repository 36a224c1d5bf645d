// The periodic check sends experiment.srm_detected once when a running experiment's arms are
// far from their planned split (here: 700 held out and 1,300 treated where 1,000 and 1,000
// were planned), and nothing for an experiment that is not running or has nobody exposed yet.
import { beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '../../src/db/client.js';
import { checkRunningExperiments } from '../../src/experiments/alerts.js';
import { holdoutArms } from '../../src/experiments/experiments.js';
import { fixedClock, systemClock } from '../../src/shared/clock.js';
import { createTestClient, type TestClient } from '../support/http.js';

let client: TestClient;

beforeAll(async () => {
  client = await createTestClient();
  await client.ok(`mutation ($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { __typename } }`, {
    input: { url: 'http://127.0.0.1:9/experiments', eventTypes: ['EXPERIMENT_SIGNIFICANT', 'EXPERIMENT_SRM_DETECTED'] },
  });
});

describe('the experiments check', () => {
  it('announces a sample ratio mismatch once, and ignores experiments that do not run', async () => {
    const promotion = await prisma.promotion.create({ data: { name: 'Skewed', status: 'ACTIVE', currency: 'USD', effects: [] } });
    const draft = await prisma.promotion.create({ data: { name: 'Draft', status: 'ACTIVE', currency: 'USD', effects: [] } });
    const exposedAt = new Date(Date.now() - 3_600_000);
    const running = await prisma.experiment.create({
      data: { promotionId: promotion.id, salt: 'skewed', arms: holdoutArms(5_000), expectedSampleSize: 2_000, startedAt: exposedAt },
    });
    await prisma.experiment.create({ data: { promotionId: draft.id, salt: 'draft', arms: holdoutArms(5_000), expectedSampleSize: 2_000 } });
    // Started, nobody exposed yet: nothing to say, and no failure.
    const quiet = await prisma.promotion.create({ data: { name: 'Quiet', status: 'ACTIVE', currency: 'USD', effects: [] } });
    await prisma.experiment.create({
      data: { promotionId: quiet.id, salt: 'quiet', arms: holdoutArms(1_000), expectedSampleSize: 2_000, startedAt: exposedAt },
    });
    await prisma.customer.createMany({ data: Array.from({ length: 2_000 }, (_, index) => ({ externalId: `srm-${index}`, registeredAt: exposedAt })) });
    const customers = await prisma.customer.findMany({ select: { id: true }, orderBy: { externalId: 'asc' } });
    await prisma.experimentAssignment.createMany({
      data: customers.map((customer, index) => ({
        experimentId: running.id,
        customerId: customer.id,
        arm: index < 700 ? 'holdout' : 'treatment',
        exposedAt,
        discountAmount: 0,
      })),
    });

    // Two instances whose timers come round together: the alert is sent once, each experiment checked by one of them.
    const clock = fixedClock(new Date());
    const claimed = { notCheckedWithinMs: 60_000 };
    const [one, two] = await Promise.all([checkRunningExperiments(clock, claimed), checkRunningExperiments(clock, claimed)]);
    expect([...one, ...two]).toEqual([{ experimentId: running.id, type: 'experiment.srm_detected' }]);
    const checkedAt = async () => (await prisma.experiment.findFirstOrThrow({ where: { salt: 'quiet' } })).checkedAt;
    expect(await checkedAt()).toEqual(clock.now());
    const first = clock.now();
    // Within the claim, nobody checks it again; past it, the next timer does.
    clock.advance(30_000);
    await checkRunningExperiments(clock, claimed);
    expect(await checkedAt()).toEqual(first);
    clock.advance(31_000);
    await checkRunningExperiments(clock, claimed);
    expect(await checkedAt()).toEqual(clock.now());
    expect(await checkRunningExperiments(systemClock)).toEqual([]);
    const events = await prisma.webhookEvent.findMany({ where: { type: { startsWith: 'experiment.' } } });
    expect(events).toHaveLength(1);
    expect(events[0]?.payload).toMatchObject({
      type: 'experiment.srm_detected',
      data: { promotion: { name: 'Skewed' }, exposed: { heldOut: 700, treated: 1_300 }, verdict: { kind: 'sample-ratio-mismatch' } },
    });
    expect((await prisma.experiment.findUniqueOrThrow({ where: { id: running.id } })).srmDetectedAt).not.toBeNull();
  });
});
