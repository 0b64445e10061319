import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import type { CpuProfile } from './profile-summary';

export interface BrowserProfiling {
  /** Stops both recordings; returns the page's CPU profile (the .cpuprofile format) and where the files went. */
  stop(): Promise<{ profile: CpuProfile; traceFile: string; cpuProfileFile: string }>;
}

/** Sampling interval of the page's CPU profile: as node --cpu-prof samples, fine enough for 50 ms tasks. */
const SAMPLING_US = 1_000;

/**
 * With --profile: a Chromium trace (open it in the performance panel of DevTools or https://ui.perfetto.dev) and a
 * JavaScript CPU profile of the page over the same span, for the top frames in the results.
 */
export async function startBrowserProfiling(browser: Browser, page: Page, dir: string, name: string): Promise<BrowserProfiling> {
  const traceFile = path.join(dir, `${name}-trace.json`);
  const cpuProfileFile = path.join(dir, `${name}-page.cpuprofile`);
  await browser.startTracing(page, { path: traceFile, screenshots: true });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLING_US });
  await cdp.send('Profiler.start');
  return {
    stop: async () => {
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync(cpuProfileFile, JSON.stringify(profile));
      await browser.stopTracing();
      return { profile: profile as unknown as CpuProfile, traceFile, cpuProfileFile };
    },
  };
}
