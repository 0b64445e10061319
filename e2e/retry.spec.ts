import { SagaListResponse } from '../lib/wire/rest';
import { expect, test } from './fixtures';
import { stuckArea, waitUntilLive } from './page-helpers';
import { E2E_OPERATOR, E2E_OPERATOR_TOKEN } from './operators';

/** The demo orchestrator answers a retry command within a few hundred ms; the rest is the live feed. */
const COMPLETE_TIMEOUT_MS = 30_000;
const STUCK_TIMEOUT_MS = 60_000;

test('an operator signs in, retries a stuck saga after seeing the record, and the saga completes', async ({ page, api, stack }) => {
  test.skip(stack.runTag === null, 'needs the stack this suite starts (operators are configured there)');
  test.setTimeout(150_000);
  let id = '';
  await expect
    .poll(
      async () => {
        const stuck = await api.get(`/api/sagas?status=stuck&type=order-fulfilment&q=ord-${stack.runTag}-&limit=1`, SagaListResponse);
        id = stuck.items[0]?.id ?? '';
        return id;
      },
      { timeout: STUCK_TIMEOUT_MS },
    )
    .not.toBe('');

  await page.goto(`/sagas/${encodeURIComponent(id)}`);
  await waitUntilLive(page);
  await expect(page.getByRole('heading', { level: 1, name: id })).toBeVisible();
  const retry = page.getByRole('region', { name: 'Retry', exact: true });
  await retry.getByLabel('Operator token').fill(E2E_OPERATOR_TOKEN);
  await retry.getByRole('button', { name: 'Sign in' }).click();
  await expect(retry).toContainText(`Signed in as ${E2E_OPERATOR}`);

  await retry.getByRole('button', { name: 'Retry', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Retry ${id}?` });
  await expect(dialog).toBeVisible();
  // The exact record is shown before anything is sent: the orchestrator's retry topic and the command for this saga.
  await expect(dialog).toContainText('orders.retries');
  await expect(dialog).toContainText('"type": "RetryStep"');
  await expect(dialog).toContainText(`"sagaId": "${id}"`);
  await dialog.getByRole('button', { name: 'Confirm retry' }).click();
  await expect(dialog.getByRole('status')).toContainText('Sent as');
  await dialog.getByRole('button', { name: 'Close' }).click();

  await expect(page.getByRole('region', { name: 'Saga summary' })).toContainText(/completed/i, { timeout: COMPLETE_TIMEOUT_MS });
  await expect(stuckArea(page).getByRole('link', { name: id, exact: true })).toHaveCount(0);
  const events = page.getByRole('table', { name: 'Events' });
  await expect(events).toContainText('RetryPublished');
  await expect(events).toContainText(`by ${E2E_OPERATOR}`);
});
