import { HealthResponse } from '../lib/wire/rest';
import { expect, test } from './fixtures';
import { produceTo } from './produce';
import { waitUntilLive } from './page-helpers';

const INVALID_JSON = 2;
const MISSING_SAGA_ID = 3;

test('health shows catch-up done and the rejected records by reason', async ({ page, api, stack }) => {
  const before = (await api.get('/api/health', HealthResponse)).rejected.byReason;
  // payment.events rules match on the JSON event type: garbage there is invalid-json, a known type without the
  // saga-id header is missing-saga-id.
  await produceTo(api, stack, 'payment.events', [
    ...Array.from({ length: INVALID_JSON }, (_, i) => ({ value: `{not json ${i}`, headers: { 'saga-id': `e2e-junk-${i}` } })),
    ...Array.from({ length: MISSING_SAGA_ID }, () => ({ value: JSON.stringify({ type: 'PaymentAuthorized' }) })),
  ]);
  const want = {
    'invalid-json': (before['invalid-json'] ?? 0) + INVALID_JSON,
    'missing-saga-id': (before['missing-saga-id'] ?? 0) + MISSING_SAGA_ID,
  };
  await expect.poll(async () => (await api.get('/api/health', HealthResponse)).rejected.byReason).toMatchObject(want);

  await page.goto('/health');
  await waitUntilLive(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Health');
  await expect(page.getByRole('region', { name: 'Kafka connection', exact: true })).toBeVisible();

  const catchUp = page.getByRole('region', { name: 'Catch-up', exact: true });
  const progress = catchUp.getByRole('progressbar', { name: 'Catch-up progress', exact: true });
  await expect(progress).toBeVisible();
  // A native <progress> carries its value as a property, an ARIA one as aria-valuenow; either way, 100%.
  const percent = () =>
    progress.evaluate((el) => {
      const now = el.getAttribute('aria-valuenow');
      if (now !== null) return (100 * (Number(now) - Number(el.getAttribute('aria-valuemin') ?? 0))) / (Number(el.getAttribute('aria-valuemax') ?? 100) - Number(el.getAttribute('aria-valuemin') ?? 0));
      const p = el as HTMLProgressElement;
      return (100 * p.value) / p.max;
    });
  await expect.poll(percent).toBe(100);
  await expect(catchUp.getByRole('table', { name: 'Topic positions', exact: true })).toBeVisible();

  const rejected = page.getByRole('region', { name: 'Rejected records', exact: true }).getByRole('table', { name: 'Rejected by reason', exact: true });
  for (const [reason, n] of Object.entries(want)) {
    // The reason may be a row header or a plain cell; the count is the next column either way.
    const row = rejected.getByRole('row', { name: new RegExp(`^${reason} `) });
    await expect(row.locator(':scope > th, :scope > td').nth(1)).toHaveText(n.toLocaleString('en-US'));
  }
});

test('health lists who consumes each saga topic', async ({ page }) => {
  await page.goto('/health');
  await waitUntilLive(page);
  const table = page.getByRole('region', { name: 'Consumer groups', exact: true }).getByRole('table', { name: 'Consumers per topic', exact: true });
  // The demo's payment worker reads payment.commands (prefixed or not); the first check lands within seconds.
  const row = table.getByRole('row', { name: /payment\.commands/ });
  await expect(row).toContainText('Consuming', { timeout: 20_000 });
  await expect(row).toContainText('payment-service');
});

test('health shows the monitor process: memory, event-loop delay and garbage collection', async ({ page }) => {
  await page.goto('/health');
  await waitUntilLive(page);
  const region = page.getByRole('region', { name: 'Monitor process', exact: true });
  await expect(region).toContainText(/\d[\d,]* MB resident/);
  await expect(region).toContainText(/p99 [\d.]+ ms/);
  await expect(region).toContainText(/\d[\d,]* pauses/);
});
