import { SagaListResponse } from '../lib/wire/rest';
import { expect, test } from './fixtures';
import { dataRows, numberIn, sagaList, waitUntilLive } from './page-helpers';

/** A row shows one status; these are the others, as a badge or a gridcell would print them. */
const OTHER_STATUSES = /in[ _]progress|completed|failed|compensating|compensated/i;

test('filters and search narrow the list, live in the URL and survive a reload', async ({ page, api }) => {
  await page.goto('/');
  await waitUntilLive(page);
  const list = sagaList(page);
  const count = list.getByRole('status', { name: 'Saga count', exact: true });
  await expect(count).toHaveText(/\d[\d,]* sagas?/);
  await expect(dataRows(page).first()).toBeVisible();
  const all = (await numberIn(count))!;
  // Stuck sagas only grow in number here (drops are never answered), so there are some by now or soon.
  await expect.poll(async () => (await api.get('/api/sagas?status=stuck&limit=1', SagaListResponse)).total, { timeout: 45_000 }).toBeGreaterThan(1);

  await list.getByRole('combobox', { name: 'Status', exact: true }).selectOption('stuck');
  await expect(page).toHaveURL(/[?&]status=stuck(&|$)/);
  await expect.poll(() => numberIn(count)).toBeLessThan(all);
  await expect(dataRows(page).first()).toBeVisible();
  await expect
    .poll(async () => {
      const texts = await dataRows(page).allTextContents();
      return texts.length > 0 && texts.every((t) => /stuck/i.test(t) && !OTHER_STATUSES.test(t));
    })
    .toBe(true);
  const stuckCount = (await numberIn(count))!;

  // The newest stuck saga: its full id is a prefix of itself and of few others.
  const id = (await dataRows(page).first().getByRole('link').first().textContent())!.trim();
  await list.getByRole('searchbox', { name: 'Search saga id', exact: true }).fill(id);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(id)}(&|$)`));
  await expect(page).toHaveURL(/[?&]status=stuck(&|$)/);
  const matching = async () => (await api.get(`/api/sagas?status=stuck&q=${encodeURIComponent(id)}&limit=1`, SagaListResponse)).total;
  await expect.poll(async () => (await numberIn(count)) === (await matching())).toBe(true);
  expect(await numberIn(count)).toBeLessThan(stuckCount);
  await expect(list.getByRole('link', { name: id, exact: true })).toBeVisible();
  for (const text of await dataRows(page).allTextContents()) expect(text).toContain(id);

  await page.reload();
  await waitUntilLive(page);
  await expect(page).toHaveURL(/[?&]status=stuck(&|$)/);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(id)}(&|$)`));
  await expect(list.getByRole('searchbox', { name: 'Search saga id', exact: true })).toHaveValue(id);
  await expect(list.getByRole('combobox', { name: 'Status', exact: true })).toHaveValue('stuck');
  await expect(list.getByRole('link', { name: id, exact: true })).toBeVisible();
  await expect.poll(async () => (await numberIn(count)) === (await matching())).toBe(true);
});
