// Alerts from monitoring in a connected console: an admin creates an integration token in the Team section,
// an Alertmanager notification (recorded real payload, fresh times) posted to the intake shows in the Alerts
// view with the plan's P1 and reason and raises a desktop notification naming the on-call; "Declare incident
// from alert" opens a P1 whose impact start is the alert's; the resolved notification then shows in its timeline.
import { readFileSync } from 'node:fs';
import { test, type BrowserContext, type Page } from '@playwright/test';
import { connectToServer, expect, firstRun, notificationTitles, recordNotifications, timelineRows } from './core-steps';
import { startSyncServer, type RunningServer } from './sync-server';

const SYNC_TIMEOUT = 45_000;
let server: RunningServer | undefined;
let context: BrowserContext | undefined;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  server = await startSyncServer();
});
test.afterAll(async () => {
  await context?.close().catch(() => undefined);
  await server?.stop();
});

type Notification = { status: string; alerts: Array<Record<string, unknown>>; [k: string]: unknown };
const recorded = (name: string): Notification =>
  JSON.parse(readFileSync(new URL(`../fixtures/alerts/${name}.json`, import.meta.url), 'utf8')) as Notification;

/** The recorded firing payload, started `startsAt`, its group key unique to this run. */
function firingAt(startsAt: number): Notification {
  const body = recorded('alertmanager-firing');
  body.groupKey = `{}:{alertname="HighErrorRate", run="${startsAt}"}`;
  body.alerts = body.alerts.map((a) => ({ ...a, startsAt: new Date(startsAt).toISOString() }));
  return body;
}

function resolvedAt(startsAt: number, endsAt: number): Notification {
  const body = firingAt(startsAt);
  body.status = 'resolved';
  body.alerts = body.alerts.map((a) => ({ ...a, status: 'resolved', endsAt: new Date(endsAt).toISOString() }));
  return body;
}

async function postAlert(token: string, body: Notification): Promise<void> {
  const res = await fetch(`${server?.url}/api/v1/intake/alertmanager`, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  expect(res.status, await res.text()).toBe(200);
}

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name }).click();

test('an alert posted to the intake is triaged in the console and becomes a P1 with its impact start', async ({ browser }) => {
  test.setTimeout(240_000);
  if (!server) throw new Error('server not started');
  context = await browser.newContext({ baseURL: server.url, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await recordNotifications(page);
  await page.goto('/');
  await firstRun(page, 'Ada Admin');
  await connectToServer(page, 'Ada Admin', server.adminInvite, SYNC_TIMEOUT);

  // The admin creates an integration token; it is shown once.
  const team = page.getByRole('region', { name: 'Team (admin)' });
  const form = team.getByRole('form', { name: 'Create integration token' });
  await form.getByLabel('Integration name').fill('Alertmanager prod');
  await form.getByRole('button', { name: 'Create integration token' }).click();
  const tokenBox = team.getByRole('textbox', { name: 'New integration token value' });
  await expect(tokenBox).toHaveValue(/^ici_/);
  const token = await tokenBox.inputValue();
  await expect(team.getByRole('table', { name: 'Integration tokens' })).toContainText('Alertmanager prod');

  // Monitoring fires: an error rate of 7 % that started three minutes ago.
  const startsAt = Math.floor((Date.now() - 3 * 60_000) / 60_000) * 60_000;
  await postAlert(token, firingAt(startsAt));

  // The navigation says a group waits for triage, wherever the commander is.
  const alertsNav = page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /^Alerts/ });
  await expect(alertsNav).toHaveAccessibleName('Alerts, 1 waiting for triage', { timeout: SYNC_TIMEOUT });
  await nav(page, 'Alerts');
  const card = page.getByRole('article', { name: 'HighErrorRate' });
  await expect(card).toBeVisible({ timeout: SYNC_TIMEOUT });
  await expect(card).toContainText('Firing (1 of 1)');
  await expect(card).toContainText('Plan suggests P1: “Error rate > 5%” (value 7)');
  await expect(card).toContainText('Firing for');
  await expect(card.getByRole('link', { name: 'Open the source of HighErrorRate' })).toHaveAttribute('href', /app_error_rate_percent/);
  await expect(page.getByRole('status').filter({ hasText: 'waiting for triage' })).toContainText('On call now:');
  await expect.poll(() => notificationTitles(page)).toContain('Alert firing: HighErrorRate');

  await page.screenshot({ path: 'test-results/alerts-1440x900.png' });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: 'test-results/alerts-1920x1080.png' });
  await page.setViewportSize({ width: 1440, height: 900 });

  await card.getByRole('button', { name: 'Declare incident from alert' }).click();
  await expect(page.getByRole('heading', { name: 'HighErrorRate' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Incident status' })).toContainText('P1');
  await expect(timelineRows(page).filter({ hasText: 'the plan suggests P1, "Error rate > 5%"' })).toHaveCount(1);
  await expect(timelineRows(page).filter({ hasText: 'Alert firing: HighErrorRate' })).toHaveCount(1);
  await expect(alertsNav).toHaveAccessibleName('Alerts'); // attached: nothing waits any more
  // The runbook suggested from the alert (its symptoms), not "Email Delivery Failure" by category and severity alone.
  const steps = page.getByRole('region', { name: 'Steps' });
  await expect(steps.getByRole('combobox', { name: 'Runbook', exact: true })).toHaveValue('memory-leak');
  await expect(steps.getByText(/^Suggested because it matches the alert's symptoms \(error, rate\)/)).toBeVisible();
  await page.getByRole('button', { name: 'Classify' }).click();
  const expectedInput = await page.evaluate((ms) => {
    const d = new Date(ms);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
  }, startsAt);
  await expect(page.getByRole('form', { name: 'Classify incident' }).getByLabel('Impact started')).toHaveValue(expectedInput);
  await page.getByRole('form', { name: 'Classify incident' }).getByRole('button', { name: 'Cancel' }).click();

  // Monitoring resolves: the entry appears in the incident's timeline; the recurrence watch is offered, not started.
  await postAlert(token, resolvedAt(startsAt, Date.now() - 5_000));
  await expect(timelineRows(page).filter({ hasText: 'Alert resolved: HighErrorRate' })).toHaveCount(1, { timeout: SYNC_TIMEOUT });
  // Offered in the attention strip, where the commander looks for what to do next.
  const offer = page.getByRole('region', { name: 'Attention' }).getByRole('group', { name: 'Recurrence watch' });
  await expect(offer).toContainText('Every attached alert has resolved');
  await expect(page.getByRole('group', { name: 'Incident status' })).not.toContainText('monitoring');
  await offer.getByRole('button', { name: 'Start the recurrence watch' }).click();
  await expect(page.getByRole('group', { name: 'Incident status' })).toContainText('monitoring');

  // Back in the Alerts view the group has moved to resolved and says when.
  await nav(page, 'Alerts');
  await expect(card).toContainText('Resolved');
  await expect(card).toContainText('Attached to HighErrorRate');
});
