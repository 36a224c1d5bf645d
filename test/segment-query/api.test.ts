// Rules as text through the API, as an admin console uses it: segments created, updated and
// previewed from text and read back as text; a promotion's cart rule from text; errors placed
// in the text (line, column, length) with the messages the API gives for the same JSON;
// hostile text refused with a typed error; and suggestions, with values from data written
// through the API and how many customers or products carry each.
import { beforeAll, describe, expect, it } from 'vitest';
import shippingMethodPlugin from '../../examples/shipping-method/index.js';
import { fixedClock } from '../../src/shared/clock.js';
import { createTestClient, type TestClient } from '../support/http.js';
import { registryWith } from '../support/registry.js';
import { asRuleInput } from '../support/condition-params.js';
import type { RuleNode } from '../../src/rules/rule-tree.js';

const now = new Date('2026-06-15T12:00:00Z');
let client: TestClient;

/** The one error of a refused request: its code and its issues. */
const refused = async (query: string, variables: Record<string, unknown>) => {
  const result = await client.request(query, variables);
  expect(result.errors, JSON.stringify(result)).toHaveLength(1);
  return {
    code: result.errors![0]!.extensions?.code as string,
    issues: result.errors![0]!.extensions?.issues as Record<string, unknown>[],
    message: result.errors![0]!.message,
  };
};

const CREATE = `mutation ($input: CreateSegmentInput!) { createSegment(input: $input) {
  ... on MutationCreateSegmentSuccess { data { segment { id query rule ruleDescription memberCount } } }
  ... on Error { message }
} }`;
const UPDATE = `mutation ($input: UpdateSegmentInput!) { updateSegment(input: $input) {
  ... on MutationUpdateSegmentSuccess { data { segment { id query rule memberCount } } }
  ... on Error { message }
} }`;
const READ = `query ($id: ID!) { node(id: $id) { ... on Segment { query rule memberCount } } }`;
const SUGGEST = `query ($text: String!, $position: Int!) { segmentQuerySuggestions(text: $text, position: $position) { from to suggestions { kind label insertText detail count from to } } }`;
const PARSE = `query ($text: String!) { parseSegmentQuery(text: $text) { valid rule query ruleDescription errors { message line column offset length expected path replacement } } }`;

const BIG_SPENDERS = 'amountSpent(within: last 365 days) > 300.00 USD AND NOT customerCategory(categories: ["wholesale"])';
const BIG_SPENDERS_JSON = {
  and: [
    { condition: { amountSpent: { amount: { moreThan: { amount: 30000, currency: 'USD' } }, within: { lastDays: 365 } } } },
    { not: { condition: { customerCategory: { categories: ['wholesale'] } } } },
  ],
};

beforeAll(async () => {
  // Suggestions wait for values however long the first read takes here (a server answers without them after 40 ms).
  client = await createTestClient({ clock: fixedClock(now), registry: registryWith(shippingMethodPlugin), shopValues: { waitMs: 60_000 } });
  const products = [
    { sku: 'TB-01', name: 'Trail Blazer shoe', brand: 'Trailblaze', category: 'shoes' },
    { sku: 'TB-02', name: 'Trail Runner shoe', brand: 'Trailblaze', category: 'shoes' },
    { sku: 'SC-01', name: 'Summit jacket', brand: 'Summit Co', category: 'jackets' },
  ];
  for (const product of products)
    await client.ok('mutation ($input: ProductInput!) { upsertProduct(input: $input) { ... on MutationUpsertProductSuccess { data { product { sku } } } } }', {
      input: { ...product, price: { amount: 20_000, currency: 'USD' } },
    });
  const customers = [
    { externalId: 'ana', category: 'retail', tags: ['vip', 'runner'], addresses: [{ country: 'FR' }], customFields: { shoeSize: 42, skiLevel: 'expert' } },
    { externalId: 'ben', category: 'retail', tags: ['vip'], addresses: [{ country: 'FR' }, { country: 'DE' }], customFields: { shoeSize: 44 } },
    { externalId: 'chloe', category: 'wholesale', tags: ['hiker'], addresses: [{ country: 'US' }], customFields: { shoeSize: 42 } },
    { externalId: 'dan', category: 'retail', tags: [], customFields: {} },
  ];
  for (const customer of customers)
    await client.ok('mutation ($input: CustomerInput!) { upsertCustomer(input: $input) { __typename } }', {
      input: { ...customer, registeredAt: '2025-01-01T00:00:00Z' },
    });
  // Ana and Chloe spent $400 in the year, Ben $100; Chloe is wholesale.
  const orders = [
    ['ana', 'TB-01', 40_000, 'SoColissimo'],
    ['ben', 'SC-01', 10_000, 'Courier'],
    ['chloe', 'TB-02', 40_000, 'SoColissimo'],
  ] as const;
  for (const [customer, sku, amount, shippingMethod] of orders) {
    await client.ok('mutation ($input: OrderInput!) { upsertOrder(input: $input) { __typename ... on Error { message } } }', {
      input: {
        externalId: `${customer}-1`,
        customer: { externalId: customer },
        status: 'VALIDATED',
        placedAt: '2026-05-01T10:00:00Z',
        currency: 'USD',
        shippingMethod,
        lines: [{ sku, quantity: 1, unitPrice: amount }],
      },
    });
  }
});

describe('a segment written as text', () => {
  let segmentId: string;

  it('is created from text, stores the rule the same JSON stores, and reads back as the same text', async () => {
    const fromText = (await client.ok(CREATE, { input: { name: 'Big spenders (text)', query: BIG_SPENDERS } })).createSegment.data.segment;
    const fromJson = (await client.ok(CREATE, { input: { name: 'Big spenders (JSON)', rule: BIG_SPENDERS_JSON } })).createSegment.data.segment;
    expect(fromText.rule).toEqual(fromJson.rule);
    expect(fromText.query).toBe(BIG_SPENDERS);
    expect(fromJson.query).toBe(BIG_SPENDERS);
    expect(fromText.memberCount).toBe(1);
    segmentId = fromText.id;
    // Read back from the database, the text is the same.
    const read = (await client.ok(READ, { id: segmentId })).node;
    expect(read.query).toBe(BIG_SPENDERS);
    expect(read.rule).toEqual(fromJson.rule);
  });

  it('is updated from text, written in any accepted form, and reads back in canonical form', async () => {
    const written = `amountSpent(within: last 52 weeks)  >=  €50\n  or  shippingMethodUsed(methods: ['SoColissimo'], within: since 2026-01-01)`;
    const updated = (await client.ok(UPDATE, { input: { id: segmentId, query: written } })).updateSegment.data.segment;
    expect(updated.query).toBe('amountSpent(within: last 364 days) >= 50.00 EUR OR shippingMethodUsed(methods: ["SoColissimo"], within: since 2026-01-01)');
    expect(updated.memberCount).toBe(2);
    expect((await client.ok(READ, { id: segmentId })).node.query).toBe(updated.query);
  });

  it('is previewed from text, and a change to it too', async () => {
    const preview = (
      await client.ok(`query ($query: String!) { previewSegment(query: $query) { memberCount ruleDescription sample { externalId } } }`, {
        query: 'orderCount >= 1 AND customerTag(anyOf: ["vip"])',
      })
    ).previewSegment;
    expect(preview.memberCount).toBe(2);
    expect(preview.sample.map((customer: { externalId: string }) => customer.externalId).sort()).toEqual(['ana', 'ben']);
    const change = (
      await client.ok(
        `query ($segment: ID!, $query: String!) { previewSegmentChange(segment: $segment, query: $query) { ... on QueryPreviewSegmentChangeSuccess { data { currentCount newCount entering leaving } } } }`,
        { segment: segmentId, query: 'country(anyOf: ["FR"])' },
      )
    ).previewSegmentChange.data;
    expect(change).toEqual({ currentCount: 2, newCount: 2, entering: 1, leaving: 1 });
  });

  it('takes a rule as a tree or as text, not both and not neither, naming the fields', async () => {
    const both = await refused(CREATE, { input: { name: 'Both', query: 'orderCount >= 1', rule: { condition: { orderCount: { count: { atLeast: 1 } } } } } });
    expect(both.code).toBe('BAD_USER_INPUT');
    expect(both.issues).toEqual([{ path: 'input.query', message: 'give the rule as a tree (rule) or as text (query), not both' }]);
    const neither = await refused(CREATE, { input: { name: 'Neither' } });
    expect(neither.issues).toEqual([{ path: 'input.query', message: 'give the rule as text (query) or as a tree (rule)' }]);
    const preview = await refused(`query { previewSegment { memberCount } }`, {});
    expect(preview.issues[0]).toMatchObject({ path: 'query' });
  });

  it('is printed from a tree not saved yet, as Segment.query prints it once saved, its defaults left out', async () => {
    const PRINT = `query ($rule: SegmentRuleInput!) { printSegmentQuery(rule: $rule) }`;
    expect((await client.ok(PRINT, { rule: BIG_SPENDERS_JSON })).printSegmentQuery).toBe(BIG_SPENDERS);
    const withDefault = { condition: { amountSpent: { amount: { atLeast: { amount: 5000, currency: 'EUR' } }, statuses: ['VALIDATED'] } } };
    expect((await client.ok(PRINT, { rule: withDefault })).printSegmentQuery).toBe('amountSpent >= 50.00 EUR');
    const invalid = await refused(PRINT, { rule: { condition: { orderCount: { count: { atLeast: 5, atMost: 1 } } } } });
    expect(invalid.code).toBe('BAD_USER_INPUT');
    expect(invalid.issues[0]).toMatchObject({ path: 'rule.condition.orderCount.count' });
    const storefront = await client.request(PRINT, { rule: BIG_SPENDERS_JSON }, 'storefront');
    expect(storefront.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('shows its text in templates, text that creates the same rule', async () => {
    const templates = (await client.ok(`{ segmentTemplates { key rule query } }`)).segmentTemplates as { key: string; rule: RuleNode; query: string }[];
    expect(templates.length).toBeGreaterThan(10);
    for (const template of templates) {
      const parsed = (await client.ok(PARSE, { text: template.query })).parseSegmentQuery;
      expect(parsed.errors, template.key).toEqual([]);
      expect(parsed.query, template.key).toBe(template.query);
      const fromJson = (
        await client.ok(`query ($rule: SegmentRuleInput!) { previewSegment(rule: $rule) { ruleDescription } }`, { rule: asRuleInput(template.rule) })
      ).previewSegment;
      expect(
        (await client.ok(`query ($query: String!) { previewSegment(query: $query) { ruleDescription } }`, { query: template.query })).previewSegment,
        template.key,
      ).toEqual(fromJson);
    }
  });
});

describe("a promotion's cart rule written as text", () => {
  const PROMOTION = `mutation ($input: CreatePromotionInput!) { createPromotion(input: $input) {
    ... on MutationCreatePromotionSuccess { data { promotion { id cartRuleQuery cartRuleDescription } } }
    ... on Error { message }
  } }`;

  it('is stored as the same rule as its JSON, applies to carts, and reads back as text', async () => {
    const text = 'cartSubtotal >= 100.00 USD AND cartContains(products: { brands: ["Trailblaze"] })';
    const created = (
      await client.ok(PROMOTION, {
        input: { name: '10% on Trailblaze over $100', status: 'ACTIVE', currency: 'USD', cartRuleQuery: text, effects: [{ percentageOff: { percent: 10 } }] },
      })
    ).createPromotion.data.promotion;
    expect(created.cartRuleQuery).toBe(text);
    expect(created.cartRuleDescription).toContain('$100.00');
    const eligible = await client.request(
      `query ($input: EligibilityInput!) { eligiblePromotions(input: $input) { ... on QueryEligiblePromotionsSuccess { data { promotions { promotion { name } } } } } }`,
      { input: { cart: { currency: 'USD', lines: [{ sku: 'TB-01', quantity: 1 }] } } },
      'storefront',
    );
    expect(eligible.data.eligiblePromotions.data.promotions.map((entry: { promotion: { name: string } }) => entry.promotion.name)).toContain(
      '10% on Trailblaze over $100',
    );
    const updated = await client.ok(
      `mutation ($input: UpdatePromotionInput!) { updatePromotion(input: $input) { ... on MutationUpdatePromotionSuccess { data { promotion { cartRuleQuery } } } } }`,
      {
        input: { id: created.id, cartRuleQuery: 'cartItemCount >= 2' },
      },
    );
    expect(updated.updatePromotion.data.promotion.cartRuleQuery).toBe('cartItemCount >= 2');
  });

  it("places the promotion's own checks of the rule in the text", async () => {
    const text = 'cartItemCount >= 1 AND\ncartSubtotal >= 50.00 EUR';
    const { code, issues } = await refused(PROMOTION, {
      input: { name: 'Mismatched', currency: 'USD', cartRuleQuery: text, effects: [{ percentageOff: { percent: 10 } }] },
    });
    expect(code).toBe('BAD_USER_INPUT');
    expect(issues).toEqual([
      expect.objectContaining({
        path: 'input.cartRuleQuery',
        rulePath: 'input.cartRule.and.1.condition.cartSubtotal',
        message: "the cart rule's cartSubtotal is in EUR but the promotion is in USD: carts in USD never meet it",
        line: 2,
        column: 1,
        length: 'cartSubtotal >= 50.00 EUR'.length,
      }),
    ]);
  });
});

describe('errors in text', () => {
  it('give line, column and length, and what was expected there', async () => {
    const text = 'orderCount >= 2 AND\n  (amountSpent(within: last 30 days) > 10.00 USD OR brandPurchased(brands: ["Trailblaze"]';
    const { code, issues, message } = await refused(CREATE, { input: { name: 'Unclosed', query: text } });
    expect(code).toBe('BAD_USER_INPUT');
    expect(issues).toEqual([
      expect.objectContaining({
        path: 'input.query',
        line: 2,
        column: text.split('\n')[1]!.length + 1,
        offset: text.length,
        length: 0,
        rulePath: null,
        expected: expect.arrayContaining([')', ',']),
      }),
    ]);
    expect(message).toContain('input.query (line 2, column');
    const parsed = (await client.ok(PARSE, { text })).parseSegmentQuery;
    expect(parsed.valid).toBe(false);
    expect(parsed.errors[0]).toMatchObject({ line: 2, length: 0 });
    const unknown = (await client.ok(PARSE, { text: 'orderCount >= 2 AND amountSpnt > 3.00 USD' })).parseSegmentQuery.errors;
    expect(unknown).toEqual([
      expect.objectContaining({
        message: 'unknown condition type "amountSpnt"',
        line: 1,
        column: 21,
        length: 10,
        expected: expect.arrayContaining(['amountSpent', 'shippingMethodUsed']),
      }),
    ]);
  });

  it('name a misnamed parameter with the parameters the condition takes, as the API does for the same JSON', async () => {
    const text = 'shippingMethodUsed(methods: ["SoColissimo"], minOrder: 5)';
    const fromText = await refused(CREATE, { input: { name: 'Misnamed', query: text } });
    const fromJson = await refused(CREATE, {
      input: { name: 'Misnamed', rule: { condition: { shippingMethodUsed: { methods: ['SoColissimo'], minOrder: 5 } } } },
    });
    const message = 'unknown parameter "minOrder" (shippingMethodUsed takes methods, minOrders, within)';
    expect(fromJson.issues).toEqual([{ path: 'input.rule.condition.shippingMethodUsed.minOrder', message }]);
    expect(fromText.issues).toEqual([
      expect.objectContaining({
        path: 'input.query',
        message,
        rulePath: 'input.rule.condition.shippingMethodUsed.minOrder',
        line: 1,
        column: text.indexOf('minOrder') + 1,
        length: 'minOrder'.length,
        expected: ['methods', 'minOrders', 'within'],
      }),
    ]);
  });

  it("give a condition's own message, as for the same JSON, at the text that made the value", async () => {
    const text = 'orderCount >= 1 AND shippingMethodUsed(methods: [], within: last 30 days)';
    const fromText = await refused(CREATE, { input: { name: 'Empty', query: text } });
    const fromJson = await refused(CREATE, {
      input: {
        name: 'Empty',
        rule: {
          and: [{ condition: { orderCount: { count: { atLeast: 1 } } } }, { condition: { shippingMethodUsed: { methods: [], within: { lastDays: 30 } } } }],
        },
      },
    });
    expect(fromJson.issues).toEqual([{ path: 'input.rule.and.1.condition.shippingMethodUsed.methods', message: 'name at least one shipping method' }]);
    expect(fromText.issues).toEqual([
      expect.objectContaining({
        message: 'name at least one shipping method',
        rulePath: 'input.rule.and.1.condition.shippingMethodUsed.methods',
        column: text.indexOf('[]') + 1,
        length: 2,
      }),
    ]);
    // A range no value meets: the refinement's path is the range, written as the comparison.
    const empty = (await client.ok(PARSE, { text: 'orderCount > 5 and < 3' })).parseSegmentQuery.errors;
    expect(empty).toEqual([
      expect.objectContaining({ message: 'no value is within these bounds', path: 'condition.orderCount.count', column: 12, length: '> 5 and < 3'.length }),
    ]);
    // GraphQL's own messages, as for a variable.
    const enumValue = (await client.ok(PARSE, { text: 'orderCount(statuses: [VALIDATED, SHIPPED]) >= 1' })).parseSegmentQuery.errors;
    expect(enumValue).toEqual([
      expect.objectContaining({ message: expect.stringContaining('Value "SHIPPED" does not exist in "OrderStatus" enum'), column: 34, length: 7 }),
    ]);
  });

  it('refuse text that reads two ways, with what to write instead', async () => {
    const shared = (await client.ok(PARSE, { text: 'amountSpent > $300' })).parseSegmentQuery.errors;
    expect(shared).toEqual([
      expect.objectContaining({ message: expect.stringContaining('"$" is the symbol of several currencies'), replacement: '300 USD', column: 15, length: 4 }),
    ]);
    const comma = (await client.ok(PARSE, { text: 'amountSpent > 300,50 EUR' })).parseSegmentQuery.errors;
    expect(comma).toEqual([expect.objectContaining({ message: expect.stringContaining('decimal point'), replacement: '300.50 EUR', column: 15 })]);
    const month = (await client.ok(PARSE, { text: 'orderCount(within: last 3 months) >= 1' })).parseSegmentQuery.errors;
    expect(month).toEqual([expect.objectContaining({ replacement: 'last 90 days' })]);
    // Accepted: a symbol one currency has, an ISO code before the amount.
    expect((await client.ok(PARSE, { text: 'amountSpent > €300' })).parseSegmentQuery.query).toBe('amountSpent > 300.00 EUR');
    expect((await client.ok(PARSE, { text: 'amountSpent > JPY 3000' })).parseSegmentQuery.query).toBe('amountSpent > 3000 JPY');
  });
});

describe('hostile text', () => {
  const attempts: [string, string][] = [
    ['a NUL byte', 'orderCount >= 1\u0000'],
    ['an escaped NUL in a string', 'customerTag(anyOf: ["vip\\u0000"])'],
    ['100 KB of text', `orderCount >= 1 OR ${'customerTag(anyOf: ["x"]) OR '.repeat(3_500)}orderCount >= 2`],
    ['10,000 nested parentheses', `${'('.repeat(10_000)}orderCount >= 1${')'.repeat(10_000)}`],
    ['10,000 NOTs', `${'NOT '.repeat(10_000)}orderCount >= 1`],
    ['10,000 nested lists', `customerTag(anyOf: ${'['.repeat(10_000)}"x"${']'.repeat(10_000)})`],
    ['a rule deeper than rules may be', `${'NOT ('.repeat(30)}orderCount >= 1${')'.repeat(30)}`],
    ['more conditions than a rule may have', Array.from({ length: 300 }, () => 'orderCount >= 1').join(' OR ')],
  ];

  it.each(attempts)('refuses %s with a typed error, never an internal one', async (_name, text) => {
    const created = await refused(CREATE, { input: { name: 'Hostile', query: text } });
    expect(created.code).toBe('BAD_USER_INPUT');
    expect(created.issues.length).toBeGreaterThan(0);
    const parsed = await client.request(PARSE, { text });
    if (parsed.errors) expect(parsed.errors.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    else expect(parsed.data.parseSegmentQuery).toMatchObject({ valid: false, errors: [expect.objectContaining({ message: expect.any(String) })] });
    const suggested = await client.request(SUGGEST, { text, position: text.length });
    expect(suggested.errors?.map((error) => error.extensions?.code) ?? []).not.toContain('INTERNAL_SERVER_ERROR');
  });
});

describe('suggestions', () => {
  const suggest = async (text: string, position = text.length) => (await client.ok(SUGGEST, { text, position })).segmentQuerySuggestions;
  const labels = (answer: { suggestions: { label: string }[] }) => answer.suggestions.map((suggestion) => suggestion.label);

  it('offer conditions with their labels, a partner condition among them', async () => {
    const answer = await suggest('orderCount >= 1 AND ship');
    expect(answer).toMatchObject({ from: 20, to: 24 });
    expect(answer.suggestions).toEqual([
      expect.objectContaining({
        kind: 'CONDITION',
        label: 'shippingMethodUsed',
        insertText: 'shippingMethodUsed(',
        detail: 'Had orders delivered by one of these shipping methods',
        from: 20,
        to: 24,
      }),
    ]);
  });

  it("offer a condition's parameters with their descriptions, and its enum values", async () => {
    const parameters = await suggest('shippingMethodUsed(methods: ["x"], ');
    expect(parameters.suggestions.map((suggestion: { label: string; detail: string }) => [suggestion.label, suggestion.detail])).toEqual([
      ['minOrders', 'How many such orders at least; defaults to 1. — a whole number'],
      ['within', 'a time window, e.g. last 30 days'],
    ]);
    expect(labels(await suggest('orderCount(statuses: [VALIDATED, '))).toEqual(['CANCELLED', 'PENDING', 'REFUNDED', 'VALIDATED']);
    expect(labels(await suggest('amountSpent(within: '))).toContain('last 365 days');
  });

  it('offer comparisons after a condition with a range, and AND, OR', async () => {
    expect(labels(await suggest('amountSpent(within: last 30 days) '))).toEqual(['>', '>=', '<', '<=', '=', 'between … and …', 'AND', 'OR']);
    expect(labels(await suggest('customerTag(anyOf: ["vip"]) '))).toEqual(['AND', 'OR']);
  });

  it("offer values from the shop's data, with how many customers or products carry each", async () => {
    const tags = await suggest('customerTag(anyOf: [');
    expect(tags.suggestions.filter((suggestion: { kind: string }) => suggestion.kind === 'VALUE')).toEqual([
      expect.objectContaining({ label: 'vip', insertText: '"vip"', count: 2, detail: '2 customers' }),
      expect.objectContaining({ label: 'hiker', count: 1 }),
      expect.objectContaining({ label: 'runner', count: 1 }),
    ]);
    const typed = 'brandPurchased(brands: ["tr';
    const brands = await suggest(typed);
    expect(brands.suggestions).toEqual([
      expect.objectContaining({
        kind: 'VALUE',
        label: 'Trailblaze',
        insertText: '"Trailblaze"',
        count: 2,
        detail: '2 products',
        from: typed.indexOf('"'),
        to: typed.length,
      }),
    ]);
    expect(
      (await suggest('cartContains(products: { categories: [')).suggestions.map((suggestion: { label: string; count: number }) => [
        suggestion.label,
        suggestion.count,
      ]),
    ).toEqual([
      ['shoes', 2],
      ['jackets', 1],
    ]);
    const skus = await suggest('productsOrdered(products: { skus: ["jack');
    expect(skus.suggestions).toEqual([expect.objectContaining({ label: 'SC-01 · Summit jacket', insertText: '"SC-01"', count: null })]);
    expect((await suggest('country(anyOf: [')).suggestions.map((suggestion: { label: string; count: number }) => [suggestion.label, suggestion.count])).toEqual(
      [
        ['FR', 2],
        ['DE', 1],
        ['US', 1],
      ],
    );
    expect(
      (await suggest('customerCategory(categories: ["')).suggestions.map((suggestion: { label: string; count: number }) => [
        suggestion.label,
        suggestion.count,
      ]),
    ).toEqual([
      ['retail', 3],
      ['wholesale', 1],
    ]);
    expect(
      (await suggest('customField(field: "')).suggestions.map((suggestion: { label: string; count: number }) => [suggestion.label, suggestion.count]),
    ).toEqual([
      ['shoeSize', 3],
      ['skiLevel', 1],
    ]);
    expect(
      (await suggest('customField(field: "shoeSize", equals: ')).suggestions.map((suggestion: { label: string; count: number }) => [
        suggestion.label,
        suggestion.count,
      ]),
    ).toEqual([
      ['42', 2],
      ['44', 1],
    ]);
  });

  it('are for admins only, as the rest of segments', async () => {
    const answer = await client.request(SUGGEST, { text: '', position: 0 }, 'storefront');
    expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const parsed = await client.request(PARSE, { text: 'orderCount >= 1' }, 'storefront');
    expect(parsed.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
