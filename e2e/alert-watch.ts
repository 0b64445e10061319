import type { Page } from '@playwright/test';

/**
 * Installed before the page loads: records, in the page's clock (the same machine's clock as the record timestamps),
 * when each saga id's link first appears in the "Stuck sagas" area, so the test measures what a user would see
 * rather than when its own polling happened to look.
 */
export async function watchAlertLinks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: Record<string, number> = {};
    Object.assign(window, { __alertSeen: seen });
    const scan = () => {
      const area = document.querySelector('section[aria-label="Stuck sagas"]');
      if (!area) return;
      const now = Date.now();
      for (const a of area.querySelectorAll('a[href^="/sagas/"]')) {
        const id = a.textContent?.trim();
        if (id && !(id in seen)) seen[id] = now;
      }
    };
    new MutationObserver(scan).observe(document, { childList: true, subtree: true, characterData: true });
  });
}

/** When the link of `id` first showed, or null if it has not. */
export function alertSeenAt(page: Page, id: string): Promise<number | null> {
  return page.evaluate((sagaId) => (window as unknown as { __alertSeen: Record<string, number> }).__alertSeen[sagaId] ?? null, id);
}

/** Every alert link seen so far, with when it first showed. */
export function seenAlerts(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => ({ ...(window as unknown as { __alertSeen: Record<string, number> }).__alertSeen }));
}
