import { expect, type Locator, type Page } from '@playwright/test';

/** Pages talk to the monitor over one socket; nothing on them is trustworthy before it says Live. */
export async function waitUntilLive(page: Page): Promise<void> {
  await expect(page.getByRole('status', { name: 'Connection', exact: true })).toHaveText(/Live/, { timeout: 45_000 });
}

/** The number in a "1,234 sagas" text, or null while it shows something else (loading). */
export async function numberIn(locator: Locator): Promise<number | null> {
  const m = /(\d[\d,]*)/.exec((await locator.textContent()) ?? '');
  return m ? Number(m[1].replaceAll(',', '')) : null;
}

/** Data rows of the saga grid (the header row has column headers, no grid cells). */
export function dataRows(page: Page): Locator {
  return page.getByRole('grid', { name: 'Saga list', exact: true }).getByRole('row').filter({ has: page.getByRole('gridcell') });
}

export const sagaList = (page: Page) => page.getByRole('region', { name: 'Sagas', exact: true });
export const stuckArea = (page: Page) => page.getByRole('region', { name: 'Stuck sagas', exact: true });
