// An admin runs the team from the Server page: creates a member invite in the UI, sees the new device
// join, revokes it, and the revoked console is told that sync stopped. Errors (offline) are shown clearly.
import { test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { expect, joinConsole, syncStatus } from './core-steps';
import { startSyncServer, type RunningServer } from './sync-server';

// Sync rests on realtime pokes (fast) with a 30 s backstop pull; allow for a loaded machine.
const SYNC_TIMEOUT = 45_000;

let server: RunningServer | undefined;
const contexts: BrowserContext[] = [];

test.beforeAll(async () => {
  test.setTimeout(180_000);
  server = await startSyncServer();
});

test.afterAll(async () => {
  for (const c of contexts.splice(0)) await c.close().catch(() => undefined);
  await server?.stop();
});

const team = (page: Page) => page.getByRole('region', { name: 'Team (admin)' });

function joinAs(browser: Browser, name: string, code: string): Promise<{ context: BrowserContext; page: Page }> {
  if (!server) throw new Error('server not started');
  // en-US: the locale whose own clock is 12-hour, so the 24-hour check below means something.
  const options = { permissions: ['clipboard-read', 'clipboard-write'], locale: 'en-US' };
  return joinConsole(browser, { url: server.url, contexts, timeout: SYNC_TIMEOUT, options }, name, code);
}

test('an admin invites a member from the Server page, sees the device and revokes it', async ({ browser }) => {
  test.setTimeout(240_000);
  if (!server) throw new Error('server not started');
  const ada = await joinAs(browser, 'Ada Admin', server.adminInvite);
  await expect(team(ada.page)).toBeVisible();

  // Create a single-use member invite; the code is shown once and can be copied.
  const inviteForm = team(ada.page).getByRole('form', { name: 'Create invite' });
  await inviteForm.getByLabel('Role').selectOption('member');
  await inviteForm.getByLabel('Max uses').fill('1');
  await inviteForm.getByLabel('Expires in (hours)').fill('24');
  await inviteForm.getByRole('button', { name: 'Create invite' }).click();
  const codeBox = inviteForm.getByRole('textbox', { name: 'New invite code' });
  await expect(codeBox).not.toHaveValue('');
  const code = await codeBox.inputValue();
  await inviteForm.getByRole('button', { name: 'Copy invite code' }).click();
  await expect(inviteForm.getByRole('status')).toHaveText('Copied');
  expect(await ada.page.evaluate(() => navigator.clipboard.readText())).toBe(code);

  // A second console joins with that code as a member: it gets no admin section.
  const ben = await joinAs(browser, 'Ben Ops', code);
  await expect(ben.page.getByRole('definition').filter({ hasText: "Ben Ops's laptop (member)" })).toBeVisible();
  await expect(team(ben.page)).toHaveCount(0);

  // The admin sees Ben's device, revokes it after confirming.
  const devices = team(ada.page).getByRole('table', { name: 'Devices' });
  await team(ada.page).getByRole('button', { name: 'Refresh devices' }).click();
  const benRow = devices.getByRole('row').filter({ hasText: "Ben Ops's laptop" });
  await expect(benRow).toContainText('Ben Ops');
  await expect(benRow).toContainText('member');
  await expect(benRow).toContainText('Active');
  await expect(devices.getByRole('row').filter({ hasText: "Ada Admin's laptop (this device)" })).toBeVisible();
  // Joined and last seen in 24-hour time, as every time in the console (a war room spans midnight); the page
  // runs in en-US, where a 12-hour clock is the locale's own default.
  await expect(benRow.getByRole('cell').nth(2)).toHaveText(/\b\d{2}:\d{2}$/);
  await expect(benRow.getByRole('cell').nth(3)).toHaveText(/\b\d{2}:\d{2}$/);
  await expect(benRow).not.toContainText(/\b(AM|PM)\b/);
  await benRow.getByRole('button', { name: "Revoke Ben Ops's laptop" }).click();
  await benRow.getByRole('group', { name: "Confirm revoking Ben Ops's laptop" }).getByRole('button', { name: 'Yes, revoke' }).click();
  await expect(benRow).toContainText('Revoked');
  await expect(benRow.getByRole('button', { name: "Revoke Ben Ops's laptop" })).toHaveCount(0);

  // Ben's console learns on its next round that the server no longer accepts it. Ask for a round now; the
  // button is gone if the closed realtime socket already led to one (then there is nothing to click).
  await ben.page.getByRole('button', { name: 'Sync now' }).click({ timeout: 5_000 }).catch(() => undefined);
  await expect(syncStatus(ben.page)).toContainText('Sync stopped', { timeout: SYNC_TIMEOUT });
  await expect(ben.page.getByRole('alert')).toContainText('no longer accepts this device');

  // The admin's own device is unaffected; without a network the section says what is wrong.
  await expect(syncStatus(ada.page)).toContainText('Online');
  await ada.context.setOffline(true);
  await team(ada.page).getByRole('button', { name: 'Refresh devices' }).click();
  await expect(team(ada.page).getByRole('alert')).toHaveText('You are offline: invites and devices need the server');
  await ada.context.setOffline(false);
});
