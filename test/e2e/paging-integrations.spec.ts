// Integrations and paging in Chromium, the way an admin and a commander use them: an admin adds a Slack channel,
// a Teams bridge whose webhook is gone and a paging gateway on the Server page, and "Send test" shows the real
// result of each (delivered; the exact failure). The commander pages the on-call from the Roles panel; the page
// reaches the gateway (a local HTTP receiver: no SMS service is reachable here) with a one-time link; the on-call
// opens it on a phone and acknowledges; both consoles show who acknowledged and the response clock met. The
// composer offers the Slack channel, and the update's channel says where it actually went.
import { test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { onCallAt } from '../../shared/oncall/rotation';
import { defaultPlan } from '../../shared/plan/default-plan';
import { freePort } from '../helpers/postgres';
import { startReceiver, type Received, type Receiver } from '../helpers/receiver';
import { declareP1, expect, joinConsole, timelineRows } from './core-steps';
import { adminSession, startSyncServer, type RunningServer } from './sync-server';

const SYNC_TIMEOUT = 45_000;
const SHOTS = process.env.SCREENSHOT_DIR;
let server: RunningServer | undefined;
let receiver: Receiver | undefined;
let hooks = '';
let received: Received[] = [];
let adminInvite = '';
let memberInvite = '';
const contexts: BrowserContext[] = [];
const onCall = onCallAt(defaultPlan, 'on-call-engineer', Date.now())!.member;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  receiver = await startReceiver((r) => (r.path.startsWith('/gone') ? { status: 404, body: 'no_service' } : { status: r.path === '/sms' ? 202 : 200 }));
  hooks = receiver.base;
  received = receiver.received;
  const port = await freePort();
  // The receiver stands in for an on-premises gateway on this machine: the operator allows it, as docs/server.md says.
  server = await startSyncServer(120_000, { PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, DELIVERY_POLL_MS: '200', OUTBOUND_ALLOW: '127.0.0.1' });
  const admin = await adminSession(server);
  adminInvite = await admin.invite(1, 'admin');
  memberInvite = await admin.invite(1);
});

test.afterAll(async () => {
  for (const c of contexts.splice(0)) await c.close().catch(() => undefined);
  await server?.stop();
  await receiver?.close();
});

function joinAs(browser: Browser, name: string, invite: string): Promise<{ context: BrowserContext; page: Page }> {
  if (!server) throw new Error('server not started');
  return joinConsole(browser, { url: server.url, contexts, timeout: SYNC_TIMEOUT, options: { viewport: { width: 1440, height: 900 } } }, name, invite);
}

async function shoot(page: Page, name: string, locator?: ReturnType<Page['locator']>): Promise<void> {
  if (!SHOTS) return;
  for (const [w, h] of [[1440, 900], [1920, 1080]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await (locator ?? page.locator('body')).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/${name}-${w}x${h}.png` });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name }).click();

test('Integrations: Send test shows the real result; paging the on-call, acknowledged from the link, ends the response clock on every console', async ({ browser }) => {
  test.setTimeout(300_000);
  const ada = await joinAs(browser, 'Ada IC', adminInvite);
  const ben = await joinAs(browser, 'Ben Ops', memberInvite);

  // The admin adds three destinations on the Server page.
  await nav(ada.page, 'Server');
  const integrations = ada.page.getByRole('form', { name: 'Add outbound channel' });
  const add = async (kind: string, name: string, url: string, secret?: string) => {
    await integrations.getByLabel('Kind').selectOption({ label: kind });
    await integrations.getByLabel('Channel name').fill(name);
    await integrations.getByLabel('Webhook URL').fill(url);
    if (secret) await integrations.getByLabel('Signing secret').fill(secret);
    await integrations.getByRole('button', { name: 'Add channel' }).click();
  };
  // A typo in the URL is refused on the console, saying what is wrong, and nothing is added.
  await add('Slack', 'incidents', 'hooks.slack.com/services/T0');
  await expect(integrations.getByRole('alert')).toHaveText('The URL must start with http:// or https://.');
  await expect(integrations.getByLabel('Webhook URL')).toHaveValue('hooks.slack.com/services/T0'); // given back to fix
  // An internal address (the cloud metadata service, spelled in hex) is refused by the server, saying why.
  await add('Slack', 'incidents', 'http://0xa9fea9fe/latest/meta-data/');
  await expect(integrations.getByRole('alert')).toContainText('169.254.169.254 is a cloud metadata address');
  await expect(integrations.getByLabel('Webhook URL')).toHaveValue('http://0xa9fea9fe/latest/meta-data/');
  await shoot(ada.page, 'integrations-refused', integrations);
  await add('Slack', 'incidents', `${hooks}/slack/T0/B0/SECRETPART`);
  const table = ada.page.getByRole('table', { name: 'Outbound channels' });
  await expect(table.getByRole('rowheader', { name: 'Slack incidents' })).toBeVisible();
  await add('Teams', 'bridge', `${hooks}/gone/workflow`);
  // The form takes the next channel at once, while the previous one is still being saved.
  await add('Paging gateway', 'sms', `${hooks}/sms`, 'paging-secret-0123456789');
  await expect(table.getByRole('rowheader', { name: 'Teams bridge' })).toBeVisible();
  await expect(table.getByRole('rowheader', { name: 'Paging gateway sms' })).toBeVisible();
  await expect(table).not.toContainText('SECRETPART');

  await table.getByRole('button', { name: 'Send test to Slack incidents' }).click();
  await expect(table.getByRole('status', { name: 'Test result for Slack incidents' })).toHaveText(`Delivered: HTTP 200 from ${new URL(hooks).host}`);
  expect(received.some((r) => r.path === '/slack/T0/B0/SECRETPART' && r.body.includes('Test from Incident Console'))).toBe(true);
  await table.getByRole('button', { name: 'Send test to Teams bridge' }).click();
  await expect(table.getByRole('status', { name: 'Test result for Teams bridge' })).toHaveText(`Failed: Teams webhook: HTTP 404 from ${new URL(hooks).host} (not found: no such webhook)`);
  await shoot(ada.page, 'integrations', table);

  // The on-call engineer is on the contact sheet with a phone.
  await nav(ada.page, 'Contacts');
  await ada.page.getByLabel('Import contacts CSV').setInputFiles({ name: 'team.csv', mimeType: 'text/csv',
    buffer: Buffer.from(`name,roles,phone,email,notes\n${onCall},On-Call Engineer,+44 7700 900123,,\n`) });
  await expect(ada.page.getByRole('status').filter({ hasText: 'team.csv' })).toContainText('Imported 1 contact');

  await nav(ada.page, 'Incidents');
  await declareP1(ada.page, 'Checkout failing');
  await nav(ben.page, 'Incidents');
  await ben.page.getByRole('button', { name: 'Checkout failing' }).click({ timeout: SYNC_TIMEOUT });
  const clock = (page: Page) => page.getByRole('region', { name: 'Clocks' }).getByRole('article', { name: /^Response target/ });
  await expect(clock(ben.page)).toContainText('left');

  // Page the on-call from the Roles panel.
  const role = (page: Page) => page.getByRole('region', { name: 'Roles' }).getByRole('article', { name: 'On-Call Engineer' });
  await role(ada.page).getByRole('button', { name: `Page ${onCall} (On-Call Engineer)` }).click();
  const pages = (page: Page) => role(page).getByRole('list', { name: 'Pages for On-Call Engineer' });
  await expect(pages(ada.page)).toContainText(`paged ${onCall} (+44 7700 900123) via sms: HTTP 202`, { timeout: SYNC_TIMEOUT });
  const sms = received.find((r) => r.path === '/sms' && r.body.includes('"type":"page"'));
  const ackUrl = (JSON.parse(sms!.body) as { ackUrl: string }).ackUrl;
  // Paging is not acknowledging: the response clock runs on and the role is still unassigned until the on-call answers.
  await expect(clock(ada.page)).toContainText('left');
  await expect(role(ada.page)).toContainText('Unassigned');
  expect(ackUrl.startsWith(server!.url)).toBe(true);

  // The on-call opens the link on a phone and acknowledges.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  contexts.push(phone);
  const sheet = await phone.newPage();
  const errors: string[] = [];
  sheet.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await sheet.goto(ackUrl);
  await expect(sheet.getByRole('heading', { level: 1 })).toHaveText('Acknowledge the page');
  await expect(sheet.locator('main')).toContainText('[P1] Checkout failing');
  if (SHOTS) await sheet.screenshot({ path: `${SHOTS}/ack-confirm-390.png` });
  await sheet.getByRole('button', { name: `Acknowledge as ${onCall}` }).click();
  await expect(sheet.getByRole('heading', { level: 1 })).toHaveText('Acknowledged');
  if (SHOTS) await sheet.screenshot({ path: `${SHOTS}/ack-done-390.png` });
  expect(errors).toEqual([]);
  // The link works once.
  await sheet.goto(ackUrl);
  await expect(sheet.getByRole('heading', { level: 1 })).toHaveText('Already acknowledged');

  // Both consoles: who acknowledged, and the response clock met.
  for (const page of [ada.page, ben.page]) {
    await expect(pages(page)).toContainText(`Acknowledged by ${onCall}`, { timeout: SYNC_TIMEOUT });
    await expect(clock(page)).toContainText('met at', { timeout: SYNC_TIMEOUT });
    await expect(timelineRows(page).filter({ hasText: `Acknowledged by ${onCall} as On-Call Engineer (from the page link)` })).toHaveCount(1);
    // Acknowledging put the paged person on the role they were paged for.
    await expect(role(page).getByText(onCall, { exact: true })).toBeVisible();
    await expect(role(page)).toContainText(`${onCall} since`);
  }
  await shoot(ada.page, 'roles-paged', role(ada.page));

  // The composer offers the Slack channel; the update's channel says where it went.
  const comms = ada.page.getByRole('region', { name: 'Communications' });
  await comms.getByLabel('Audience').selectOption({ label: 'Stakeholders' });
  await expect(comms.getByLabel('Channel (posted by hand)')).toBeVisible();
  await comms.getByRole('checkbox', { name: 'Slack #incidents' }).check();
  await expect(comms.getByRole('status', { name: 'Channel' })).toHaveText('Slack #incidents');
  // A channel-wide @here only when the commander asks for it.
  await comms.getByRole('checkbox', { name: 'Notify everyone in the Slack channel (@here)' }).check();
  await comms.getByLabel('Update text').fill('Checkout errors at 20%. Rolling back release 42. <!channel>');
  await shoot(ada.page, 'composer-chat', comms);
  await comms.getByRole('button', { name: 'Post update' }).click();
  await expect(comms.getByRole('status').filter({ hasText: 'Posted to Stakeholders via Slack #incidents' })).toBeVisible();
  const item = comms.getByRole('listitem').filter({ hasText: 'Rolling back release 42' });
  await expect(item).toContainText('via Slack #incidents');
  await expect(item.getByRole('list', { name: 'Deliveries' })).toContainText('Sent', { timeout: SYNC_TIMEOUT });
  const slack = received.filter((r) => r.path === '/slack/T0/B0/SECRETPART' && r.body.includes('Rolling back release 42'));
  expect(slack).toHaveLength(1);
  // The mention asked for opens the message; the one typed in the text arrives escaped, as text.
  expect(JSON.parse(slack[0]!.body).blocks[1].text.text).toBe('<!here> Checkout errors at 20%. Rolling back release 42. &lt;!channel&gt;');

  // A channel the admin adds mid-incident reaches a console already open, once its commander moves into the composer.
  const benComms = ben.page.getByRole('region', { name: 'Communications' });
  await benComms.getByLabel('Audience').selectOption({ label: 'Stakeholders' });
  await expect(benComms.getByRole('checkbox', { name: 'Slack #incidents' })).toBeVisible();
  await expect(benComms.getByRole('checkbox', { name: 'Slack #war-room' })).toHaveCount(0);
  await nav(ada.page, 'Server');
  await add('Slack', 'war-room', `${hooks}/slack/T0/B0/WARROOM`);
  await expect(table.getByRole('rowheader', { name: 'Slack war-room' })).toBeVisible();
  await benComms.getByLabel('Update text').click();
  await expect(benComms.getByRole('checkbox', { name: 'Slack #war-room' })).toBeVisible();
});
