// Generators of shops, histories, parameters for every built-in condition and rule trees over
// them, shared by the property tests (memory against SQL, and stored rules read back).
import fc from 'fast-check';
import type { CustomerFixture, ProductFixture } from '@cohort/plugin-sdk/testing';
import type { RuleNode } from '../../src/rules/rule-tree.js';
import { DAY_MS } from '../../src/shared/clock.js';

export const now = new Date('2026-02-28T18:30:00Z');
const BRANDS = ['Trailblaze', 'Summit Co', 'AquaFlow'];
const CATEGORIES = ['shoes', 'jackets', 'membership'];
export const PRODUCTS: ProductFixture[] = BRANDS.flatMap((brand, b) =>
  CATEGORIES.map((category, c) => ({ sku: `P${b}${c}`, brand, category, price: 1000 + 1500 * b + 700 * c })),
);
export const SKUS = PRODUCTS.map((product) => product.sku);

/**
 * Days ago, biased towards the boundaries conditions use (exactly N days, N ± 1), and some
 * after now (negative: orders and events dated ahead, which count only from their date).
 */
const daysAgo = fc.oneof(
  { arbitrary: fc.constantFrom(0, 1, 2, 3, 29, 30, 31, 89, 90, 91, 364, 365, 366), weight: 2 },
  { arbitrary: fc.integer({ min: 0, max: 800 }), weight: 2 },
  { arbitrary: fc.constantFrom(-1, -2, -30, -365), weight: 1 },
);
const instant = fc
  .tuple(daysAgo, fc.integer({ min: -3_600_000, max: 3_600_000 }), fc.boolean())
  .map(([days, jitter, exact]) => new Date(now.getTime() - days * DAY_MS + (exact ? 0 : jitter)));
const sku = fc.constantFrom(...SKUS);
const casing = (values: string[]) => fc.constantFrom(...values).chain((value) => fc.constantFrom(value, value.toUpperCase(), ` ${value.toLowerCase()} `));

const money = (max: number) => fc.record({ amount: fc.integer({ min: 0, max }), currency: fc.constantFrom('USD', 'USD', 'EUR') });
const names = (values: string[]) => fc.array(casing(values), { minLength: 1, maxLength: 2 });
const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
const window = fc.oneof(
  fc.record({ lastDays: fc.constantFrom(1, 2, 3, 30, 90, 365) }),
  fc.record({ from: instant }),
  fc.record({ to: instant }),
  fc
    .tuple(instant, instant)
    .filter(([a, b]) => a.getTime() !== b.getTime())
    .map(([a, b]) => (a < b ? { from: a, to: b } : { from: b, to: a })),
);
/** Bounds of every kind (inclusive and exclusive), always holding at least one value. */
const countRange = fc.oneof(
  fc.record({ atLeast: fc.integer({ min: 0, max: 4 }) }),
  fc.record({ moreThan: fc.integer({ min: 0, max: 4 }) }),
  fc.record({ atMost: fc.integer({ min: 0, max: 4 }) }),
  fc.record({ lessThan: fc.integer({ min: 1, max: 4 }) }),
  fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 3 })).map(([low, extra]) => ({ atLeast: low, atMost: low + extra })),
  fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 2, max: 4 })).map(([low, extra]) => ({ moreThan: low, lessThan: low + extra })),
);
/** Bounds on an RFM score (1 to 5, or 1 to 3 on Klaviyo's grid), edges included. */
const scoreRange = fc.oneof(
  fc.record({ atLeast: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ moreThan: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ atMost: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ lessThan: fc.integer({ min: 2, max: 5 }) }),
  fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 2 })).map(([low, extra]) => ({ atLeast: low, atMost: Math.min(5, low + extra) })),
);
/** Groups of both presets' grids, and customers without orders. */
const RFM_GROUPS = [
  'CHAMPIONS',
  'LOYAL',
  'ACTIVE',
  'NEW',
  'PROMISING',
  'NEEDS_ATTENTION',
  'ALMOST_LOST',
  'AT_RISK',
  'PREVIOUSLY_LOYAL',
  'DORMANT',
  'RECENT',
  'INACTIVE',
  'PROSPECTS',
];
const moneyRange = (max: number) =>
  fc
    .tuple(
      fc.constantFrom('USD', 'EUR'),
      fc.integer({ min: 0, max }),
      fc.integer({ min: 0, max }),
      fc.constantFrom('low', 'high', 'both'),
      fc.boolean(),
      fc.boolean(),
    )
    .map(([currency, a, b, which, lowExclusive, highExclusive]) => {
      const [low, high] = a <= b ? [a, b + 2] : [b, a + 2];
      const lowKey = lowExclusive ? 'moreThan' : 'atLeast';
      const highKey = highExclusive ? 'lessThan' : 'atMost';
      return { ...(which !== 'high' ? { [lowKey]: { amount: low, currency } } : {}), ...(which !== 'low' ? { [highKey]: { amount: high, currency } } : {}) };
    });
const productTarget = fc.oneof(
  fc.record({ skus: fc.array(sku, { minLength: 1, maxLength: 2 }) }),
  fc.record({ brands: names(BRANDS) }),
  fc.record({ categories: names(CATEGORIES) }),
);
const statuses = optional(fc.subarray(['PENDING', 'VALIDATED', 'CANCELLED', 'REFUNDED'], { minLength: 1 }));
const TAGS = ['runner', 'hiker', 'VIP'];
const dateOfBirth = fc.option(
  fc.oneof(
    fc.constant(new Date('2000-02-29T00:00:00Z')),
    fc.constant(new Date('1990-02-28T00:00:00Z')),
    fc.constant(new Date('1985-03-01T00:00:00Z')),
    fc.integer({ min: 0, max: 20_000 }).map((days) => new Date(Date.UTC(1950, 0, 1) + days * DAY_MS)),
  ),
  { nil: null },
);

const EVENT_TYPES = ['email.sent', 'email.opened', 'quiz.done'];
const eventFilters = optional(
  fc.array(
    fc.oneof(
      fc.record({ property: fc.constantFrom('campaign', 'messageId'), equals: fc.constantFrom('spring', 'm1', '3') }),
      fc.record({ property: fc.constant('campaign'), oneOf: fc.subarray(['spring', 'autumn', 'winter'], { minLength: 1 }) }),
      fc.record({ property: fc.constant('score'), atLeast: fc.constantFrom(0, 2, 0.3, 7.5) }),
      fc.record({ property: fc.constant('score'), atMost: fc.constantFrom(0, 0.30000000000000004, 7.5) }),
      fc.record({ property: fc.constant('score'), atLeast: fc.constant(-1), atMost: fc.constant(2) }),
      fc.record({ property: fc.constant('passed'), is: fc.boolean() }),
    ),
    { maxLength: 2 },
  ),
);
const eventSelection = fc.record({ eventType: fc.constantFrom(...EVENT_TYPES), where: eventFilters });

export const customerFixture = fc.record({
  profile: fc.record({
    category: fc.option(casing(['wholesale', 'retail', 'vip']), { nil: null }),
    firstName: fc.option(fc.constantFrom('Ana', 'anabel', ' Ben ', 'Chloé'), { nil: null }),
    lastName: fc.option(fc.constantFrom('Martin', 'MARTINEZ', 'Smith'), { nil: null }),
    email: fc.option(fc.constantFrom('ana@example.com', 'ben@Example.COM', 'chloe@shop.fr', 'nodomain'), { nil: null }),
    phone: fc.option(fc.constantFrom('+33 6 12 34 56 78', '  ', '555 0101'), { nil: null }),
    dateOfBirth,
    groups: fc.subarray(['VIP', 'staff', 'b2b']),
    tags: fc.subarray([...TAGS, ' hiker ']),
    registeredAt: instant,
    status: fc.constantFrom('ACTIVE', 'ACTIVE', 'DEACTIVATED' as const),
    newsletterSubscribed: fc.boolean(),
    marketingConsent: fc.boolean(),
    marketingChannels: fc.subarray(['email', 'SMS', 'messenger']),
    referralSource: fc.option(casing(['friend', 'instagram']), { nil: null }),
    loyaltyMember: fc.boolean(),
    loyaltyTier: fc.option(fc.constantFrom('gold', 'Silver'), { nil: null }),
    customFields: fc.record(
      {
        shoeSize: fc.oneof(fc.integer({ min: 36, max: 46 }), fc.constantFrom('42', 'large')),
        skiLevel: fc.constantFrom('expert', 'Beginner'),
        vip: fc.boolean(),
        // Typed attributes as Cohort stores them (a declared DATE, INSTANT, MONEY, STRING_LIST), and forms a field may hold undeclared.
        renewsOn: fc.oneof(
          instant.map((date) => date.toISOString().slice(0, 10)),
          fc.constantFrom('2026-02-30', 'soon'),
        ),
        trialEndsAt: fc.oneof(
          instant.map((date) => date.toISOString()),
          fc.constant('2026-02-28T99:00:00.000Z'),
        ),
        plans: fc.oneof(fc.subarray(['coffee', 'Tea', 'cocoa']), fc.constant('coffee')),
        credit: fc.oneof(money(5_000), fc.integer({ min: 0, max: 5_000 })),
      },
      { requiredKeys: [] },
    ),
  }),
  addresses: fc.array(
    fc.record({
      country: fc.constantFrom('FR', 'US', 'de'),
      region: fc.option(casing(['Bayern', 'California']), { nil: null }),
      city: fc.option(casing(['Paris', 'München', 'Lyon']), { nil: null }),
      postalCode: fc.option(fc.constantFrom('75011', '69001', '80331', ''), { nil: null }),
    }),
    { maxLength: 2 },
  ),
  orders: fc.array(
    fc.record({
      status: fc.constantFrom('VALIDATED', 'VALIDATED', 'PENDING', 'CANCELLED', 'REFUNDED' as const),
      placedAt: instant,
      currency: fc.constantFrom('USD', 'USD', 'EUR'),
      shippingMethod: fc.option(fc.constantFrom('SoColissimo', 'Courier'), { nil: null }),
      discountTotal: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 20_000 })),
      lines: fc.array(fc.record({ sku, quantity: fc.integer({ min: 1, max: 3 }), unitPrice: fc.integer({ min: 0, max: 40_000 }) }), {
        minLength: 1,
        maxLength: 3,
      }),
    }),
    { maxLength: 4 },
  ),
  views: fc.array(fc.record({ sku, viewedAt: instant }), { maxLength: 6 }),
  carts: fc.array(
    fc.record({
      status: fc.constantFrom('OPEN', 'OPEN', 'CONVERTED' as const),
      lastActivityAt: instant,
      currency: fc.constant('USD'),
      lines: fc.array(fc.record({ sku, quantity: fc.integer({ min: 1, max: 2 }) }), { minLength: 1, maxLength: 2 }),
    }),
    {
      maxLength: 2,
    },
  ),
  wishlist: fc.array(fc.record({ sku, addedAt: instant }), { maxLength: 3 }),
  // On one of the customer's orders (an index past the last: an order Cohort does not have), with or without a code, some rolled back:
  // a rollback never precedes its redemption (checkout/redemptions.ts stamps it no earlier), so the later of the two draws is the rollback.
  redemptions: fc.array(
    fc
      .record({
        order: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }),
        withCode: fc.boolean(),
        redeemedAt: instant,
        rolledBackAt: fc.option(instant, { nil: null }),
      })
      .map((redemption) =>
        redemption.rolledBackAt !== null && redemption.rolledBackAt < redemption.redeemedAt
          ? { ...redemption, redeemedAt: redemption.rolledBackAt, rolledBackAt: redemption.redeemedAt }
          : redemption,
      ),
    { maxLength: 4 },
  ),
  // Custom events: sends and opens sharing message ids (some typed as numbers), and quizzes with scores and booleans; values of the wrong type for the filters too.
  events: fc.array(
    fc.record({
      type: fc.constantFrom(...EVENT_TYPES),
      occurredAt: instant,
      properties: fc.record(
        {
          messageId: fc.constantFrom('m1', 'm2', 'm3', 'm4', 1),
          campaign: fc.constantFrom('spring', 'autumn', 'Spring', 3),
          score: fc.constantFrom(0, 2, 7.5, 0.1, 0.30000000000000004, -1, '7.5'),
          passed: fc.constantFrom(true, false, 'true'),
        },
        { requiredKeys: [] },
      ),
    }),
    { maxLength: 8 },
  ),
});

/** Parameters for each built-in condition type; a new built-in must add its own here. */
export const conditionParams: Record<string, fc.Arbitrary<unknown>> = {
  customerCategory: fc.record({ categories: names(['wholesale', 'retail', 'vip']) }),
  brandPurchased: fc.record({ brands: names(BRANDS), within: optional(window) }),
  viewCount: fc.record({ products: productTarget, count: countRange, within: optional(window) }),
  abandonedCart: fc.record({ within: window, minimumValue: optional(money(5_000)), containingSkus: optional(fc.array(sku, { minLength: 1, maxLength: 2 })) }),
  amountSpent: fc.record({ amount: moneyRange(60_000), within: optional(window), statuses }),
  orderCount: fc.record({ count: countRange, within: optional(window), statuses }),
  averageOrderValue: fc.record({ average: moneyRange(40_000), within: optional(window), statuses }),
  firstOrder: fc.record({ within: window, statuses }),
  lastOrder: fc.oneof(
    fc.record({ within: window, statuses }),
    fc.record({ daysAgo: fc.constantFrom({ atLeast: 2, atMost: 2 }, { atLeast: 30 }, { atMost: 90 }), statuses }),
  ),
  productsOrdered: fc.record({ products: productTarget, within: optional(window), minQuantity: optional(fc.integer({ min: 1, max: 4 })), statuses }),
  inWishlist: fc.record({ products: productTarget, addedWithin: optional(window) }),
  cartSubtotal: fc.record({ subtotal: moneyRange(50_000) }),
  cartContains: fc.record({ products: productTarget }),
  cartItemCount: fc.record({ count: countRange }),
  customerDetails: fc
    .record(
      {
        firstName: fc.oneof(fc.record({ equals: fc.constantFrom('ana', 'BEN') }), fc.record({ contains: fc.constantFrom('an', 'é') })),
        lastName: fc.oneof(fc.record({ equals: fc.constantFrom('martin') }), fc.record({ contains: fc.constantFrom('MART') })),
        emailDomains: fc.constant(['example.com']),
        hasPhone: fc.boolean(),
      },
      { requiredKeys: [] },
    )
    .filter((value) => Object.keys(value).length > 0),
  birthdayThisMonth: fc.record({ isThisMonth: optional(fc.boolean()) }),
  age: fc.record({ years: fc.oneof(fc.record({ atLeast: fc.constantFrom(18, 26, 40) }), fc.record({ atMost: fc.constantFrom(25, 26, 60) })) }),
  country: fc.record({ anyOf: fc.subarray(['fr', 'US', 'DE'], { minLength: 1 }) }),
  region: fc.record({ anyOf: names(['bayern', 'California']) }),
  city: fc.record({ anyOf: names(['paris', 'München']) }),
  postalCodePrefix: fc.record({ anyOf: fc.subarray(['75', '690', '8'], { minLength: 1 }) }),
  customerTag: fc
    .record({ anyOf: optional(names(TAGS)), allOf: optional(names(TAGS)) })
    .filter((value) => value.anyOf !== undefined || value.allOf !== undefined),
  customerGroup: fc.record({ anyOf: names(['vip', 'Staff']) }),
  newsletterSubscribed: fc.record({ subscribed: fc.boolean() }),
  marketingConsent: fc.record({ consent: fc.boolean(), channel: optional(fc.constantFrom('sms', 'Email')) }),
  customField: fc.oneof(
    fc.record({ field: fc.constantFrom('shoeSize', 'skiLevel', 'vip'), equals: fc.constantFrom('42', 'EXPERT', 'true') }),
    fc.record({ field: fc.constantFrom('shoeSize', 'skiLevel'), contains: fc.constantFrom('ex', 'arg') }),
    fc.record({ field: fc.constant('shoeSize'), atLeast: optional(fc.constantFrom(40, 42.5)), atMost: fc.constantFrom(42, 44) }),
    fc.record({ field: fc.constant('vip'), isTrue: fc.boolean() }),
    fc.record({
      field: fc.constantFrom('renewsOn', 'trialEndsAt'),
      within: fc.oneof(
        fc.record({ nextDays: fc.constantFrom(0, 1, 7, 30) }),
        fc.record({ lastDays: fc.constantFrom(0, 1, 30, 365) }),
        fc.record({ lastDays: fc.constantFrom(1, 2), nextDays: fc.constantFrom(1, 365) }),
      ),
    }),
    fc.record({
      field: fc.constant('credit'),
      currency: fc.constantFrom('USD', 'eur'),
      atLeast: optional(fc.constantFrom(0, 1_000, 2_500)),
      atMost: fc.constantFrom(1_000, 4_000),
    }),
    fc.record({ field: fc.constant('plans'), containsAny: names(['coffee', 'tea']) }),
    fc.record({ field: fc.constant('plans'), containsAll: names(['coffee', 'tea', 'cocoa']) }),
  ),
  loyaltyMember: fc.oneof(fc.record({ member: fc.constant(false) }), fc.record({ member: fc.constant(true), tiers: optional(names(['gold', 'silver'])) })),
  referralSource: fc.record({ anyOf: names(['friend', 'instagram']) }),
  accountStatus: fc.record({ anyOf: fc.subarray(['ACTIVE', 'DEACTIVATED'], { minLength: 1 }) }),
  registered: fc.record({ within: window }),
  wonBack: fc.record({ gapDays: fc.constantFrom(1, 29, 30, 90, 365), within: optional(window) }),
  discountShare: fc.record({
    percent: fc.oneof(countRange, fc.record({ moreThan: fc.constantFrom(10, 30, 50) }), fc.record({ atLeast: fc.constantFrom(10, 30, 50) })),
    currency: fc.constantFrom('USD', 'EUR'),
    within: optional(window),
  }),
  rfmScore: fc
    .record({ currency: fc.constantFrom('USD', 'USD', 'EUR'), recency: optional(scoreRange), frequency: optional(scoreRange), monetary: optional(scoreRange) })
    .filter((params) => params.recency !== undefined || params.frequency !== undefined || params.monetary !== undefined),
  rfmGroup: fc.record({ currency: fc.constantFrom('USD', 'USD', 'EUR'), groups: fc.subarray(RFM_GROUPS, { minLength: 1, maxLength: 4 }) }),
  voucherUse: fc
    .record({
      codeOrders: optional(countRange),
      codeShare: optional(fc.oneof(countRange, fc.record({ moreThan: fc.constantFrom(0, 50, 80) }), fc.record({ atLeast: fc.constantFrom(34, 50, 100) }))),
      rollbacks: optional(countRange),
      within: optional(window),
    })
    .filter((params) => params.codeOrders !== undefined || params.codeShare !== undefined || params.rollbacks !== undefined),
  retentionStage: fc.record({ stages: fc.subarray(['PROSPECT', 'ACTIVE', 'DRIFTING', 'CHURN_RISK', 'LOST'], { minLength: 1, maxLength: 3 }) }),
  eventCount: fc.record({ eventType: fc.constantFrom(...EVENT_TYPES), where: eventFilters, count: countRange, within: optional(window) }),
  eventShare: fc.record({
    of: eventSelection,
    last: fc.constantFrom(1, 2, 3, 6),
    answeredBy: eventSelection,
    matchOn: fc.constantFrom('messageId', 'messageId', 'campaign'),
    count: countRange,
    within: optional(window),
  }),
  eventOccurrence: fc.oneof(
    fc.record({ eventType: fc.constantFrom(...EVENT_TYPES), where: eventFilters, occurrence: fc.constantFrom('FIRST', 'LAST'), within: window }),
    fc.record({
      eventType: fc.constantFrom(...EVENT_TYPES),
      where: eventFilters,
      occurrence: fc.constantFrom('FIRST', 'LAST'),
      daysAgo: fc.constantFrom({ atLeast: 2, atMost: 2 }, { atLeast: 30 }, { atMost: 90 }),
    }),
  ),
};

const leaf = (shopSku: (sku: string) => string) =>
  fc
    .constantFrom(...Object.keys(conditionParams))
    .chain((type) =>
      (conditionParams[type] as fc.Arbitrary<unknown>).map((params) => ({ condition: { type, params: namespaceSkus(params, shopSku) } }) as RuleNode),
    );

/** A rule generated over the fixture SKUs, for a shop that stores them namespaced (`shop.sku`). */
export function inShop(rule: RuleNode, shopSku: (sku: string) => string): RuleNode {
  return namespaceSkus(rule, shopSku) as RuleNode;
}

/** SKUs in generated parameters are the fixture SKUs; the shop stores them namespaced. */
function namespaceSkus(params: unknown, shopSku: (sku: string) => string): unknown {
  if (Array.isArray(params)) return params.map((value) => (typeof value === 'string' && SKUS.includes(value) ? shopSku(value) : namespaceSkus(value, shopSku)));
  if (params && typeof params === 'object' && !(params instanceof Date))
    return Object.fromEntries(Object.entries(params).map(([key, value]) => [key, namespaceSkus(value, shopSku)]));
  return params;
}

/** A rule tree (as built, or as stored) as an admin UI sends it: `{ condition: { <type>: <params> } }`, instants as ISO strings. */
export function asRuleInput(rule: RuleNode): unknown {
  if ('and' in rule) return { and: rule.and.map(asRuleInput) };
  if ('or' in rule) return { or: rule.or.map(asRuleInput) };
  if ('not' in rule) return { not: asRuleInput(rule.not) };
  if ('condition' in rule) return { condition: { [rule.condition.type]: JSON.parse(JSON.stringify(rule.condition.params)) } };
  throw new Error('no unreadable rules are generated');
}

/** Rule trees over the fixture SKUs (`shopSku` maps them to a shop's; `inShop` does it later, so that the trees are drawn, and shrunk, by the property). */
export const ruleTree = (shopSku: (sku: string) => string = (sku) => sku): fc.Arbitrary<RuleNode> =>
  fc.letrec<{ node: RuleNode }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf(shopSku),
      fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((and) => ({ and })),
      fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((or) => ({ or })),
      tie('node').map((not) => ({ not })),
    ),
  })).node;

let emailCounter = 0;

/** Generated customers as fixtures: named "customer <n>", with emails kept unique (the database requires it). */
export function customerFixtures(customers: (typeof customerFixture extends fc.Arbitrary<infer T> ? T : never)[]): CustomerFixture[] {
  return customers.map((customer, index) => ({
    name: `customer ${index}`,
    ...customer,
    profile: { ...customer.profile, email: customer.profile.email?.replace(/^([^@]*)/, `$1.${(emailCounter += 1)}`) ?? null },
  }));
}
