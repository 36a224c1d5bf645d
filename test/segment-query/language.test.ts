// The language itself, on the server's schema, without a server: how each kind of value reads
// (money without floats, symbols and separators that read two ways, windows, instants,
// strings), comparisons and rules, where errors point and what they expect, how the printer
// writes what short forms cannot say, and what suggestions know about a position.
import { describeConditions, parseQuery, printQuery, suggestAt, type QueryError, type RuleInput } from '@cohort/segment-query';
import { describe, expect, it } from 'vitest';
import shippingMethodPlugin from '../../examples/shipping-method/index.js';
import { buildSchema } from '../../src/server/schema.js';
import { registryWith } from '../support/registry.js';
import { schemaOptions } from '../support/runtime.js';

const vocabulary = describeConditions(buildSchema(registryWith(shippingMethodPlugin), schemaOptions()));
const rule = (text: string) => {
  const parsed = parseQuery(text, vocabulary);
  expect(parsed.errors, text).toEqual([]);
  return parsed.rule as RuleInput;
};
const errors = (text: string): QueryError[] => parseQuery(text, vocabulary).errors;
const params = (text: string, type: string) => (rule(text).condition as Record<string, Record<string, unknown>>)[type];

describe('money', () => {
  it('is read in minor units from its decimal digits, in its currency', () => {
    expect(params('cartSubtotal >= 300.5 USD', 'cartSubtotal')).toEqual({ subtotal: { atLeast: { amount: 30050, currency: 'USD' } } });
    expect(params('cartSubtotal >= 0.07 USD', 'cartSubtotal')).toEqual({ subtotal: { atLeast: { amount: 7, currency: 'USD' } } });
    expect(params('cartSubtotal >= 3000 JPY', 'cartSubtotal')).toEqual({ subtotal: { atLeast: { amount: 3000, currency: 'JPY' } } });
    expect(params('cartSubtotal >= 1.234 KWD', 'cartSubtotal')).toEqual({ subtotal: { atLeast: { amount: 1234, currency: 'KWD' } } });
    // 0.1 + 0.2 is not 0.3 in floats; 21474836.47 USD is exactly the largest amount.
    expect(params('cartSubtotal >= 21474836.47 USD', 'cartSubtotal')).toEqual({ subtotal: { atLeast: { amount: 2_147_483_647, currency: 'USD' } } });
    expect(params('cartSubtotal >= 0.30 USD', 'cartSubtotal')).toEqual({ subtotal: { atLeast: { amount: 30, currency: 'USD' } } });
    expect(params('cartSubtotal >= { amount: 30000, currency: "USD" }', 'cartSubtotal')).toEqual({ subtotal: { atLeast: { amount: 30000, currency: 'USD' } } });
  });

  it('takes a symbol only where one currency has it, and a code on either side', () => {
    expect(params('cartSubtotal >= €5', 'cartSubtotal')).toEqual({ subtotal: { atLeast: { amount: 500, currency: 'EUR' } } });
    expect(params('cartSubtotal >= CA$5', 'cartSubtotal')).toEqual({ subtotal: { atLeast: { amount: 500, currency: 'CAD' } } });
    expect(params('cartSubtotal >= US$5', 'cartSubtotal')).toEqual({ subtotal: { atLeast: { amount: 500, currency: 'USD' } } });
    expect(params('cartSubtotal >= EUR 5', 'cartSubtotal')).toEqual({ subtotal: { atLeast: { amount: 500, currency: 'EUR' } } });
    for (const [symbol, suggested] of [
      ['$', 'USD'],
      ['£', 'GBP'],
      ['¥', 'JPY'],
    ]) {
      expect(errors(`cartSubtotal >= ${symbol}5`)).toEqual([
        expect.objectContaining({
          message: expect.stringContaining(`"${symbol}" is the symbol of several currencies`),
          replacement: `5 ${suggested}`,
          column: 17,
          length: 2,
        }),
      ]);
    }
    expect(errors('cartSubtotal >= 5 kr')).toEqual([
      expect.objectContaining({ message: expect.stringContaining('"kr" is not a currency code'), expected: expect.arrayContaining(['DKK', 'NOK', 'SEK']) }),
    ]);
    expect(errors('cartSubtotal >= 5')).toEqual([
      expect.objectContaining({
        message: 'an amount of money needs its currency: write its ISO 4217 code after it, e.g. 5 USD',
        path: 'condition.cartSubtotal.subtotal.atLeast.currency',
      }),
    ]);
  });

  it('refuses more decimals than the currency has, and separators that read two ways', () => {
    expect(errors('cartSubtotal >= 300.005 USD')).toEqual([expect.objectContaining({ message: '300.005: USD has 2 decimal places: write at most 2' })]);
    expect(errors('cartSubtotal >= 5.5 JPY')).toEqual([expect.objectContaining({ message: '5.5: JPY has no minor unit: write a whole amount' })]);
    expect(errors('cartSubtotal >= 300,50 EUR')).toEqual([expect.objectContaining({ replacement: '300.50 EUR', column: 17, length: 6 })]);
    expect(errors('cartSubtotal >= €1.000,50')).toEqual([expect.objectContaining({ replacement: '€1000.50' })]);
    expect(errors('cartSubtotal >= 1,000.00 USD')).toEqual([expect.objectContaining({ replacement: '1000.00 USD' })]);
    expect(errors('cartSubtotal >= 1,000 USD')[0]?.message).toContain('e.g. 1000 USD (or 1.000 USD)');
    // A comma between numbers is a list's.
    expect(params('customField(field: "size", atLeast: 1, atMost: 2)', 'customField')).toEqual({ field: 'size', atLeast: 1, atMost: 2 });
  });
});

describe('time', () => {
  it('reads windows in days and weeks, and instants in UTC', () => {
    expect(params('registered(within: last 2 weeks)', 'registered')).toEqual({ within: { lastDays: 14 } });
    expect(params('registered(within: last 1 day)', 'registered')).toEqual({ within: { lastDays: 1 } });
    expect(params('registered(within: since 2026-01-31T12:00:00+02:00)', 'registered')).toEqual({ within: { from: '2026-01-31T10:00:00.000Z' } });
    expect(params('registered(within: from 2026-01-01 to 2026-02-01T00:00:00.5Z)', 'registered')).toEqual({
      within: { from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.500Z' },
    });
    expect(params('registered(within: { from: 2026-01-01 })', 'registered')).toEqual({ within: { from: '2026-01-01T00:00:00.000Z' } });
  });

  it('refuses months and years, days that do not exist, and times without a zone', () => {
    expect(errors('registered(within: last 2 years)')).toEqual([expect.objectContaining({ replacement: 'last 730 days' })]);
    expect(errors('registered(within: last 30)')).toEqual([expect.objectContaining({ message: 'say the unit: last 30 days', replacement: 'last 30 days' })]);
    expect(errors('registered(within: since 2026-02-30)')).toEqual([expect.objectContaining({ message: '"2026-02-30" is not a valid date' })]);
    expect(errors('registered(within: since 2026-02-03T10:00)')).toEqual([expect.objectContaining({ replacement: '2026-02-03T10:00Z' })]);
    expect(errors('registered(within: 30)')).toEqual([expect.objectContaining({ message: expect.stringContaining('expected a time window') })]);
  });
});

describe('strings and names', () => {
  it('takes either quote and JSON escapes, and refuses bare words, open strings and NUL', () => {
    expect(params(`customerTag(anyOf: ['it\\'s', "say \\"hi\\"", "caf\\u00e9\\n"])`, 'customerTag')).toEqual({ anyOf: ["it's", 'say "hi"', 'café\n'] });
    expect(errors('customerTag(anyOf: [vip])')).toEqual([expect.objectContaining({ message: 'a string is written in quotes: "vip"', replacement: '"vip"' })]);
    expect(errors('customerTag(anyOf: ["vip])')[0]?.message).toBe('unterminated string: close it with " on the same line');
    expect(errors('customerTag(anyOf: ["a\\u0000"])')[0]?.message).toBe('must not contain NUL characters (\\u0000)');
    expect(errors('customerTag(anyOf: ["a\\x"])')[0]?.message).toContain('unknown escape "\\x"');
  });

  it('reads keywords as names where names go, case-insensitive', () => {
    expect(rule('orderCount >= 1 and not age < 18 oR birthdayThisMonth')).toEqual(rule('orderCount >= 1 AND NOT age < 18 OR birthdayThisMonth'));
  });
});

describe('comparisons and rules', () => {
  it('map each operator to its bound, and a lower with an upper bound', () => {
    const count = (text: string) => params(`orderCount ${text}`, 'orderCount')?.count;
    expect(count('> 1')).toEqual({ moreThan: 1 });
    expect(count('>= 1')).toEqual({ atLeast: 1 });
    expect(count('< 1')).toEqual({ lessThan: 1 });
    expect(count('<= 1')).toEqual({ atMost: 1 });
    expect(count('= 2')).toEqual({ atLeast: 2, atMost: 2 });
    expect(count('between 1 and 3')).toEqual({ atLeast: 1, atMost: 3 });
    expect(count('< 5 and > 1')).toEqual({ lessThan: 5, moreThan: 1 });
    expect(errors('orderCount > 1 and > 2')).toEqual([expect.objectContaining({ message: 'moreThan is given twice', column: 20 })]);
  });

  it('refuse a comparison where there is no range, and a range given as a value', () => {
    expect(errors('customerCategory(categories: ["vip"]) > 3')[0]?.message).toBe('customerCategory has no range to compare: it takes categories');
    expect(errors('rfmScore(currency: "USD") > 3')[0]?.message).toBe(
      'rfmScore has no range to compare: write its ranges as parameters, e.g. rfmScore(frequency >= 3)',
    );
    expect(errors('orderCount(count: 3)')[0]).toMatchObject({
      message: 'a range is written with a comparison, e.g. count >= 3',
      path: 'condition.orderCount.count',
    });
    expect(errors('shippingMethodUsed(methods >= 3)')[0]?.message).toContain('"methods" takes a list of strings, not a comparison');
    expect(errors('orderCount(count >= 1) >= 2')[0]?.message).toBe('parameter "count" is given twice');
  });

  it('bind NOT tighter than AND, AND tighter than OR, and keep groups of one', () => {
    const a = { condition: { age: { years: { atLeast: 18 } } } };
    const b = { condition: { birthdayThisMonth: {} } };
    const c = { condition: { orderCount: { count: { atLeast: 1 } } } };
    expect(rule('age >= 18 OR birthdayThisMonth AND NOT orderCount >= 1')).toEqual({ or: [a, { and: [b, { not: c }] }] });
    expect(rule('(age >= 18 OR birthdayThisMonth) AND orderCount >= 1')).toEqual({ and: [{ or: [a, b] }, c] });
    expect(rule('age >= 18 AND (birthdayThisMonth AND orderCount >= 1)')).toEqual({ and: [a, { and: [b, c] }] });
    expect(rule('OR(age >= 18)')).toEqual({ or: [a] });
    expect(printQuery({ and: [{ and: [a] }, { not: { or: [b, c] } }] } as RuleInput, vocabulary)).toBe(
      'AND(age >= 18) AND NOT (birthdayThisMonth OR orderCount >= 1)',
    );
  });
});

describe('errors', () => {
  it('point at lines and columns in UTF-16 code units, with what was expected', () => {
    // The runner is two UTF-16 code units, as a JavaScript string and CodeMirror count it.
    const text = 'orderCount >= 1\n  AND customerTag(anyOf: ["🏃"]) AND agee >= 18';
    const lineTwo = text.split('\n')[1] as string;
    expect(errors(text)).toEqual([
      expect.objectContaining({
        message: 'unknown condition type "agee"',
        line: 2,
        column: lineTwo.indexOf('agee') + 1,
        offset: text.indexOf('agee'),
        length: 4,
        path: 'and.2.condition.type',
      }),
    ]);
    expect(lineTwo.indexOf('agee')).toBe(37); // 36 code points before it: the runner counts twice
    // birthdayThisMonth has no range: no comparison is expected after it.
    const unclosed = 'orderCount >= 1 AND\n  (age >= 18 OR birthdayThisMonth within';
    expect(errors(unclosed)[0]).toMatchObject({
      line: 2,
      column: (unclosed.split('\n')[1] as string).indexOf('within') + 1,
      length: 6,
      message: 'expected (, AND, OR, ), found "within"',
    });
    expect(errors('orderCount(statuses: [VALIDATED,')[0]).toMatchObject({ message: 'the query ends too soon: expected a value', length: 0 });
    expect(errors('orderCount != 2')[0]?.message).toBe('"!=" is not a comparison: put NOT before the condition, e.g. NOT orderCount = 2');
    expect(errors('')[0]).toMatchObject({ message: 'the query is empty: write a condition', expected: expect.arrayContaining(['a condition', 'NOT']) });
    expect(errors('orderCount >= 1 % 2')[0]).toMatchObject({ message: 'unexpected character "%"', column: 17 });
  });
});

describe('printing', () => {
  it('writes what a short form cannot say as the object it is', () => {
    const input = { condition: { orderCount: { count: { atLeast: 1, moreThan: 2 }, within: { lastDays: 3, from: '2026-01-01T00:00:00.000Z' } } } } as RuleInput;
    const text = printQuery(input, vocabulary);
    expect(text).toBe('orderCount(count: { atLeast: 1, moreThan: 2 }, within: { from: 2026-01-01, lastDays: 3 })');
    expect(parseQuery(text, vocabulary).rule).toEqual(input);
  });
});

describe('suggestions', () => {
  it('say which parameter of which condition a value is for, with what is written beside it', () => {
    const text = 'orderCount >= 1 AND customField(field: "shoeSize", equals: "4';
    const completion = suggestAt(text, text.length, vocabulary);
    expect(completion).toMatchObject({
      from: text.lastIndexOf('"'),
      to: text.length,
      prefix: '4',
      value: { condition: 'customField', path: ['equals'], prefix: '4', quoted: true, siblings: { field: 'shoeSize' } },
    });
    const inside = 'cartContains(products: { brands: ["A", ';
    expect(suggestAt(inside, inside.length, vocabulary).value).toMatchObject({
      condition: 'cartContains',
      path: ['products', 'brands'],
      type: { kind: 'scalar', name: 'String' },
    });
    const bound = 'amountSpent(within: last 30 days) between 1.00 USD and ';
    expect(suggestAt(bound, bound.length, vocabulary).value).toMatchObject({
      condition: 'amountSpent',
      path: ['amount'],
      type: { kind: 'object', form: 'money' },
    });
  });

  it('replace the word at the cursor, even in the middle of a text', () => {
    const text = 'amouXX(within: last 30 days) > 3.00 USD';
    const completion = suggestAt(text, 4, vocabulary);
    expect(completion).toMatchObject({ from: 0, to: 6, prefix: 'amou' });
    expect(completion.suggestions.map((suggestion) => suggestion.label)).toEqual(['amountSpent']);
  });
});
