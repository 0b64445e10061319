import type { HealthResponse } from '../../lib/wire/rest';

/** Health is read this often: the outage and recovery figures are this precise. */
const WATCH_INTERVAL_MS = 200;

export interface HealthSample {
  at: number;
  /** Null when the monitor did not answer at all. */
  state: HealthResponse['kafka']['state'] | null;
  lastError: string | null;
}

export interface HealthWatch {
  samples: HealthSample[];
  /** First sample at or after `from` whose state passes `test`, or null. */
  first(from: number, test: (s: HealthSample) => boolean): HealthSample | null;
  stop(): Promise<void>;
}

/** Polls `/api/health` in the background, keeping every answer: what an operator's dashboard would have shown. */
export function watchHealth(read: () => Promise<HealthResponse>): HealthWatch {
  const samples: HealthSample[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const at = Date.now();
      try {
        const h = await read();
        samples.push({ at, state: h.kafka.state, lastError: h.kafka.lastError });
      } catch {
        samples.push({ at, state: null, lastError: null });
      }
      await new Promise((r) => setTimeout(r, WATCH_INTERVAL_MS));
    }
  })();
  return {
    samples,
    first: (from, test) => samples.find((s) => s.at >= from && test(s)) ?? null,
    stop: async () => {
      running = false;
      await loop;
    },
  };
}
