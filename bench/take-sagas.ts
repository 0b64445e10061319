import type { BenchSaga } from '../testing/workload/volume';

/** The first `n` sagas of `source` that `keep` accepts: a saga count, where seed() stops at a record count. */
export function* takeSagas(source: Iterable<BenchSaga>, n: number, keep: (s: BenchSaga) => boolean = () => true): Generator<BenchSaga> {
  if (n <= 0) return;
  let taken = 0;
  for (const s of source) {
    if (!keep(s)) continue;
    yield s;
    if (++taken >= n) return;
  }
}
