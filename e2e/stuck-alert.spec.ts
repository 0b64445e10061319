import { SagaDetail, SagaListResponse } from '../lib/wire/rest';
import type { Page } from '@playwright/test';
import { alertSeenAt, seenAlerts, watchAlertLinks } from './alert-watch';
import { expect, test, type Api } from './fixtures';
import { stuckArea, waitUntilLive } from './page-helpers';
import type { StackState } from './stack-state';

/** The acceptance bound: an alert shows within the saga's threshold plus this. */
const ALERT_SLACK_MS = 2_000;
/** The stuck check runs every 100 ms and the page clock may read a few ms apart from the producer's. */
const CLOCK_TOLERANCE_MS = 150;
/** A dev server compiles a route on its first visit (10-20 s); a production build answers at once. */
const NAVIGATION_TIMEOUT_MS = 45_000;
/** With pinned drops a new stuck saga comes every few seconds; a stack with random drops needs longer. */
const NEW_STUCK_TIMEOUT_MS = 75_000;

/** The next pinned order that has not started yet (so it cannot be stuck before the page watches). */
async function nextPinnedOrder(api: Api, pin: NonNullable<StackState['pinnedDrop']>, runTag: string): Promise<string> {
  const latest = await api.get(`/api/sagas?type=${pin.sagaType}&sort=started&limit=1&q=ord-${runTag}-`, SagaListResponse);
  const n = Number(/-(\d+)$/.exec(latest.items[0]?.id ?? '-0')![1]);
  return `ord-${runTag}-${(Math.floor(n / pin.every) + 1) * pin.every}`;
}

/**
 * A stack the suite did not start: the first saga that turns stuck while the page watches. A link that merely
 * re-enters the compact list (a newer alert resolved) is no new alert: its saga was stuck before we watched.
 */
async function firstNewlyStuck(page: Page, api: Api, since: number): Promise<string> {
  const checked = new Set<string>();
  let found: string | null = null;
  await expect
    .poll(
      async () => {
        for (const [id, at] of Object.entries(await seenAlerts(page))) {
          if (at <= since || checked.has(id)) continue;
          checked.add(id);
          const d = await api.get(`/api/sagas/${encodeURIComponent(id)}`, SagaDetail);
          if (d.stuck && d.stuck.since > since) found = id;
          if (found) return true;
        }
        return false;
      },
      { timeout: NEW_STUCK_TIMEOUT_MS, intervals: [250] },
    )
    .toBe(true);
  return found!;
}

test('a stuck saga raises an alert within its threshold + 2 s', async ({ page, api, stack }) => {
  test.setTimeout(120_000);
  await watchAlertLinks(page);
  await page.goto('/');
  await waitUntilLive(page);
  await expect(stuckArea(page)).not.toContainText('Loading');
  const watchingSince = await page.evaluate(() => Date.now());

  let id: string;
  if (stack.pinnedDrop && stack.runTag) {
    id = await nextPinnedOrder(api, stack.pinnedDrop, stack.runTag);
    await expect.poll(() => alertSeenAt(page, id), { timeout: NEW_STUCK_TIMEOUT_MS, intervals: [100] }).not.toBeNull();
  } else {
    id = await firstNewlyStuck(page, api, watchingSince);
  }
  const seenAt = (await alertSeenAt(page, id))!;
  const detail = await api.get(`/api/sagas/${encodeURIComponent(id)}`, SagaDetail);
  expect(detail.status, `${id} is stuck`).toBe('stuck');
  const lastEventAt = Math.max(...detail.events.map((e) => e.timestamp));
  const deadline = lastEventAt + detail.stuck!.thresholdMs;
  if (stack.pinnedDrop) expect(detail.stuck!.step).toBe(stack.pinnedDrop.step);
  const latency = `alert for ${id} shown ${seenAt - deadline} ms after its deadline (threshold ${detail.stuck!.thresholdMs} ms)`;
  test.info().annotations.push({ type: 'alert latency', description: latency });
  console.log(latency);
  expect(seenAt, `alert for ${id} shown no later than deadline + ${ALERT_SLACK_MS} ms`).toBeLessThanOrEqual(deadline + ALERT_SLACK_MS);
  expect(seenAt, `alert for ${id} not shown before its deadline`).toBeGreaterThanOrEqual(deadline - CLOCK_TOLERANCE_MS);
  await expect(stuckArea(page).getByRole('link', { name: id, exact: true })).toHaveAttribute('href', `/sagas/${encodeURIComponent(id)}`);
});

test('following an alert opens the drill-down with the timeline and what the saga waits for', async ({ page, api }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await waitUntilLive(page);
  const area = stuckArea(page);
  // A demo saga (not one a test wrote by hand): it waits on a step, so the drill-down has one to name.
  const firstLink = area.getByRole('link', { name: /^(ord|trip)-/ }).first();
  await expect(firstLink).toBeVisible({ timeout: 45_000 });
  const showAll = area.getByRole('button', { name: /^Show all/ });
  // New alerts push older ones out of the compact list; the full list keeps the one we pick on the page.
  if (await showAll.isVisible()) await showAll.click();
  const id = (await firstLink.textContent())!.trim();
  // By keyboard: new alerts keep shifting the list under a mouse pointer, and keyboard use is a requirement anyway.
  await area.getByRole('link', { name: id, exact: true }).focus();
  await page.keyboard.press('Enter');

  await expect(page).toHaveURL(new RegExp(`/sagas/${encodeURIComponent(id)}$`), { timeout: NAVIGATION_TIMEOUT_MS });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(id, { timeout: NAVIGATION_TIMEOUT_MS });
  const detail = await api.get(`/api/sagas/${encodeURIComponent(id)}`, SagaDetail);
  const timeline = page.getByRole('region', { name: 'Timeline', exact: true });
  const chart = timeline.getByRole('img', { name: `Timeline of ${id}`, exact: true });
  await expect(chart).toBeVisible({ timeout: NAVIGATION_TIMEOUT_MS });
  expect(await chart.evaluate((el) => el.closest('svg') !== null || el.querySelector('svg') !== null)).toBe(true);
  const waiting = timeline.getByText(/^Waiting for/);
  await expect(waiting).toBeVisible();
  await expect(waiting).toContainText(detail.stuck!.step!);
  const waitedOn = detail.stuck!.waitingFor[0];
  await expect(waiting).toContainText(waitedOn.eventType ?? waitedOn.topic);
});
