// An admin runs the team from the Server page: creates a member invite in the UI, sees the new device
// join, revokes it, and the revoked console is told that sync stopped. Errors (offline) are shown clearly.
import { test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { expect, firstRun, joinConsole, syncStatus } from './core-steps';
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

  // A name is one person's: who a console is to the server (whose acts it records, what restricted incidents it
  // reads) is the name it joined under. A laptop joining as "Ada Admin" with an ordinary invite is refused, saying
  // what to do; an invite the admin makes for Ada Admin lets her second laptop in.
  const ordinary = (await createInvite(ada.page, '')).code;
  const second = await browser.newContext({ baseURL: server.url });
  contexts.push(second);
  const laptop = await second.newPage();
  await laptop.goto('/');
  await firstRun(laptop, 'Ada Admin');
  await laptop.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Server' }).click();
  const connect = laptop.getByRole('form', { name: 'Connect to server' });
  await connect.getByLabel('Invite code').fill(ordinary);
  await connect.getByLabel('Device name').fill("Ada Admin's second laptop");
  await connect.getByRole('button', { name: 'Connect' }).click();
  await expect(laptop.getByRole('alert')).toContainText('another console of this workspace already joined as Ada Admin');
  await expect(laptop.getByRole('alert')).toContainText('ask an admin for an invite made for Ada Admin');
  await expect(syncStatus(laptop)).not.toContainText('Online');

  const forAda = await createInvite(ada.page, 'Ada Admin');
  expect(forAda.shown).toContain('member, for Ada Admin');
  await connect.getByLabel('Invite code').fill(forAda.code);
  await connect.getByRole('button', { name: 'Connect' }).click();
  await expect(syncStatus(laptop)).toContainText('Online', { timeout: SYNC_TIMEOUT });
});

/** Create a member invite on the admin's Server page, for `person` when given: its code, and what it says of it. */
async function createInvite(page: Page, person: string): Promise<{ code: string; shown: string }> {
  const form = team(page).getByRole('form', { name: 'Create invite' });
  await form.getByLabel('For (optional)').fill(person);
  await form.getByRole('button', { name: 'Create invite' }).click();
  const codeBox = form.getByRole('textbox', { name: 'New invite code' });
  await expect(codeBox).not.toHaveValue('');
  const code = await codeBox.inputValue();
  const shown = await form.getByRole('group', { name: 'New invite' }).innerText();
  await form.getByRole('button', { name: 'Done' }).click();
  return { code, shown };
}
