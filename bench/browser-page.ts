import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page, type Request } from '@playwright/test';
import { dataRows } from '../e2e/page-helpers';
import type { LongTask } from './browser-long-tasks';

/** Debian's Chromium; the project never downloads a browser of its own. BENCH_CHROMIUM overrides the path. */
const CHROMIUM = process.env.BENCH_CHROMIUM ?? '/usr/bin/chromium';
/** The flags the browser suite uses: no GPU, no background chatter competing with the page. */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
/** The browser suite's viewport: the list shows a screenful of rows. */
const VIEWPORT = { width: 1280, height: 800 };
/** 100,000 sagas on a busy 2-core box; this only bounds a page that never shows rows. */
const FIRST_ROWS_TIMEOUT_MS = 60_000;
const LIVE_TIMEOUT_MS = 45_000;

/**
 * Runs in the page before its own scripts: collects every long task from the start (buffered), and notes on the
 * page's clock when the first saga-list grid cell enters the DOM.
 */
const INSTRUMENT = `
  window.__benchLongTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__benchLongTasks.push({ startTime: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  window.__benchFirstCellAt = null;
  const watch = new MutationObserver(() => {
    if (document.querySelector('[role="grid"][aria-label="Saga list"] [role="gridcell"]')) {
      window.__benchFirstCellAt = performance.now();
      watch.disconnect();
    }
  });
  watch.observe(document, { childList: true, subtree: true });
`;

export interface FirstRows {
  /** Wall clock from navigation start to Playwright seeing the first data row visible, found by role. */
  firstRowsMs: number;
  /** The page's own clock (performance.now, 0 = navigation start) when the first grid cell was inserted. */
  firstCellInDomMs: number | null;
  /** Navigation timing of the document. */
  responseEndMs: number;
  domContentLoadedMs: number;
  loadMs: number;
  /** The dashboard's API calls until the rows showed: path and query, wall-clock start and end after navigation. */
  api: Array<{ url: string; startMs: number; endMs: number }>;
}

/** Fails before any seeding when the browser is missing, saying how to get it. */
export function assertChromium(): void {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: install Debian's (apt-get install -y chromium) or set BENCH_CHROMIUM to its path`);
}

export async function launchBrowser(): Promise<Browser> {
  assertChromium();
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export async function newInstrumentedPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript(INSTRUMENT);
  return { context, page: await context.newPage() };
}

/** Navigates to the overview and waits for the first saga row, as an operator opening the dashboard sees it. */
export async function timeFirstRows(page: Page, url: string): Promise<FirstRows> {
  const api: FirstRows['api'] = [];
  const onFinished = (r: Request) => {
    const u = new URL(r.url());
    if (!u.pathname.startsWith('/api/')) return;
    const t = r.timing();
    api.push({ url: u.pathname + u.search, startMs: Math.round(t.startTime - t0), endMs: Math.round(t.startTime + t.responseEnd - t0) });
  };
  page.on('requestfinished', onFinished);
  const t0 = Date.now();
  await page.goto(url, { waitUntil: 'commit' });
  await dataRows(page).first().waitFor({ state: 'visible', timeout: FIRST_ROWS_TIMEOUT_MS });
  const firstRowsMs = Date.now() - t0;
  page.off('requestfinished', onFinished);
  const nav = await page.evaluate(() => {
    const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    const w = window as unknown as { __benchFirstCellAt: number | null };
    return { firstCell: w.__benchFirstCellAt, responseEnd: n?.responseEnd ?? -1, dcl: n?.domContentLoadedEventEnd ?? -1, load: n?.loadEventEnd ?? -1 };
  });
  return { firstRowsMs, firstCellInDomMs: nav.firstCell, responseEndMs: nav.responseEnd, domContentLoadedMs: nav.dcl, loadMs: nav.load, api };
}

export async function waitUntilLive(page: Page): Promise<void> {
  await page.getByRole('status', { name: 'Connection', exact: true }).filter({ hasText: 'Live' }).waitFor({ timeout: LIVE_TIMEOUT_MS });
}

export const pageNow = (page: Page) => page.evaluate(() => performance.now());

export async function longTasks(page: Page): Promise<LongTask[]> {
  return page.evaluate(() => (window as unknown as { __benchLongTasks: LongTask[] }).__benchLongTasks);
}
