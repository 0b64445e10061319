import { SagaDetail } from '../lib/wire/rest';
import { expect, test } from './fixtures';
import { produceTo } from './produce';
import { waitUntilLive } from './page-helpers';

/** The monitor reads the record within a second; a busy dev stack may lag behind its topics for a while. */
const READ_TIMEOUT_MS = 30_000;
const MARKUP = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';

test('a payload with HTML and script is shown as text, never run', async ({ page, api, stack }) => {
  const id = `e2e-xss-${Date.now().toString(36)}`;
  await produceTo(api, stack, 'orders.requested', [
    { key: id, value: JSON.stringify({ type: 'OrderRequested', note: MARKUP }), headers: { 'saga-id': id, 'x-note': MARKUP } },
  ]);
  await expect
    .poll(async () => {
      const res = await fetch(`${stack.baseURL}/api/sagas/${id}`);
      return res.ok ? SagaDetail.parse(await res.json()).events.length : 0;
    }, { timeout: READ_TIMEOUT_MS })
    .toBe(1);

  await page.goto(`/sagas/${id}`);
  await waitUntilLive(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(id);
  const events = page.getByRole('table', { name: 'Events', exact: true });
  const show = events.getByRole('button', { name: 'Show payload', exact: true }).first();
  await expect(show).toHaveAttribute('aria-expanded', 'false');
  await show.click();
  await expect(show).toHaveAttribute('aria-expanded', 'true');
  const pre = events.locator('pre').first();
  await expect(pre).toBeVisible();
  // The header carries the markup verbatim; the value is JSON, so there its quotes may show escaped.
  await expect(pre).toContainText('<img src=x onerror=');
  const text = (await pre.textContent()) ?? '';
  expect(text.includes(MARKUP) || text.includes(JSON.stringify(MARKUP).slice(1, -1)), `payload text shows ${MARKUP}`).toBe(true);
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
});
