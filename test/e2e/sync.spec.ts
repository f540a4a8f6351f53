// Two commanders on one shared server: both join with an invite, one goes offline while both keep logging on
// the same incident, and after reconnecting both consoles show the same timeline, in the same order.
import { test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { connectToServer, declareP1, expect, firstRun, log, syncStatus, timelineRows } from './core-steps';
import { SYNC_TIMEOUT, sharedServer } from './sync-server';

const shared = sharedServer(2);

async function joinAs(browser: Browser, name: string, code = shared.invite): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: shared.server.url });
  shared.contexts.push(context);
  const page = await context.newPage();
  await page.goto('/');
  await firstRun(page, name);
  await expect(syncStatus(page)).toContainText('Local only');
  await connectToServer(page, name, code, SYNC_TIMEOUT);
  await expect(page.getByRole('definition').filter({ hasText: 'Incident response' })).toBeVisible();
  return { context, page };
}

test('two consoles, one offline for a while, converge to the same timeline', async ({ browser }) => {
  test.setTimeout(240_000);
  const ada = await joinAs(browser, 'Ada IC');
  const ben = await joinAs(browser, 'Ben Ops');

  // Ada declares and logs; Ben receives the incident through the server.
  await ada.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Incidents' }).click();
  await declareP1(ada.page, 'Payments API down');
  await log(ada.page, 'A1 error rate 12% on payments-api');
  await ben.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Incidents' }).click();
  await ben.page.getByRole('button', { name: 'Payments API down' }).click({ timeout: SYNC_TIMEOUT });
  await expect(ben.page.getByRole('heading', { name: 'Payments API down' })).toBeVisible();
  await expect(timelineRows(ben.page).filter({ hasText: 'A1 error rate 12%' })).toHaveCount(1, { timeout: SYNC_TIMEOUT });

  // Ben loses the network; his status says so, and his entries wait locally.
  await ben.context.setOffline(true);
  await expect(syncStatus(ben.page)).toContainText('Offline', { timeout: SYNC_TIMEOUT });
  await log(ada.page, 'A2 rolled back payments-api to v41');
  await log(ben.page, 'B1 database failover looks healthy');
  await log(ada.page, 'd: A3 keep the rollback, freeze deploys');
  await log(ben.page, 'B2 customer support informed');
  await expect(syncStatus(ben.page)).toContainText('2 waiting to send');
  await expect(timelineRows(ben.page).filter({ hasText: 'B2 customer support informed' })).toHaveCount(1);
  await expect(timelineRows(ben.page).filter({ hasText: 'A2 rolled back' })).toHaveCount(0);
  await expect(timelineRows(ada.page).filter({ hasText: 'B1 database failover' })).toHaveCount(0);
  await expect(syncStatus(ada.page)).toContainText('Online');

  // Back online: both sides get everything, once, in the same order.
  await ben.context.setOffline(false);
  await expect(syncStatus(ben.page)).toContainText('Online', { timeout: SYNC_TIMEOUT });
  await expect(syncStatus(ben.page)).not.toContainText('waiting', { timeout: SYNC_TIMEOUT });
  const markers = ['A1 error rate', 'A2 rolled back', 'A3 keep the rollback', 'B1 database failover', 'B2 customer support'];
  for (const { page } of [ada, ben]) {
    for (const m of markers) await expect(timelineRows(page).filter({ hasText: m })).toHaveCount(1, { timeout: SYNC_TIMEOUT });
  }
  await expect(async () => {
    const [a, b] = await Promise.all([timelineRows(ada.page).allInnerTexts(), timelineRows(ben.page).allInnerTexts()]);
    expect(a.length).toBeGreaterThanOrEqual(markers.length);
    expect(b).toEqual(a);
  }).toPass({ timeout: SYNC_TIMEOUT });
  // Authors travel with the entries.
  await expect(timelineRows(ada.page).filter({ hasText: 'B1 database failover' })).toContainText('Ben Ops');
  await expect(timelineRows(ben.page).filter({ hasText: 'A2 rolled back' })).toContainText('Ada IC');
});

test('a wrong invite code and an unreachable server are reported clearly', async ({ browser }) => {
  const context = await browser.newContext({ baseURL: shared.server.url });
  shared.contexts.push(context);
  const page = await context.newPage();
  await page.goto('/');
  await firstRun(page, 'Cara Comms');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Server' }).click();
  const form = page.getByRole('form', { name: 'Connect to server' });
  await form.getByLabel('Invite code').fill('not-a-real-invite-code');
  await form.getByRole('button', { name: 'Connect' }).click();
  await expect(form.getByRole('alert')).toContainText('refused this invite code');
  await form.getByLabel('Server address').fill('http://127.0.0.1:9');
  await form.getByRole('button', { name: 'Connect' }).click();
  await expect(form.getByRole('alert')).toContainText('Could not reach the server at http://127.0.0.1:9');
  await expect(syncStatus(page)).toContainText('Local only');
});

test('a revoked device is told so, keeps its entries, and connects again with a new invite', async ({ browser }) => {
  test.setTimeout(180_000);
  const { admin } = shared;
  const dee = await joinAs(browser, 'Dee SRE', await admin.invite(1));
  await dee.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Incidents' }).click();
  await declareP1(dee.page, 'Search latency high');
  await expect(syncStatus(dee.page)).not.toContainText('waiting', { timeout: SYNC_TIMEOUT });

  expect(await admin.revokeByName("Dee SRE's laptop")).toBe(1);
  await log(dee.page, 'Logged after the revocation');
  await expect(syncStatus(dee.page)).toContainText('Sync stopped', { timeout: SYNC_TIMEOUT });
  await expect(syncStatus(dee.page)).toContainText('1 waiting to send');
  await dee.page.getByRole('button', { name: 'Connect again' }).click();
  await expect(dee.page.getByRole('alert')).toContainText('no longer accepts this device');
  const form = dee.page.getByRole('form', { name: 'Connect to server' });
  await form.getByLabel('Invite code').fill(await admin.invite(1));
  await form.getByRole('button', { name: 'Connect' }).click();
  await expect(syncStatus(dee.page)).toContainText('Online', { timeout: SYNC_TIMEOUT });
  await expect(syncStatus(dee.page)).not.toContainText('waiting', { timeout: SYNC_TIMEOUT });
});
