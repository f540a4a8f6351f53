// Updates out through the server, in Chromium: a commander offline composes a stakeholder email and a
// status-page update; on reconnect each is delivered once (a real SMTP server, the hosted /status page) and
// both consoles show "Sent" with the time; a failing channel shows the reason, and Retry sends it once.
import { test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';
import { freePort } from '../helpers/postgres';
import { declareP1, expect, joinConsole, syncStatus } from './core-steps';
import { adminSession, startSyncServer, type RunningServer } from './sync-server';

const SYNC_TIMEOUT = 45_000;
let server: RunningServer | undefined;
let sink: SmtpSink | undefined;
let smtpPort = 0;
let invite = '';
const contexts: BrowserContext[] = [];

test.beforeAll(async () => {
  test.setTimeout(180_000);
  smtpPort = await freePort();
  // SMTP is down at first (nothing listens on the port); the test brings it up when it wants mail to flow.
  server = await startSyncServer(120_000, { SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, MAIL_FROM: 'Incidents <incidents@example.test>', DELIVERY_POLL_MS: '200', DELIVERY_MAX_ATTEMPTS: '1' });
  invite = await (await adminSession(server)).invite(2);
});

test.afterAll(async () => {
  for (const c of contexts.splice(0)) await c.close().catch(() => undefined);
  await server?.stop();
  await sink?.stop();
});

function joinAs(browser: Browser, name: string): Promise<{ context: BrowserContext; page: Page }> {
  if (!server) throw new Error('server not started');
  return joinConsole(browser, { url: server.url, contexts, timeout: SYNC_TIMEOUT, options: { viewport: { width: 1440, height: 900 } } }, name, invite);
}

const comms = (page: Page) => page.getByRole('region', { name: 'Communications' });
const deliveries = (page: Page, updateText: string) =>
  comms(page).getByRole('listitem').filter({ hasText: updateText }).getByRole('list', { name: 'Deliveries' });

async function writeUpdate(page: Page, audience: string, text: string): Promise<void> {
  await comms(page).getByLabel('Audience').selectOption({ label: audience });
  await comms(page).getByLabel('Update text').fill(text);
}

test('offline sends go out once on reconnect, both consoles show them sent; a failure shows its reason and Retry sends it', async ({ browser }) => {
  test.setTimeout(300_000);
  const ada = await joinAs(browser, 'Ada IC');
  const ben = await joinAs(browser, 'Ben Ops');

  // Ada's stakeholder list: the contact sheet holds the CTO as an Incident Commander.
  await ada.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Contacts' }).click();
  await ada.page.getByLabel('Import contacts CSV').setInputFiles({ name: 'team.csv', mimeType: 'text/csv',
    buffer: Buffer.from('name,roles,phone,email,notes\nChris CTO,Incident Commander,,cto@example.test,\n') });
  await expect(ada.page.getByRole('status').filter({ hasText: 'team.csv' })).toContainText('Imported 1 contact');

  await ada.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Incidents' }).click();
  await declareP1(ada.page, 'Checkout failing');
  await ben.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Incidents' }).click();
  await ben.page.getByRole('button', { name: 'Checkout failing' }).click({ timeout: SYNC_TIMEOUT });

  // Offline, Ada composes both updates; they wait on her laptop.
  await ada.context.setOffline(true);
  await expect(syncStatus(ada.page)).toContainText('Offline', { timeout: SYNC_TIMEOUT });
  await writeUpdate(ada.page, 'Stakeholders', 'Checkout errors at 20%. Rolling back release 42.');
  await comms(ada.page).getByRole('checkbox', { name: 'Email to Stakeholders (1 recipient)' }).check();
  await comms(ada.page).getByRole('button', { name: 'Post update' }).click();
  await expect(deliveries(ada.page, 'Rolling back release 42')).toContainText('Queued: goes out when this laptop reaches the server');

  await writeUpdate(ada.page, 'Users', 'Some payments fail at checkout. We are rolling back a release.');
  await comms(ada.page).getByRole('checkbox', { name: 'Status page' }).check();
  const fields = comms(ada.page).getByRole('group', { name: 'Status page fields' });
  await fields.getByLabel('Current status').selectOption({ label: 'Identified' });
  await comms(ada.page).getByRole('button', { name: 'Post update' }).click();
  // Refused without the plan's five fields: no affected service chosen yet.
  await expect(comms(ada.page).getByRole('alert')).toContainText('The status page needs: Affected services');
  await fields.getByRole('checkbox', { name: 'Payment processing' }).check();
  await fields.getByLabel('Payment processing state').selectOption({ label: 'Partial outage' });
  await fields.getByLabel('Estimated resolution time').fill('2030-01-01T12:00');
  await comms(ada.page).getByRole('button', { name: 'Post update' }).click();
  // The incident's first public words: confirmed as shown (record-public.spec.ts has the whole of it).
  await ada.page.getByRole('dialog', { name: 'This becomes public' }).getByRole('button', { name: 'Publish' }).click();
  await expect(deliveries(ada.page, 'We are rolling back a release')).toContainText('Queued: goes out when this laptop reaches the server');

  // Mail can flow; Ada reconnects: both go out once, and both consoles say so with the time.
  sink = await startSmtpSinkOn(smtpPort);
  await ada.context.setOffline(false);
  for (const { page } of [ada, ben]) {
    await expect(deliveries(page, 'Rolling back release 42')).toContainText(/Email \(stakeholders\)Sent \d\d:\d\d · 1 recipient/, { timeout: SYNC_TIMEOUT });
    await expect(deliveries(page, 'We are rolling back a release')).toContainText(/Status pageSent \d\d:\d\d · published on \/status/, { timeout: SYNC_TIMEOUT });
  }
  // For the people who look at it: the composer with its delivery lines at the two desk sizes.
  await comms(ada.page).scrollIntoViewIfNeeded();
  await ada.page.screenshot({ path: 'test-results/deliveries-composer-1440.png' });
  await ada.page.setViewportSize({ width: 1920, height: 1080 });
  await ada.page.screenshot({ path: 'test-results/deliveries-composer-1920.png' });
  await ada.page.setViewportSize({ width: 1440, height: 900 });
  await expect.poll(() => sink?.messages().length).toBe(1);
  const mail = sink!.messages()[0]!;
  expect(mail.headers.get('subject')).toBe('[P1] Investigating: Checkout failing');
  expect(mail.recipients).toContain('cto@example.test');

  // The hosted page shows it, on a phone too, with no console errors.
  const status = await ada.context.newPage();
  const errors: string[] = [];
  status.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await status.setViewportSize({ width: 390, height: 844 });
  await status.goto('/status');
  await expect(status.getByRole('heading', { name: 'CSOAI Platform status', level: 1 })).toBeVisible();
  await expect(status.getByRole('status')).toHaveText('Partial System Outage');
  await expect(status.getByRole('listitem').filter({ hasText: /^\s*Payment processing/ })).toContainText('Partial outage');
  // The public title and the status page's public text from the plan's template, not the internal title or the update.
  await expect(status.getByRole('article', { name: 'Service disruption' })).toContainText('We have found the cause of the problems with Payment processing');
  await expect(status.locator('body')).not.toContainText('Checkout failing');
  expect(await status.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await status.screenshot({ path: 'test-results/status-390.png', fullPage: true });
  await status.setViewportSize({ width: 1440, height: 900 });
  await status.screenshot({ path: 'test-results/status-1440.png', fullPage: true });
  expect(errors).toEqual([]);
  await status.close();

  // SMTP goes down: the next email fails with the reason; once it is back, Retry sends it, once.
  await sink!.stop();
  sink = undefined;
  await writeUpdate(ada.page, 'Stakeholders', 'Rollback done; error rate back to 1%.');
  await comms(ada.page).getByRole('checkbox', { name: 'Email to Stakeholders (1 recipient)' }).check();
  await comms(ada.page).getByRole('button', { name: 'Post update' }).click();
  const failing = deliveries(ada.page, 'error rate back to 1%');
  await expect(failing).toContainText(/Failed \d\d:\d\d \(attempt 1\): cannot reach the SMTP server/, { timeout: SYNC_TIMEOUT });
  await expect(deliveries(ben.page, 'error rate back to 1%')).toContainText('cannot reach the SMTP server', { timeout: SYNC_TIMEOUT });
  sink = await startSmtpSinkOn(smtpPort);
  await failing.getByRole('button', { name: 'Retry Email (stakeholders)' }).click();
  await expect(failing).toContainText(/Sent \d\d:\d\d · 1 recipient/, { timeout: SYNC_TIMEOUT });
  await expect(deliveries(ben.page, 'error rate back to 1%')).toContainText(/Sent \d\d:\d\d/, { timeout: SYNC_TIMEOUT });
  await expect.poll(() => sink?.messages().length).toBe(1);
  expect(sink!.messages()[0]!.body).toContain('error rate back to 1%');
});

async function startSmtpSinkOn(port: number): Promise<SmtpSink> {
  return startSmtpSink({ port });
}
