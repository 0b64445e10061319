/** Ten sends a second at most: smooth at a few sagas a second, and one batch per tick at hundreds. */
export const GENERATOR_TICK_MS = 100;

export interface GeneratorSpec {
  ratePerSecond: number;
  /** Stop after this many sagas; null runs until stopped. */
  max: number | null;
  /** Produces sagas number `from`..`to` (1-based, inclusive) as one batch. */
  emit(from: number, to: number): void;
  onDone(): void;
}

/** Paces saga starts from the elapsed time, so a slow tick catches up instead of lowering the rate. */
export function startGenerator(spec: GeneratorSpec, now: () => number = Date.now): { stop(): void } {
  const t0 = now();
  let produced = 0;
  let timer: NodeJS.Timeout | null = null;
  const stop = () => {
    if (timer) clearInterval(timer);
    timer = null;
  };
  const tick = () => {
    const due = Math.floor((spec.ratePerSecond * (now() - t0)) / 1000) + 1;
    const target = spec.max === null ? due : Math.min(due, spec.max);
    if (target > produced) {
      spec.emit(produced + 1, target);
      produced = target;
    }
    if (spec.max !== null && produced >= spec.max) {
      stop();
      spec.onDone();
    }
  };
  if (spec.ratePerSecond <= 0 || spec.max === 0) {
    spec.onDone();
    return { stop };
  }
  tick();
  if (timer === null && (spec.max === null || produced < spec.max)) timer = setInterval(tick, GENERATOR_TICK_MS);
  return { stop };
}
