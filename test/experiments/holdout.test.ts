// A promotion with a running holdout, through the API: held-out customers are answered as if
// the promotion did not exist (the storefront cannot tell), explainEligibility says HELD_OUT,
// they cannot redeem it, each customer's arm is stored once with the discount at stake, guests
// are not placed, and the cart page costs no more statements (one insert at first exposure).
import { beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '../../src/db/client.js';
import { createTestClient, type TestClient } from '../support/http.js';
import { recordQueries } from '../support/queries.js';

let client: TestClient;
let promotionId: string;
let experimentId: string;

const ELIGIBLE = `query ($input: EligibilityInput!) { eligiblePromotions(input: $input) { ... on QueryEligiblePromotionsSuccess { data {
  discountTotal { amount } promotions { promotion { name } } notApplied { promotion { name } reason } messages { text } nearlyEligible { missing { amount } } } } } }`;
const EXPLAIN = `query ($input: EligibilityInput!) { explainEligibility(input: $input) { ... on QueryExplainEligibilitySuccess { data { promotion { name } applied reason } } } }`;
const REDEEM = `mutation ($input: RedeemInput!) { redeem(input: $input) { ... on MutationRedeemSuccess { data { redemptions { promotion { name } } } } ... on Error { message } } }`;
const CREATE = `mutation ($input: CreateExperimentInput!) { createExperiment(input: $input) { __typename
  ... on MutationCreateExperimentSuccess { data { experiment { id state holdoutBasisPoints coverageBasisPoints } } } ... on Error { message } } }`;
const MOVE = (name: 'startExperiment' | 'stopExperiment') =>
  `mutation ($id: ID!) { ${name}(input: { id: $id }) { __typename ... on ${name === 'startExperiment' ? 'MutationStartExperimentSuccess' : 'MutationStopExperimentSuccess'} { data { experiment { state } } } ... on Error { message } } }`;

const cart = { currency: 'USD', lines: [{ sku: 'HOLD-ITEM', quantity: 2 }] };
const inputFor = (externalId: string | null) => ({ ...(externalId ? { customer: { externalId } } : {}), cart });
const eligible = async (externalId: string | null) => (await client.ok(ELIGIBLE, { input: inputFor(externalId) }, 'storefront')).eligiblePromotions.data;
/** Leaves out the reads of the key and the shop settings, cached for seconds: a slow machine may read them again between two requests. */
const uncached = (queries: string[]) => queries.filter((text) => !/FROM ("public"\.)?"(ApiKey|ShopSettings)"/.test(text));
const CUSTOMERS = Array.from({ length: 24 }, (_, index) => `hold-${index}`);

beforeAll(async () => {
  client = await createTestClient();
  await prisma.product.create({ data: { sku: 'HOLD-ITEM', name: 'Item', price: 5_000, currency: 'USD' } });
  await prisma.customer.createMany({ data: CUSTOMERS.map((externalId) => ({ externalId, registeredAt: new Date('2025-01-01T00:00:00Z') })) });
  const created = await client.ok(
    `mutation ($input: CreatePromotionInput!) { createPromotion(input: $input) { ... on MutationCreatePromotionSuccess { data { promotion { id } } } } }`,
    { input: { name: 'Ten percent', status: 'ACTIVE', currency: 'USD', effects: [{ percentageOff: { percent: 10 } }] } },
  );
  promotionId = created.createPromotion.data.promotion.id;
});

describe('an experiment', () => {
  it('is created with its inputs checked, each named in the error', async () => {
    const bad = await client.request(CREATE, { input: { promotion: promotionId, holdoutBasisPoints: 10_000, expectedSampleSize: 1_000 } });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.extensions?.issues).toEqual([expect.objectContaining({ path: 'input.holdoutBasisPoints' })]);
    const small = await client.request(CREATE, { input: { promotion: promotionId, holdoutBasisPoints: 5_000, expectedSampleSize: 3 } });
    expect(small.errors?.[0]?.extensions?.issues).toEqual([expect.objectContaining({ path: 'input.expectedSampleSize' })]);

    const made = await client.ok(CREATE, { input: { promotion: promotionId, holdoutBasisPoints: 5_000, expectedSampleSize: 1_000 } });
    expect(made.createExperiment.data.experiment).toMatchObject({ state: 'DRAFT', holdoutBasisPoints: 5_000, coverageBasisPoints: 10_000 });
    experimentId = made.createExperiment.data.experiment.id;
    const again = await client.request(CREATE, { input: { promotion: promotionId, holdoutBasisPoints: 5_000, expectedSampleSize: 1_000 } });
    expect(again.data?.createExperiment.__typename).toBe('ConflictError');
    // A storefront key may not make one.
    const storefront = await client.request(CREATE, { input: { promotion: promotionId, holdoutBasisPoints: 5_000, expectedSampleSize: 1_000 } }, 'storefront');
    expect(JSON.stringify(storefront)).toMatch(/FORBIDDEN|Not authorized/i);
  });

  it('holds out nobody before it starts', async () => {
    expect((await eligible('hold-0')).discountTotal.amount).toBe(1_000);
    expect(await prisma.experimentAssignment.count()).toBe(0);
  });

  it('once started, answers held-out customers as if the promotion did not exist, and stores each arm once', async () => {
    expect((await client.ok(MOVE('startExperiment'), { id: experimentId })).startExperiment.data.experiment.state).toBe('RUNNING');
    const again = await client.request(MOVE('startExperiment'), { id: experimentId });
    expect(again.data?.startExperiment.__typename).toBe('ConflictError');
    // Nobody exposed yet: every figure is zero and the verdict waits.
    const empty = await client.ok(
      `query ($id: ID!) { node(id: $id) { ... on Experiment { results { arms { exposed conversionRate netRevenuePerCustomer { amount } } sampleRatio { mismatch pValue } metrics { name } verdictKind } } } }`,
      { id: experimentId },
    );
    expect(empty.node.results).toEqual({
      arms: [
        { exposed: 0, conversionRate: 0, netRevenuePerCustomer: { amount: 0 } },
        { exposed: 0, conversionRate: 0, netRevenuePerCustomer: { amount: 0 } },
      ],
      sampleRatio: { mismatch: false, pValue: 1 },
      metrics: [],
      verdictKind: 'NOT_ENOUGH_DATA',
    });

    const answers = new Map<string, Awaited<ReturnType<typeof eligible>>>();
    for (const customer of CUSTOMERS) answers.set(customer, await eligible(customer));
    const stored = await prisma.experimentAssignment.findMany({ include: { customer: true } });
    expect(stored).toHaveLength(CUSTOMERS.length);
    const arms = new Set(stored.map((row) => row.arm));
    expect(arms).toEqual(new Set(['holdout', 'treatment']));
    for (const row of stored) {
      const answer = answers.get(row.customer.externalId);
      // The discount at stake is recorded for both arms: given, or what would have been given.
      expect(row.discountAmount).toBe(1_000);
      if (row.arm === 'holdout') {
        expect(answer).toEqual({ discountTotal: { amount: 0 }, promotions: [], notApplied: [], messages: [], nearlyEligible: [] });
      } else {
        expect(answer?.discountTotal.amount).toBe(1_000);
      }
    }

    const heldOut = stored.find((row) => row.arm === 'holdout')!.customer.externalId;
    const treated = stored.find((row) => row.arm === 'treatment')!.customer.externalId;
    // Sticky: asked again, the same answer and no second row.
    expect((await eligible(heldOut)).discountTotal.amount).toBe(0);
    expect(await prisma.experimentAssignment.count()).toBe(CUSTOMERS.length);

    const explained = await client.ok(EXPLAIN, { input: inputFor(heldOut) });
    expect(explained.explainEligibility.data).toEqual([{ promotion: { name: 'Ten percent' }, applied: false, reason: 'HELD_OUT' }]);
    const explainedTreated = await client.ok(EXPLAIN, { input: inputFor(treated) });
    expect(explainedTreated.explainEligibility.data).toEqual([{ promotion: { name: 'Ten percent' }, applied: true, reason: null }]);

    // A held-out customer's order records nothing, as an ineligible one's.
    const redeemed = await client.ok(REDEEM, { input: { ...inputFor(heldOut), orderRef: 'HOLD-ORDER-1' } }, 'storefront');
    expect(redeemed.redeem.data.redemptions).toEqual([]);
    const redeemedTreated = await client.ok(REDEEM, { input: { ...inputFor(treated), orderRef: 'HOLD-ORDER-2' } }, 'storefront');
    expect(redeemedTreated.redeem.data.redemptions).toEqual([{ promotion: { name: 'Ten percent' } }]);
  });

  it("reads a held-out customer's code as one whose promotion is not live", async () => {
    const created = await client.ok(
      `mutation ($input: CreatePromotionInput!) { createPromotion(input: $input) { ... on MutationCreatePromotionSuccess { data { promotion { id } } } } }`,
      { input: { name: 'Code only', status: 'ACTIVE', currency: 'USD', requiresVoucher: true, effects: [{ amountOff: { amount: 500 } }] } },
    );
    const codePromotion = created.createPromotion.data.promotion.id;
    await client.ok(`mutation ($input: CreateVoucherCodesInput!) { createVoucherCodes(input: $input) { __typename } }`, {
      input: { promotion: codePromotion, codes: ['HOLDCODE'] },
    });
    const experiment = await client.ok(CREATE, { input: { promotion: codePromotion, holdoutBasisPoints: 5_000, expectedSampleSize: 1_000 } });
    await client.ok(MOVE('startExperiment'), { id: experiment.createExperiment.data.experiment.id });
    const VALIDATE = `query ($input: VoucherCheckInput!) { validateVoucher(input: $input) { ... on QueryValidateVoucherSuccess { data { applied reason promotion { name } } } } }`;
    const answers = new Map<string, { applied: boolean; reason: string | null; promotion: { name: string } | null }>();
    for (const customer of CUSTOMERS) {
      answers.set(
        customer,
        (await client.ok(VALIDATE, { input: { code: 'HOLDCODE', customer: { externalId: customer }, cart } }, 'storefront')).validateVoucher.data,
      );
    }
    const stored = await prisma.experimentAssignment.findMany({ where: { experiment: { promotion: { name: 'Code only' } } }, include: { customer: true } });
    expect(stored).toHaveLength(CUSTOMERS.length);
    expect(new Set(stored.map((row) => row.arm))).toEqual(new Set(['holdout', 'treatment']));
    for (const row of stored) {
      expect(answers.get(row.customer.externalId)).toEqual(
        row.arm === 'holdout' ? { applied: false, reason: 'SCHEDULE', promotion: null } : { applied: true, reason: null, promotion: { name: 'Code only' } },
      );
    }
    await client.ok(MOVE('stopExperiment'), { id: experiment.createExperiment.data.experiment.id });
    await prisma.promotion.delete({ where: { id: (await prisma.promotion.findFirstOrThrow({ where: { name: 'Code only' } })).id } });
  });

  it('stores one arm for a customer first seen by several requests at once', async () => {
    await prisma.customer.create({ data: { externalId: 'hold-burst', registeredAt: new Date('2025-01-01T00:00:00Z') } });
    const answers = await Promise.all(Array.from({ length: 8 }, () => eligible('hold-burst')));
    const rows = await prisma.experimentAssignment.findMany({ where: { customer: { externalId: 'hold-burst' } } });
    expect(rows).toHaveLength(1);
    expect(new Set(answers.map((answer) => answer.discountTotal.amount))).toEqual(new Set([rows[0]!.arm === 'holdout' ? 0 : 1_000]));
  });

  it('does not place guests: they get the promotion and are not counted', async () => {
    const before = await prisma.experimentAssignment.count();
    expect((await eligible(null)).discountTotal.amount).toBe(1_000);
    expect(await prisma.experimentAssignment.count()).toBe(before);
  });

  it('costs the cart page no statement of its own: stored arms come with the shopper, and a first exposure is one insert', async () => {
    client.promotions.setTtl(60_000);
    try {
      await eligible('hold-0');
      const known = await recordQueries(() => eligible('hold-0'));
      const knownQueries = uncached(known.queries);
      expect(knownQueries, knownQueries.join('\n---\n')).toHaveLength(1);
      expect(knownQueries[0]).toContain('"_shopper"');
      expect(knownQueries[0]).toContain('"ExperimentAssignment"');

      await prisma.customer.create({ data: { externalId: 'hold-new', registeredAt: new Date('2025-01-01T00:00:00Z') } });
      const first = await recordQueries(() => eligible('hold-new'));
      const firstQueries = uncached(first.queries);
      expect(firstQueries, firstQueries.join('\n---\n')).toHaveLength(2);
      expect(firstQueries[1]).toContain('INSERT INTO "ExperimentAssignment"');
    } finally {
      client.promotions.setTtl(0);
    }
  });

  it('reports its arms and verdict, and once stopped gives everyone the promotion again', async () => {
    const results = await client.ok(
      `query ($id: ID!) { node(id: $id) { ... on Experiment { state promotion { name } results { arms { key heldOut exposed exposureDiscount { amount currency } redeemed } sampleRatio { mismatch } verdictKind verdict } } } }`,
      { id: experimentId },
    );
    const { arms, verdictKind, verdict } = results.node.results;
    expect(arms.map((arm: { key: string }) => arm.key)).toEqual(['holdout', 'treatment']);
    // Everyone, 'hold-burst' and 'hold-new'.
    expect(arms.reduce((sum: number, arm: { exposed: number }) => sum + arm.exposed, 0)).toBe(CUSTOMERS.length + 2);
    expect(arms[0].redeemed).toBe(0);
    expect(arms[1].redeemed).toBe(1);
    expect(verdictKind).toBe('NOT_ENOUGH_DATA');
    expect(verdict).toMatch(/^not enough data yet/);
    const byPromotion = await client.ok(`query { promotions { edges { node { experiment { state } } } } }`);
    expect(byPromotion.promotions.edges[0].node.experiment.state).toBe('RUNNING');

    expect((await client.ok(MOVE('stopExperiment'), { id: experimentId })).stopExperiment.data.experiment.state).toBe('STOPPED');
    const heldOut = (await prisma.experimentAssignment.findFirstOrThrow({ where: { arm: 'holdout' }, include: { customer: true } })).customer.externalId;
    expect((await eligible(heldOut)).discountTotal.amount).toBe(1_000);
  });

  it("does not let a held-out customer's code cost them a promotion that does not combine with codes", async () => {
    const create = async (input: Record<string, unknown>) =>
      (
        await client.ok(
          `mutation ($input: CreatePromotionInput!) { createPromotion(input: $input) { ... on MutationCreatePromotionSuccess { data { promotion { id } } } } }`,
          { input: { status: 'ACTIVE', currency: 'USD', ...input } },
        )
      ).createPromotion.data.promotion.id as string;
    await create({ name: 'Auto, no codes', combinesWithVouchers: false, effects: [{ percentageOff: { percent: 5 } }] });
    const codePromotion = await create({ name: 'Code two', requiresVoucher: true, effects: [{ amountOff: { amount: 300 } }] });
    await client.ok(`mutation ($input: CreateVoucherCodesInput!) { createVoucherCodes(input: $input) { __typename } }`, {
      input: { promotion: codePromotion, codes: ['HOLDTWO'] },
    });
    const experiment = await client.ok(CREATE, { input: { promotion: codePromotion, holdoutBasisPoints: 5_000, expectedSampleSize: 1_000 } });
    await client.ok(MOVE('startExperiment'), { id: experiment.createExperiment.data.experiment.id });
    const applied = new Map<string, string[]>();
    for (const customer of CUSTOMERS) {
      const answer = await client.ok(ELIGIBLE, { input: { ...inputFor(customer), voucherCodes: ['HOLDTWO'] } }, 'storefront');
      applied.set(
        customer,
        answer.eligiblePromotions.data.promotions.map((entry: { promotion: { name: string } }) => entry.promotion.name),
      );
    }
    const stored = await prisma.experimentAssignment.findMany({ where: { experiment: { promotion: { name: 'Code two' } } }, include: { customer: true } });
    expect(new Set(stored.map((row) => row.arm))).toEqual(new Set(['holdout', 'treatment']));
    for (const row of stored) {
      const names = applied.get(row.customer.externalId);
      // Held out: as without the code, the automatic promotion applies; treated: the code's promotion, which the automatic one does not combine with.
      const [gets, not] = row.arm === 'holdout' ? ['Auto, no codes', 'Code two'] : ['Code two', 'Auto, no codes'];
      expect(names).toContain(gets);
      expect(names).not.toContain(not);
    }
  });

  it('answers the shopper when a first exposure cannot be stored (a read-only or lost database, an erased customer), and stores it at the next evaluation', async () => {
    await prisma.customer.create({ data: { externalId: 'hold-unwritable', registeredAt: new Date('2025-01-01T00:00:00Z') } });
    const experiment = (await prisma.experiment.findFirstOrThrow({ where: { promotion: { name: 'Code two' } } })).id;
    await prisma.$executeRawUnsafe(`CREATE FUNCTION refuse_exposures() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'read-only, say'; END $$`);
    await prisma.$executeRawUnsafe(`CREATE TRIGGER refuse_exposures BEFORE INSERT ON "ExperimentAssignment" FOR EACH ROW EXECUTE FUNCTION refuse_exposures()`);
    const ask = () => client.ok(ELIGIBLE, { input: { ...inputFor('hold-unwritable'), voucherCodes: ['HOLDTWO'] } }, 'storefront');
    try {
      const answered = await ask();
      expect(answered.eligiblePromotions.data.promotions.length).toBeGreaterThan(0);
      expect(await prisma.experimentAssignment.count({ where: { experimentId: experiment, customer: { externalId: 'hold-unwritable' } } })).toBe(0);
    } finally {
      await prisma.$executeRawUnsafe(`DROP TRIGGER refuse_exposures ON "ExperimentAssignment"`);
      await prisma.$executeRawUnsafe(`DROP FUNCTION refuse_exposures()`);
    }
    const again = await ask();
    const stored = await prisma.experimentAssignment.findFirstOrThrow({ where: { experimentId: experiment, customer: { externalId: 'hold-unwritable' } } });
    // The same answer both times: the arm is the hash's, stored or not.
    const names = (answer: typeof again) => answer.eligiblePromotions.data.promotions.map((entry: { promotion: { name: string } }) => entry.promotion.name);
    expect(names(again)).toContain(stored.arm === 'holdout' ? 'Auto, no codes' : 'Code two');
  });

  it('ends with its promotion: archiving a promotion stops its running experiment', async () => {
    const experiment = await prisma.experiment.findFirstOrThrow({ where: { promotion: { name: 'Code two' } } });
    expect(experiment.stoppedAt).toBeNull();
    const state = async () =>
      (
        await client.ok(`query ($id: ID!) { node(id: $id) { ... on Experiment { state } } }`, {
          id: Buffer.from(`Experiment:${experiment.id}`).toString('base64'),
        })
      ).node.state;
    expect(await state()).toBe('RUNNING');
    await client.ok(`mutation ($input: ArchivePromotionInput!) { archivePromotion(input: $input) { __typename } }`, {
      input: { id: Buffer.from(`Promotion:${experiment.promotionId}`).toString('base64') },
    });
    expect(await state()).toBe('STOPPED');
    // One that never started does not start over a retired promotion.
    const retired = (
      await client.ok(
        `mutation ($input: CreatePromotionInput!) { createPromotion(input: $input) { ... on MutationCreatePromotionSuccess { data { promotion { id } } } } }`,
        { input: { name: 'Retired first', status: 'ACTIVE', currency: 'USD', effects: [{ percentageOff: { percent: 5 } }] } },
      )
    ).createPromotion.data.promotion.id as string;
    const draft = await client.ok(CREATE, { input: { promotion: retired, holdoutBasisPoints: 5_000, expectedSampleSize: 1_000 } });
    await client.ok(`mutation ($input: ArchivePromotionInput!) { archivePromotion(input: $input) { __typename } }`, { input: { id: retired } });
    const refused = await client.request(MOVE('startExperiment'), { id: draft.createExperiment.data.experiment.id });
    expect(refused.data?.startExperiment).toMatchObject({ __typename: 'ConflictError', message: expect.stringContaining('archived') });
  });
});
