import { describe, expect, it } from 'vitest';
import { FULL_PARSE_EVERY, lightBatch, lightParser } from './light-parser';

const summary = (id: string) => ({ id, type: 'order-fulfilment', status: 'in_progress', currentStep: 'payment', phase: 'forward', startedAt: 1, updatedAt: 2, endedAt: null, durationMs: null, stuckSince: null, eventCount: 3 });
const batchText = (seq: number, n: number, truncated: boolean) => `2${JSON.stringify(['sagas', { seq, items: Array.from({ length: n }, (_, i) => summary(`o-${i}`)), truncated }])}`;

function decodeAll(chunks: string[]): Array<{ type: number; nsp: string; data?: unknown }> {
  const d = new lightParser.Decoder();
  const out: Array<{ type: number; nsp: string; data?: unknown }> = [];
  d.on('decoded', (p: { type: number; nsp: string; data?: unknown }) => out.push(p));
  for (const c of chunks) d.add(c);
  return out;
}

describe('light socket.io parser', () => {
  it('reads seq, item count and the truncated flag of a batch from its text', () => {
    expect(lightBatch(batchText(41, 7, true).slice(1))).toEqual({ seq: 41, items: { length: 7 }, truncated: true, light: true });
    expect(lightBatch(batchText(3, 0, false).slice(1))).toEqual({ seq: 3, items: { length: 0 }, truncated: false, light: true });
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

  it('encodes what a client sends: a connect to the default namespace', () => {
    expect(new lightParser.Encoder().encode({ type: 0, nsp: '/' })).toEqual(['0']);
    expect(new lightParser.Encoder().encode({ type: 2, nsp: '/', data: ['x', 1] })).toEqual(['2["x",1]']);
  });
});
