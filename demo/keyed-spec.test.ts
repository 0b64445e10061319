import { describe, expect, it } from 'vitest';
import { parseKeyedSpec } from './keyed-spec';

const keys = ['payment', 'shipping'] as const;
const parse = (spec: string) => parseKeyedSpec(spec, keys, Number, '--x');

describe('parseKeyedSpec', () => {
  it.each([
    ['5', { default: 5, byKey: {} }],
    ['5,payment=1', { default: 5, byKey: { payment: 1 } }],
    ['payment=1, shipping=2', { byKey: { payment: 1, shipping: 2 } }],
    ['shipping=2,7', { default: 7, byKey: { shipping: 2 } }],
  ])('parses %j', (spec, expected) => {
    expect(parse(spec)).toEqual(expected);
  });

  it('names the flag and the bad key', () => {
    expect(() => parse('car=1')).toThrow('--x: unknown key "car"; expected one of payment, shipping');
  });

  it('rejects two defaults and empty specs', () => {
    expect(() => parse('1,2')).toThrow(/more than one default/);
    expect(() => parse(' , ')).toThrow(/empty/);
  });

  it('prefixes value errors with the flag', () => {
    const bad = () =>
      parseKeyedSpec('payment=x', keys, () => {
        throw new Error('not a number');
      }, '--rate');
    expect(bad).toThrow('--rate: not a number');
  });
});
