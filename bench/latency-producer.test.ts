import { describe, expect, it } from 'vitest';
import { stampedAt } from './latency-producer';
import { sagas } from '../testing/workload/volume';

describe('stampedAt', () => {
  it('stamps every record of the live mix with its send time, in its Kafka timestamp and in its at', () => {
    const now = Date.parse('2026-03-01T12:00:00.000Z');
    let checked = 0;
    for (const s of sagas({ seed: 'live', runTag: 'lp', startAt: 0, sagaSpacingMs: 0, stepSpacingMs: 0 })) {
      if (checked >= 1_000) break;
      for (const r of s.records) {
        const sent = stampedAt(r.message, now);
        const value = JSON.parse(String(sent.value)) as { at: string; sagaId: string };
        expect(sent.timestamp).toBe(String(now));
        expect(value.at, `${value.sagaId} ${r.topic}`).toBe(new Date(now).toISOString());
        expect({ ...value, at: null }).toEqual({ ...(JSON.parse(String(r.message.value)) as object), at: null });
        checked += 1;
      }
    }
  });
});
