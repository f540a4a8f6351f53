// Another person's entry on screen without a round trip: two consoles on one server, the entry typed on one is
// pushed the moment it is stored and travels to the other inside the realtime poke, so neither console pulls for it.
// Pull stays the correctness path: the second console, offline for a moment, still gets what it missed.
import { test, type Page } from '@playwright/test';
import { declareP1, expect, log, syncStatus, timelineRows } from './core-steps';
import { SYNC_TIMEOUT, sharedServer } from './sync-server';

const shared = sharedServer(2);

/** Every sync request the page sends from now on, by path (push, pull). */
function syncRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/api/v1/sync/')) seen.push(path.replace('/api/v1/sync/', ''));
  });
  return seen;
}

test('an entry logged on one console shows on the other from the realtime poke, with no pull on either side', async ({ browser }) => {
  test.setTimeout(240_000);
  const ada = await shared.join(browser, 'Ada IC');
  const ben = await shared.join(browser, 'Ben Ops');

  await ada.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Incidents' }).click();
  await declareP1(ada.page, 'Checkout latency');
  await ben.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Incidents' }).click();
  await ben.page.getByRole('button', { name: 'Checkout latency' }).click({ timeout: SYNC_TIMEOUT });
  await expect(ben.page.getByRole('heading', { name: 'Checkout latency' })).toBeVisible();
  await expect(syncStatus(ben.page)).toContainText('Online', { timeout: SYNC_TIMEOUT });
  await expect(syncStatus(ada.page)).toContainText('Online', { timeout: SYNC_TIMEOUT });

  const adaRequests = syncRequests(ada.page);
  const benRequests = syncRequests(ben.page);
  for (const text of ['p95 latency 2.4 s on checkout-api', 'd: shed the recommendations widget']) {
    await log(ada.page, text);
    const shown = text.replace(/^d: /, '');
    await expect(timelineRows(ben.page).filter({ hasText: shown })).toHaveCount(1, { timeout: SYNC_TIMEOUT });
  }
  // Ada pushed each entry on its own; nobody pulled to see them.
  expect(adaRequests.filter((p) => p === 'push')).toHaveLength(2);
  expect(adaRequests.filter((p) => p === 'pull')).toEqual([]);
  expect(benRequests).toEqual([]);
  await expect(syncStatus(ada.page)).not.toContainText('waiting', { timeout: SYNC_TIMEOUT });

  // Ben misses a poke while offline; the pull on reconnect brings the entry.
  await ben.context.setOffline(true);
  await expect(syncStatus(ben.page)).toContainText('Offline', { timeout: SYNC_TIMEOUT });
  await log(ada.page, 'rolled back checkout-api to v88');
  await ben.context.setOffline(false);
  await expect(timelineRows(ben.page).filter({ hasText: 'rolled back checkout-api to v88' })).toHaveCount(1, { timeout: SYNC_TIMEOUT });
  expect(benRequests).toContain('pull');
  await expect(async () => {
    const [a, b] = await Promise.all([timelineRows(ada.page).allInnerTexts(), timelineRows(ben.page).allInnerTexts()]);
    expect(b).toEqual(a);
  }).toPass({ timeout: SYNC_TIMEOUT });
});
