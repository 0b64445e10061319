import { describe, expect, it } from 'vitest';
import type { SagaSummary } from '../lib/wire/rest';
import { toSagaRow } from '../lib/wire/saga-rows';
import { SagaBatch } from '../lib/wire/socket';
import { FULL_PARSE_EVERY, lightBatch, lightParser } from './light-parser';

const summary = (id: string, i: number): SagaSummary => ({
  id,
  type: 'order-fulfilment',
  status: i % 2 ? 'stuck' : 'in_progress',
  currentStep: 'payment',
  phase: 'step',
  startedAt: 1,
  updatedAt: 2,
  endedAt: null,
  durationMs: null,
  stuckSince: i % 2 ? 5 : null,
  eventCount: 3,
  findings: i % 3 ? ['duplicate-command', 'uncompensated'] : [],
  slow: i % 2 ? { step: 'payment', since: 6, thresholdMs: 5, p50Ms: 1, p99Ms: 4, samples: 100, factor: 1.5 } : null,
});
// Ids with brackets, quotes and commas: the row count must not be fooled by what an id contains.
const ids = ['o-1', 'a],["b', '"x"', '[]', 'plain'];
const batchText = (seq: number, n: number, truncated: boolean) =>
  `2${JSON.stringify(['sagas', { seq, rows: Array.from({ length: n }, (_, i) => toSagaRow(summary(ids[i % ids.length], i))), truncated }])}`;

function decodeAll(chunks: string[], offset = 0): Array<{ type: number; nsp: string; data?: unknown }> {
  const d = new (lightParser(offset).Decoder)();
  const out: Array<{ type: number; nsp: string; data?: unknown }> = [];
  d.on('decoded', (p: { type: number; nsp: string; data?: unknown }) => out.push(p));
  for (const c of chunks) d.add(c);
  return out;
}

describe('light socket.io parser', () => {
  it('reads seq, row count and the truncated flag of a batch from its text', () => {
    expect(lightBatch(batchText(41, 7, true).slice(1))).toEqual({ seq: 41, rows: { length: 7 }, truncated: true, light: true });
    expect(lightBatch(batchText(3, 0, false).slice(1))).toEqual({ seq: 3, rows: { length: 0 }, truncated: false, light: true });
    for (const n of [1, 2, 5, 13]) expect(lightBatch(batchText(n, n, false).slice(1))?.rows.length).toBe(n);
  });

  it('parses in full to what the stock parser gives, which the wire schema accepts', () => {
    const [full] = decodeAll([batchText(1, 5, false)]);
    const [name, batch] = full.data as [string, unknown];
    expect(name).toBe('sagas');
    expect(SagaBatch.parse(batch).items.map((s) => s.id)).toEqual(ids);
  });

  it('parses the first batch and every FULL_PARSE_EVERY-th in full, and every other message', () => {
    const chunks = [...Array.from({ length: FULL_PARSE_EVERY + 1 }, (_, i) => batchText(i + 1, 2, false)), '2["stats",{"a":1}]', '0{"sid":"x"}'];
    const out = decodeAll(chunks);
    const full = out.filter((p) => Array.isArray(p.data) && p.data[0] === 'sagas' && !('light' in (p.data[1] as object)));
    expect(full.map((p) => (p.data as [string, { seq: number }])[1].seq)).toEqual([1, FULL_PARSE_EVERY + 1]);
    expect(out.at(-2)).toEqual({ type: 2, nsp: '/', data: ['stats', { a: 1 }] });
    expect(out.at(-1)).toEqual({ type: 0, nsp: '/', data: { sid: 'x' } });
    expect(out.filter((p) => p.type === 2 && (p.data as [string])[0] === 'sagas').length).toBe(FULL_PARSE_EVERY + 1);
  });

  it('spreads the full parses of clients with different offsets over different batches', () => {
    const fullSeqs = (offset: number) =>
      decodeAll(Array.from({ length: 2 * FULL_PARSE_EVERY }, (_, i) => batchText(i + 1, 1, false)), offset)
        .map((p) => (p.data as [string, { seq: number; light?: true }])[1])
        .filter((b) => !b.light)
        .map((b) => b.seq);
    expect(fullSeqs(0)).toEqual([1, FULL_PARSE_EVERY + 1]);
    expect(fullSeqs(3)).toEqual([4, FULL_PARSE_EVERY + 4]);
    expect(fullSeqs(FULL_PARSE_EVERY + 3)).toEqual([4, FULL_PARSE_EVERY + 4]);
  });

  it('encodes what a client sends: a connect to the default namespace', () => {
    expect(new (lightParser().Encoder)().encode({ type: 0, nsp: '/' })).toEqual(['0']);
    expect(new (lightParser().Encoder)().encode({ type: 2, nsp: '/', data: ['x', 1] })).toEqual(['2["x",1]']);
  });
});
