import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HealthResponse, SagaListResponse } from '../lib/wire/rest';
import { expect, test } from './fixtures';
import { dataRows, stuckArea, waitUntilLive } from './page-helpers';

/**
 * The README's screenshots, taken from the stack the suite started (a production build with demo traffic). Against
 * E2E_BASE_URL (maybe a dev server, with its overlay) they go to the test output instead, unless E2E_SCREENSHOTS=docs.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Charts need a few 10 s throughput buckets to show a shape rather than a dot. */
const CHART_WARMUP_MS = 30_000;

function target(name: string): string {
  const toDocs = !process.env.E2E_BASE_URL || process.env.E2E_SCREENSHOTS === 'docs';
  return toDocs ? path.join(ROOT, 'docs', name) : test.info().outputPath(name);
}

test.describe('README screenshots', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('overview', async ({ page, api }) => {
    const startedAt = (await api.get('/api/health', HealthResponse)).catchUp.startedAt;
    await page.goto('/');
    await waitUntilLive(page);
    await expect(stuckArea(page).getByRole('listitem').first()).toBeVisible({ timeout: 45_000 });
    await expect(dataRows(page).nth(5)).toBeVisible();
    await expect(page.getByRole('figure', { name: 'Throughput', exact: true })).toBeVisible();
    const wait = CHART_WARMUP_MS - (Date.now() - startedAt);
    if (wait > 0) await page.waitForTimeout(wait);
    await page.screenshot({ path: target('overview.png'), animations: 'disabled' });
  });

  test('waiting at each step', async ({ page }) => {
    await page.goto('/');
    await waitUntilLive(page);
    const aging = page.getByRole('figure', { name: 'Waiting at each step', exact: true });
    await aging.scrollIntoViewIfNeeded();
    await expect(aging.locator('.recharts-bar-rectangle').first()).toBeVisible();
    await aging.screenshot({ path: target('aging.png'), animations: 'disabled' });
  });

  test('saga drill-down', async ({ page, api }) => {
    const stuck = await api.get('/api/sagas?status=stuck&q=ord-&limit=1', SagaListResponse);
    const id = stuck.items[0]?.id;
    expect(id, 'a stuck order to show').toBeDefined();
    await page.goto(`/sagas/${encodeURIComponent(id)}`);
    await waitUntilLive(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(id);
    await expect(page.getByRole('region', { name: 'Timeline', exact: true }).getByRole('img')).toBeVisible();
    await expect(page.getByRole('table', { name: 'Events', exact: true }).getByRole('row').nth(2)).toBeVisible();
    await page.screenshot({ path: target('saga-detail.png'), animations: 'disabled' });
  });

  test('health', async ({ page }) => {
    await page.goto('/health');
    await waitUntilLive(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Health');
    await expect(page.getByRole('table', { name: 'Topic positions', exact: true })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Rejected by reason', exact: true })).toBeVisible();
    await page.screenshot({ path: target('health.png'), animations: 'disabled' });
  });
});
