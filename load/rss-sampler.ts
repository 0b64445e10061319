/** RSS is read from /proc this often: enough points for a slope over 60 s, no load on the server. */
const SAMPLE_MS = 250;

export interface RssSample {
  /** ms since the window started */
  t: number;
  rssBytes: number;
}

/** The store's size over the window, from /api/health: RSS is judged against what the monitor is meant to hold. */
export interface SagaCountSample {
  t: number;
  sagas: number;
}

export function startRssSampler(read: () => number, started: number): { stop(): RssSample[] } {
  const samples: RssSample[] = [];
  const take = () => {
    let rssBytes = Number.NaN;
    try {
      rssBytes = read();
    } catch {
      // The process is gone; the run reports that through its own checks.
    }
    if (Number.isFinite(rssBytes)) samples.push({ t: Date.now() - started, rssBytes });
  };
  take();
  const timer = setInterval(take, SAMPLE_MS);
  return {
    stop: () => {
      clearInterval(timer);
      take();
      return samples;
    },
  };
}
