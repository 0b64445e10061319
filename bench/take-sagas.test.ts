import { describe, expect, it } from 'vitest';
import { takeSagas } from './take-sagas';
import { sagas, type BenchSaga } from '../testing/workload/volume';

const demo = () => sagas({ seed: 1, runTag: 't', startAt: 0, sagaSpacingMs: 0, stepSpacingMs: 0 });
const ids = (it: Iterable<BenchSaga>) => [...it].map((s) => s.sagaId);

describe('takeSagas', () => {
  it('stops after n sagas of an endless source', () => {
    const g = demo();
    const firstThree = [g.next().value!, g.next().value!, g.next().value!].map((s) => s.sagaId);
    expect(ids(takeSagas(demo(), 3))).toEqual(firstThree);
  });

  it('counts only the sagas it keeps', () => {
    const taken = [...takeSagas(demo(), 50, (s) => s.outcome === 'completed')];
    expect(taken).toHaveLength(50);
    expect(taken.every((s) => s.outcome === 'completed')).toBe(true);
  });

  it('takes nothing for n <= 0', () => {
    expect(ids(takeSagas(demo(), 0))).toEqual([]);
  });
});
