import { expect, test } from './fixtures';
import { dataRows, numberIn, sagaList, waitUntilLive } from './page-helpers';

/** New sagas start every fraction of a second; a count that has not moved by then is not live. */
const LIVE_CHANGE_TIMEOUT_MS = 20_000;

test('the overview shows live sagas that update without a reload', async ({ page }) => {
  await page.goto('/');
  await waitUntilLive(page);
  const count = sagaList(page).getByRole('status', { name: 'Saga count', exact: true });
  await expect(count).toHaveText(/\d[\d,]* sagas?/);
  await expect(dataRows(page).first()).toBeVisible();
  // A marker on this document: a reload or a navigation would lose it.
  await page.evaluate(() => Object.assign(window, { __e2eSameDocument: true }));
  const before = await numberIn(count);
  const firstRowBefore = await dataRows(page).first().getByRole('link').first().textContent();

  await expect
    .poll(async () => [await numberIn(count), await dataRows(page).first().getByRole('link').first().textContent()], { timeout: LIVE_CHANGE_TIMEOUT_MS })
    .not.toEqual([before, firstRowBefore]);
  expect(await page.evaluate(() => (window as unknown as { __e2eSameDocument?: boolean }).__e2eSameDocument)).toBe(true);
  await expect(page.getByRole('status', { name: 'Connection', exact: true })).toHaveText(/Live/);
});

test('the overview shows the live counts and the charts', async ({ page }) => {
  await page.goto('/');
  await waitUntilLive(page);
  const tiles = page.getByRole('region', { name: 'Live counts', exact: true });
  for (const name of ['In progress', 'Stuck', 'Failed in the last hour', 'Completed per minute', 'p95 duration']) {
    await expect(tiles.getByRole('group', { name, exact: true })).toContainText(/\d/);
  }
  const charts = page.getByRole('region', { name: 'Charts', exact: true });
  for (const name of ['Throughput', 'Duration percentiles', 'Stuck over time']) {
    await expect(charts.getByRole('figure', { name, exact: true })).toBeVisible();
  }
});

test('the overview shows where in-flight sagas wait and for how long', async ({ page }) => {
  await page.goto('/');
  await waitUntilLive(page);
  const aging = page.getByRole('region', { name: 'Aging', exact: true }).getByRole('figure', { name: 'Waiting at each step', exact: true });
  await aging.scrollIntoViewIfNeeded();
  // The demo always has sagas in flight: the chart draws a bar per place and says what it shows in words.
  await expect(aging).toContainText(/In-flight sagas by where they wait: \d+ at (order-fulfilment|trip-booking) · /);
  await expect(aging.locator('.recharts-bar-rectangle').first()).toBeVisible();
});
