import { describe, expect, it } from 'vitest';
import type { Extractor } from '../config/schema';
import { compileExtractor, LazyJson, parseJsonPath, type Extracted, type ExtractFailure } from './extract';
import { rawRecord } from '../../testing/fixtures/records';

describe('parseJsonPath', () => {
  it.each<[string, Array<string | number>]>([
    ['$', []],
    ['$.type', ['type']],
    ['$.order.id', ['order', 'id']],
    ['$.items[0].sku', ['items', 0, 'sku']],
    ['$[2]', [2]],
    ['$.saga-id', ['saga-id']],
    ['$._meta.$id', ['_meta', '$id']],
  ])('%s', (path, segments) => {
    expect(parseJsonPath(path)).toEqual(segments);
  });
});

const ok = (value: string): Extracted => ({ ok: true, value });
const fail = (reason: ExtractFailure): Extracted => ({ ok: false, reason });

describe('compileExtractor', () => {
  const record = (value: string | null, headers: Record<string, string> = {}, key: string | null = null) =>
    rawRecord('t', value, 0, { headers, key });

  it.each<{ name: string; extractor: Extractor; value?: string | null; headers?: Record<string, string>; key?: string | null; want: Extracted }>([
    { name: 'header present', extractor: { header: 'saga-id' }, headers: { 'saga-id': 'o-1' }, want: ok('o-1') },
    { name: 'header absent', extractor: { header: 'saga-id' }, headers: { other: 'x' }, want: fail('missing') },
    { name: 'header empty', extractor: { header: 'saga-id' }, headers: { 'saga-id': '' }, want: fail('missing') },
    { name: 'header named like an Object method, absent', extractor: { header: 'constructor' }, want: fail('missing') },
    { name: 'header does not need JSON', extractor: { header: 'saga-id' }, value: 'not json', headers: { 'saga-id': 'o-1' }, want: ok('o-1') },
    { name: 'key', extractor: { key: true }, key: 't-1', want: ok('t-1') },
    { name: 'key absent', extractor: { key: true }, key: null, want: fail('missing') },
    { name: 'jsonPath string', extractor: { jsonPath: '$.tripId' }, value: '{"tripId":"t-1"}', want: ok('t-1') },
    { name: 'jsonPath number', extractor: { jsonPath: '$.tripId' }, value: '{"tripId":42}', want: ok('42') },
    { name: 'jsonPath nested', extractor: { jsonPath: '$.a.b[1].c' }, value: '{"a":{"b":[{},{"c":"x"}]}}', want: ok('x') },
    { name: 'jsonPath root scalar', extractor: { jsonPath: '$' }, value: '"t-1"', want: ok('t-1') },
    { name: 'jsonPath absent field', extractor: { jsonPath: '$.tripId' }, value: '{"type":"X"}', want: fail('missing') },
    { name: 'jsonPath through a scalar', extractor: { jsonPath: '$.a.b' }, value: '{"a":"s"}', want: fail('missing') },
    { name: 'jsonPath null', extractor: { jsonPath: '$.tripId' }, value: '{"tripId":null}', want: fail('missing') },
    { name: 'jsonPath empty string', extractor: { jsonPath: '$.tripId' }, value: '{"tripId":""}', want: fail('missing') },
    { name: 'jsonPath field named like an Object method, absent', extractor: { jsonPath: '$.constructor' }, value: '{}', want: fail('missing') },
    { name: 'jsonPath boolean', extractor: { jsonPath: '$.tripId' }, value: '{"tripId":true}', want: fail('wrong-type') },
    { name: 'jsonPath object', extractor: { jsonPath: '$.tripId' }, value: '{"tripId":{"id":1}}', want: fail('wrong-type') },
    { name: 'jsonPath array', extractor: { jsonPath: '$.tripId' }, value: '{"tripId":["t-1"]}', want: fail('wrong-type') },
    { name: 'jsonPath on invalid JSON', extractor: { jsonPath: '$.tripId' }, value: '{"tripId":', want: fail('invalid-json') },
    { name: 'jsonPath on a null value', extractor: { jsonPath: '$.tripId' }, value: null, want: fail('empty-value') },
    { name: 'jsonPath on an empty value', extractor: { jsonPath: '$.tripId' }, value: '', want: fail('empty-value') },
  ])('$name', ({ extractor, value, headers, key, want }) => {
    const r = record(value ?? null, headers, key ?? null);
    expect(compileExtractor(extractor)(r, new LazyJson(r.value))).toEqual(want);
  });
});

describe('LazyJson', () => {
  it('parses once, however many extractors read it', () => {
    const json = new LazyJson('{"a":{"b":1}}');
    const first = json.get();
    expect(first).toEqual({ ok: true, value: { a: { b: 1 } } });
    expect(json.get()).toStrictEqual(first);
    expect((json.get() as { value: unknown }).value).toBe((first as { value: unknown }).value);
  });

  it.each([
    ['invalid JSON', 'nope', 'invalid-json'],
    ['null', null, 'empty-value'],
    ['empty', '', 'empty-value'],
  ] as const)('reports %s the same way every time', (_, text, reason) => {
    const json = new LazyJson(text);
    expect(json.get()).toEqual({ ok: false, reason });
    expect(json.get()).toEqual({ ok: false, reason });
  });
});
