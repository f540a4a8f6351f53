// The network is cut right after the first load and stays cut: the app still declares, logs, and reloads
// from its service worker with every entry intact.
import { test } from '@playwright/test';
import { declareP1, expect, firstRun, log, timelineRows } from './core-steps';

test('works offline after the first load, through a reload', async ({ page, context }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Incident Console' })).toBeVisible();
  // Wait until the service worker controls the page (its app shell is cached).
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise<void>((resolve) => navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }));
    }
  });
  await context.setOffline(true);
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);

  await firstRun(page, 'Offline Olly');
  await declareP1(page, 'Datacentre uplink lost');
  await log(page, 'Bridge moved to phones');
  await log(page, 'd: fail over to the secondary site');
  await page.getByRole('button', { name: 'Change status' }).click();
  await page.getByLabel('New status').selectOption('mitigating');
  await page.getByRole('button', { name: 'Apply status' }).click();
  // The status change is stored before the reload (a reload while the write is in flight would drop it).
  await expect(timelineRows(page).filter({ hasText: 'Status: mitigating' })).toHaveCount(1);

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Incident Console' })).toBeVisible();
  await page.getByRole('button', { name: 'Datacentre uplink lost' }).click();
  await expect(page.getByRole('heading', { name: 'Datacentre uplink lost' })).toBeVisible();
  const rows = timelineRows(page);
  await expect(rows.filter({ hasText: 'Bridge moved to phones' })).toContainText('Note');
  await expect(rows.filter({ hasText: 'fail over to the secondary site' })).toContainText('Decision');
  await expect(rows.filter({ hasText: 'Status: mitigating' })).toHaveCount(1);
  await expect(page.getByRole('group', { name: 'Incident status' })).toContainText('P1');
  await log(page, 'Still offline, still logging');
  await expect(rows.filter({ hasText: 'Still offline, still logging' })).toHaveCount(1);
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
});
