import { HealthResponse, SagaListResponse } from '../lib/wire/rest';

/** Each route is asked again this long after its previous answer: a few dashboards' worth of polling. */
const POLL_GAP_MS = 100;
/** A request slower than this counts as failed (and as this long): the run must not hang on one. */
const REQUEST_TIMEOUT_MS = 10_000;

export interface RouteSamples {
  latenciesMs: number[];
  errors: string[];
  /** Body length of each answer, in UTF-16 code units (bytes for the ASCII JSON the API sends). */
  bytes: number[];
}

/** The reads a dashboard makes; the detail route takes an id from the latest list. */
const ROUTES = ['/api/sagas', '/api/sagas?status=stuck,failed&limit=100', '/api/sagas/{id}', '/api/alerts', '/api/stats', '/api/health'] as const;

/** Polls every read route in its own loop until stopped; latency is time to the whole body. */
export function startApiPoller(base: string, onHealth: (h: HealthResponse) => void): { stop(): Promise<Record<string, RouteSamples>> } {
  const samples: Record<string, RouteSamples> = Object.fromEntries(ROUTES.map((r) => [r, { latenciesMs: [], errors: [], bytes: [] }]));
  let running = true;
  let knownId: string | null = null;
  const loop = async (route: (typeof ROUTES)[number]) => {
    while (running) {
      const s = samples[route];
      if (route.includes('{id}') && knownId === null) {
        await new Promise((r) => setTimeout(r, POLL_GAP_MS));
        continue;
      }
      const path = route.replace('{id}', encodeURIComponent(knownId ?? ''));
      const t0 = performance.now();
      try {
        const res = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
        const text = await res.text();
        s.latenciesMs.push(performance.now() - t0);
        s.bytes.push(text.length);
        if (res.status !== 200) s.errors.push(`${res.status} ${text.slice(0, 120)}`);
        else if (route === '/api/sagas') knownId = SagaListResponse.parse(JSON.parse(text)).items[0]?.id ?? knownId;
        else if (route === '/api/health') onHealth(HealthResponse.parse(JSON.parse(text)));
      } catch (e) {
        s.latenciesMs.push(performance.now() - t0);
        s.errors.push(String(e));
      }
      await new Promise((r) => setTimeout(r, POLL_GAP_MS));
    }
  };
  const loops = ROUTES.map(loop);
  return {
    stop: async () => {
      running = false;
      await Promise.all(loops);
      return samples;
    },
  };
}
