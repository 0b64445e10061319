/** The buckets a chart shows: aligned to the server's bucket size, covering the window that ends at `at`. */
export interface BucketWindow {
  bucketMs: number;
  /** Oldest bucket the server still keeps: it is complete, only part of it lies inside the window. */
  start: number;
  /** The bucket `at` falls in: still filling, so rates and the throughput chart leave it out. */
  current: number;
  lastComplete: number;
}

export function bucketWindow(at: number, bucketMs: number, windowMs: number): BucketWindow {
  const current = Math.floor(at / bucketMs) * bucketMs;
  const start = Math.floor((at - windowMs) / bucketMs) * bucketMs;
  return { bucketMs, start, current, lastComplete: current - bucketMs };
}

/** Bucket start times from `from` to `to`, both included. */
export function bucketStarts(from: number, to: number, bucketMs: number): number[] {
  const out: number[] = [];
  for (let t = from; t <= to; t += bucketMs) out.push(t);
  return out;
}

/** Axis ticks on epoch multiples of `stepMs`: round local times in every zone whose UTC offset is a multiple of the step. */
export function timeTicks(from: number, to: number, stepMs: number): number[] {
  const first = Math.ceil(from / stepMs) * stepMs;
  return bucketStarts(first, to, stepMs);
}
