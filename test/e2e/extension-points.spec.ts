// The two additions made through the registries (issue #28), used the way an admin and a commander would, with nothing
// but their adapters behind them: the Integrations form offers PagerDuty with its own fields (integration key, Events
// API URL), "Send test" posts a change event that pages no one; the token panel gives Sentry's address with the token in
// the path, to paste whole; Sentry's issue alert (the payload of Sentry's docs), posted to that address, waits in Alerts
// and becomes an incident declared in the console; the composer offers the PagerDuty service, and the update triggers
// its alert (a local receiver stands in for events.pagerduty.com: nothing outside this machine is reachable).
import { readFileSync } from 'node:fs';
import { test, type BrowserContext, type Page } from '@playwright/test';
import { startReceiver, type Received, type Receiver } from '../helpers/receiver';
import { freePort } from '../helpers/postgres';
import { connectToServer, expect, firstRun, timelineRows } from './core-steps';
import { startSyncServer, type RunningServer } from './sync-server';

const SYNC_TIMEOUT = 45_000;
const SHOTS = process.env.SCREENSHOT_DIR;
const KEY = 'e93facc04764012d7bfb002500d5d1a6';
let server: RunningServer | undefined;
let receiver: Receiver | undefined;
let received: Received[] = [];
let context: BrowserContext | undefined;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  receiver = await startReceiver(() => ({ status: 202, contentType: 'application/json', body: '{"status":"success","message":"Event processed"}' }));
  received = receiver.received;
  const port = await freePort();
  server = await startSyncServer(120_000, { PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, DELIVERY_POLL_MS: '200', OUTBOUND_ALLOW: '127.0.0.1' });
});
test.afterAll(async () => {
  await context?.close().catch(() => undefined);
  await server?.stop();
  await receiver?.close();
});

async function shoot(page: Page, name: string, locator: ReturnType<Page['locator']>): Promise<void> {
  if (!SHOTS) return;
  for (const [w, h] of [[1440, 900], [1920, 1080]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await locator.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/${name}-${w}x${h}.png` });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}
const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name }).click();

test('PagerDuty and Sentry, added as adapters: configured, tested, alerting and paging through the console', async ({ browser }) => {
  test.setTimeout(300_000);
  if (!server || !receiver) throw new Error('not started');
  context = await browser.newContext({ baseURL: server.url, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto('/');
  await firstRun(page, 'Ada Admin');
  await connectToServer(page, 'Ada Admin', server.adminInvite, SYNC_TIMEOUT);

  // The Integrations form shows PagerDuty's own settings, and none of a webhook's.
  await nav(page, 'Server');
  const form = page.getByRole('form', { name: 'Add outbound channel' });
  await form.getByLabel('Kind').selectOption({ label: 'PagerDuty' });
  await expect(form.getByLabel('Signing secret')).toHaveCount(0);
  await expect(form.getByLabel('Webhook URL')).toHaveCount(0);
  await form.getByLabel('Channel name').fill('payments');
  await form.getByLabel('Integration key').fill('not-a-key');
  await form.getByLabel('Events API URL').fill(`${receiver.base}/pd/v2/enqueue`);
  await form.getByRole('button', { name: 'Add channel' }).click();
  await expect(form.getByRole('alert')).toHaveText('The integration key is the 32 letters and digits PagerDuty shows on the service’s Events API v2 integration.');
  await expect(form.getByLabel('Integration key')).toHaveValue('not-a-key'); // given back to fix
  await form.getByLabel('Integration key').fill(KEY);
  await shoot(page, 'integrations-pagerduty-form', form);
  await form.getByRole('button', { name: 'Add channel' }).click();
  const table = page.getByRole('table', { name: 'Outbound channels' });
  await expect(table.getByRole('rowheader', { name: 'PagerDuty payments' })).toBeVisible();
  await expect(table).not.toContainText(KEY);
  await table.getByRole('button', { name: 'Send test to PagerDuty payments' }).click();
  await expect(table.getByRole('status', { name: 'Test result for PagerDuty payments' })).toHaveText(`Delivered: HTTP 202 from ${new URL(receiver.base).host}`);
  expect(received.map((r) => r.path)).toEqual(['/pd/v2/change/enqueue']); // a change event: nobody paged
  await shoot(page, 'integrations-pagerduty', table);

  // A token for Sentry: the panel gives Sentry's address with the token in the path (Sentry sets no header).
  const team = page.getByRole('region', { name: 'Team (admin)' });
  await team.getByRole('form', { name: 'Create integration token' }).getByLabel('Integration name').fill('Sentry');
  await team.getByRole('button', { name: 'Create integration token' }).click();
  const token = await team.getByRole('textbox', { name: 'New integration token value' }).inputValue();
  const addresses = team.getByRole('group', { name: 'New integration token' });
  const sentryItem = addresses.getByRole('listitem').filter({ hasText: /^Sentry: / });
  await expect(sentryItem).toHaveText(`Sentry: ${server.url}/api/v1/intake/sentry/${token}`);
  await expect(addresses.getByRole('listitem').filter({ hasText: 'Prometheus Alertmanager' })).toHaveText(`Prometheus Alertmanager: ${server.url}/api/v1/intake/alertmanager`); // a header sender: no token in its address
  const sentryAddress = (await sentryItem.getByRole('code').textContent()) ?? '';
  await shoot(page, 'integration-token-sources', addresses);

  // Sentry posts its issue alert (the payload of Sentry's docs, the event an hour ago).
  const alert = JSON.parse(readFileSync(new URL('../fixtures/alerts/sentry-issue-alert.json', import.meta.url), 'utf8')) as { data: { event: Record<string, unknown> } };
  alert.data.event.datetime = new Date(Date.now() - 60 * 60_000).toISOString();
  const res = await fetch(sentryAddress, { method: 'POST', headers: { 'content-type': 'application/json', 'sentry-hook-resource': 'event_alert' }, body: JSON.stringify(alert) });
  expect(res.status, await res.text()).toBe(200);
  await nav(page, 'Alerts');
  const card = page.getByRole('article', { name: 'ReferenceError: heck is not defined' });
  await expect(card).toBeVisible({ timeout: SYNC_TIMEOUT });
  await expect(card).toContainText('Firing (1 of 1)');
  await expect(card.getByRole('link', { name: 'Open the source of ReferenceError: heck is not defined' })).toHaveAttribute('href', /sentry\.io\/organizations\/test-org\/issues\/1117540176/);
  await shoot(page, 'alerts-sentry', card);
  await card.getByRole('button', { name: 'Declare incident from alert' }).click();
  await expect(page.getByRole('heading', { name: 'ReferenceError: heck is not defined' })).toBeVisible();

  // The composer offers the PagerDuty service; the update triggers its alert.
  const comms = page.getByRole('region', { name: 'Communications' });
  await comms.getByLabel('Audience').selectOption({ label: 'Stakeholders' });
  await comms.getByRole('checkbox', { name: 'PagerDuty payments' }).check();
  await expect(comms.getByRole('status', { name: 'Channel' })).toHaveText('PagerDuty payments');
  await comms.getByLabel('Update text').fill('Front-end errors on checkout since the 14:00 release. Paging payments on-call.');
  await shoot(page, 'composer-pagerduty', comms);
  await comms.getByRole('button', { name: 'Post update' }).click();
  const item = comms.getByRole('listitem').filter({ hasText: 'Paging payments on-call' });
  await expect(item.getByRole('list', { name: 'Deliveries' })).toContainText('Sent', { timeout: SYNC_TIMEOUT });
  const trigger = received.filter((r) => r.path === '/pd/v2/enqueue').map((r) => JSON.parse(r.body) as Record<string, unknown>);
  expect(trigger).toHaveLength(1);
  expect(trigger[0]).toMatchObject({ routing_key: KEY, event_action: 'trigger', payload: { summary: expect.stringContaining('ReferenceError: heck is not defined') } });
  await expect(timelineRows(page).filter({ hasText: 'Sent via PagerDuty (payments)' })).toHaveCount(1, { timeout: SYNC_TIMEOUT });
});
