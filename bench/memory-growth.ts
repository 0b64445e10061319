export interface MemoryPoint {
  sagas: number;
  rssBytes: number;
  heapUsedBytes: number;
}

export interface Growth {
  extraSagas: number;
  rssBytesPerExtraSaga: number;
  heapBytesPerExtraSaga: number;
  /** Heap per extra saga as a share of the average heap per saga at the first point: well below 1 means the extra
   * sagas cost less than those held before (summaries only), i.e. growth past the detail cap is bounded per saga. */
  heapShareOfAverage: number;
}

/** Marginal cost of the sagas added between two points. */
export function growthBetween(a: MemoryPoint, b: MemoryPoint): Growth {
  const extra = b.sagas - a.sagas;
  if (extra <= 0) throw new Error(`the second point holds no more sagas than the first (${a.sagas} -> ${b.sagas})`);
  const heapPerExtra = (b.heapUsedBytes - a.heapUsedBytes) / extra;
  return {
    extraSagas: extra,
    rssBytesPerExtraSaga: Math.round((b.rssBytes - a.rssBytes) / extra),
    heapBytesPerExtraSaga: Math.round(heapPerExtra),
    heapShareOfAverage: a.sagas > 0 ? Math.round((heapPerExtra / (a.heapUsedBytes / a.sagas)) * 1000) / 1000 : Number.NaN,
  };
}
