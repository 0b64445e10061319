import { describe, expect, it } from 'vitest';
import { computeFindings } from '../../lib/saga/findings';
import { ev, ordersConfig } from '../../testing/fixtures/events';
import { MAX_FINISHED_WITH_DETAIL, SagaStore } from './saga-store';
import { FINDING_KINDS } from '../../lib/vocabulary';

const config = ordersConfig();
const sagaConfig = config.sagaTypes.get('orders')!.config;
const zero = Object.fromEntries(FINDING_KINDS.map((k) => [k, 0]));

/** A saga whose payment command went out twice without a reply, then completed. */
function applyDuplicated(store: SagaStore, id: string, t: number): void {
  store.apply(ev(id, 'start', t));
  store.apply(ev(id, 'step-started', t + 1, 'payment'));
  store.apply(ev(id, 'step-started', t + 2, 'payment'));
  store.apply(ev(id, 'step-completed', t + 3, 'payment'));
  store.apply(ev(id, 'complete', t + 4));
}

describe('SagaStore findings', () => {
  it('shows findings on the saga, counts sagas per kind, and follows late records both ways', () => {
    const store = new SagaStore(config, () => 0);
    applyDuplicated(store, 'a', 100);
    applyDuplicated(store, 'b', 200);
    store.apply(ev('c', 'start', 300));
    store.apply(ev('c', 'step-completed', 320, 'payment'));
    expect(store.findings.counts()).toEqual({ ...zero, 'duplicate-command': 2, 'reply-without-request': 1 });
    expect(store.summary('a')!.findings).toEqual(['duplicate-command']);
    const [f] = store.detail('a')!.findings!;
    expect(f).toMatchObject({ kind: 'duplicate-command', step: 'payment', at: 102 });
    expect(f.evidence).toHaveLength(2);

    // The command of c, read late but timed before its reply: the reply had a request after all.
    store.apply(ev('c', 'step-started', 310, 'payment'));
    expect(store.findings.counts()).toEqual({ ...zero, 'duplicate-command': 2 });
    expect(store.detail('c')!.findings).toEqual([]);
  });

  it('keeps a finished saga its findings when its timeline is dropped', () => {
    const store = new SagaStore(config, () => 0);
    applyDuplicated(store, 'first', 1);
    for (let i = 0; i < MAX_FINISHED_WITH_DETAIL; i++) {
      store.apply(ev(`f-${i}`, 'start', 10 + i));
      store.apply(ev(`f-${i}`, 'complete', 11 + i));
    }
    const d = store.detail('first')!;
    expect(d.events).toEqual([]);
    expect(d.findings!.map((f) => [f.kind, f.evidence.length])).toEqual([['duplicate-command', 2]]);
    expect(store.findings.counts()['duplicate-command']).toBe(1);
  });

  it('drops the findings of a forgotten saga from the saga and from the counts', () => {
    const store = new SagaStore(config, () => 0, { maxFinished: 2 });
    applyDuplicated(store, 'old', 1);
    applyDuplicated(store, 'mid', 10);
    expect(store.findings.counts()['duplicate-command']).toBe(2);
    applyDuplicated(store, 'new', 20);
    expect(store.forgotten).toBe(1);
    expect(store.findings.of('old')).toEqual([]);
    expect(store.findings.counts()['duplicate-command']).toBe(2);
  });

  it('keeps counts equal to a scan of every saga through a seeded mix of records', () => {
    let seed = 3;
    const rnd = (n: number) => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) % n;
    const store = new SagaStore(config, () => 0, { maxFinished: 1_000 });
    const effects = ['start', 'step-started', 'step-completed', 'complete'] as const;
    for (let i = 0; i < 3_000; i++) {
      const effect = effects[rnd(effects.length)];
      store.apply(ev(`s-${rnd(60)}`, effect, rnd(10_000), effect === 'start' || effect === 'complete' ? null : ['payment', 'shipping'][rnd(2)]));
    }
    const scanned = { ...zero };
    for (const s of store.sagas.values()) {
      for (const k of new Set(computeFindings(s, sagaConfig).map((f) => f.kind))) scanned[k] += 1;
      expect(store.findings.kindsOf(s.id), s.id).toEqual([...new Set(computeFindings(s, sagaConfig).map((f) => f.kind))].sort((a, b) => FINDING_KINDS.indexOf(a) - FINDING_KINDS.indexOf(b)));
    }
    expect(store.findings.counts()).toEqual(scanned);
    expect(scanned['duplicate-command'] + scanned['reply-without-request']).toBeGreaterThan(0);
  });
});
