import { describe, expect, it } from 'vitest';
import { SagaSummary } from './rest';
import { fromSagaRow, SAGA_ROW_FIELDS, SagaRow, toSagaRow } from './saga-rows';
import { SagaBatch } from './socket';

const running: SagaSummary = {
  id: 'order-7',
  type: 'order-fulfilment',
  status: 'stuck',
  currentStep: 'payment',
  phase: 'step',
  startedAt: 1_000,
  updatedAt: 4_000,
  endedAt: null,
  durationMs: null,
  stuckSince: 3_500,
  eventCount: 4,
  findings: ['duplicate-command'],
  slow: { step: 'payment', since: 2_000, thresholdMs: 1_000, p50Ms: 200, p99Ms: 700, samples: 120, factor: 1.5 },
};
const finished: SagaSummary = { ...running, id: 'order-8', status: 'completed', currentStep: null, phase: null, endedAt: 9_000, durationMs: 8_000, stuckSince: null, findings: [], slow: null };

describe('saga rows on the live feed', () => {
  it('round-trips a summary, durationMs derived from its start and end', () => {
    for (const s of [running, finished]) expect(fromSagaRow(SagaRow.parse(JSON.parse(JSON.stringify(toSagaRow(s)))))).toEqual(s);
  });

  it('fills what older summaries leave out: no findings, not slow', () => {
    const { findings: _f, slow: _s, ...bare } = finished;
    expect(fromSagaRow(toSagaRow(bare))).toEqual({ ...bare, findings: [], slow: null });
  });

  it('names every summary field but durationMs, in row order', () => {
    expect([...SAGA_ROW_FIELDS].sort()).toEqual(Object.keys(SagaSummary.shape).filter((k) => k !== 'durationMs').sort());
    const row = toSagaRow(running);
    SAGA_ROW_FIELDS.forEach((field, i) => expect(row[i]).toEqual(running[field]));
  });

  it('is less than half the bytes of the summary it carries', () => {
    expect(JSON.stringify(toSagaRow(finished)).length * 2).toBeLessThan(JSON.stringify(finished).length);
  });

  it('parses a batch into summaries and refuses a row of the wrong shape', () => {
    expect(SagaBatch.parse({ seq: 3, rows: [toSagaRow(running), toSagaRow(finished)], truncated: false }).items).toEqual([running, finished]);
    expect(SagaBatch.safeParse({ seq: 3, rows: [toSagaRow(running).slice(0, 11)], truncated: false }).success).toBe(false);
    expect(SagaBatch.safeParse({ seq: 3, rows: [[...toSagaRow(running).slice(0, 2), 'lost', ...toSagaRow(running).slice(3)]], truncated: false }).success).toBe(false);
  });
});
