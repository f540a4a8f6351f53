// The Status page screen in Chromium, the way a comms lead uses it: plan a maintenance window (window, affected
// components from the plan, public text, emails to subscribers), see it announced on /status, its API and by email
// (a real SMTP server, smtp-sink), edit it, post progress (in progress, completed), and cancel another. And the
// Server page's subscriber admin: the count, the CSV export, deleting one address and then every one.
import { readFile } from 'node:fs/promises';
import { test, type Page } from '@playwright/test';
import { startSmtpSink, type SinkMessage, type SmtpSink } from '../helpers/smtp-sink';
import { expect } from './core-steps';
import { SYNC_TIMEOUT, sharedServer } from './sync-server';

const SHOTS = process.env.SCREENSHOT_DIR ?? 'test-results';
const READER = 'robin.reader@example.test';
const H = 3_600_000;
let sink: SmtpSink | undefined;
test.beforeAll(async () => { sink = await startSmtpSink(); });
test.afterAll(async () => { await sink?.stop(); });
const shared = sharedServer(1, () => ({ SMTP_URL: sink?.url ?? '', MAIL_FROM: 'Status <status@example.test>', DELIVERY_POLL_MS: '200' }), 'admin');

const text = (m: SinkMessage) => m.body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
const mailTo = (address: string) => (sink?.messages() ?? []).filter((m) => m.recipients.map((r) => r.toLowerCase()).includes(address));
const subjectsTo = (address: string) => mailTo(address).map((m) => m.headers.get('subject') ?? '');
/** "YYYY-MM-DD HH:MM" in this machine's zone (the browser's too), as the form's time fields take it. */
const local = (ms: number) => {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
};
const json = async <T>(path: string): Promise<T> => (await (await fetch(`${shared.server.url}${path}`)).json()) as T;

/** A member of the public subscribes through the page's form and confirms from the email (no console involved). */
async function subscribe(address: string, components: string[]): Promise<void> {
  const seen = new Set(mailTo(address).map((m) => m.file));
  const body = new URLSearchParams([['email', address], ...components.map((c) => ['component', c])]).toString();
  const res = await fetch(`${shared.server.url}/status/subscribe`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
  expect(res.status).toBe(200);
  await expect.poll(() => mailTo(address).filter((m) => !seen.has(m.file)).length, { timeout: SYNC_TIMEOUT }).toBe(1);
  const link = /(http\S+\/status\/confirm\/sub_[A-Za-z0-9_-]{43})/.exec(text(mailTo(address).find((m) => !seen.has(m.file))!))![1]!;
  expect((await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' })).status).toBe(200);
}

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name, exact: true }).click();
const windowCard = (page: Page, title: string) => page.getByRole('article', { name: title });

async function schedule(page: Page, w: { title: string; text: string; start: number; end: number; components: string[]; emails: string[] }): Promise<void> {
  await page.getByRole('button', { name: 'Schedule maintenance' }).click();
  const form = page.getByRole('form', { name: 'Schedule maintenance' });
  await form.getByLabel('Title (public)').fill(w.title);
  await form.getByLabel('What people may notice (public text)').fill(w.text);
  await form.getByRole('textbox', { name: 'Starts', exact: true }).fill(local(w.start));
  await form.getByRole('textbox', { name: 'Ends', exact: true }).fill(local(w.end));
  for (const c of w.components) await form.getByRole('group', { name: 'Affected components' }).getByRole('checkbox', { name: c }).check();
  for (const e of w.emails) await form.getByRole('group', { name: 'Email the subscribers' }).getByRole('checkbox', { name: e }).check();
  await form.getByRole('button', { name: 'Schedule and publish' }).click();
  await expect(form).toHaveCount(0);
}

async function shots(page: Page, name: string): Promise<void> {
  for (const [w, h] of [[1440, 900], [1920, 1080]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: `${SHOTS}/${name}-${w}x${h}.png` });
  }
}

test('plan maintenance, announce it on /status and by email, edit it, post progress, cancel another', async ({ browser }) => {
  test.setTimeout(300_000);
  const { server } = shared;
  if (!sink) throw new Error('not started');
  await subscribe(READER, ['payments']);
  const { page } = await shared.join(browser, 'Casey Comms', { context: { viewport: { width: 1440, height: 900 } } });
  await nav(page, 'Status page');
  await expect(page.getByRole('heading', { name: 'Status page: maintenance' })).toBeVisible();

  // A refusal says what to fix, next to the form, and keeps what was typed.
  await page.getByRole('button', { name: 'Schedule maintenance' }).click();
  const form = page.getByRole('form', { name: 'Schedule maintenance' });
  await form.getByLabel('Title (public)').fill('Database upgrade');
  await form.getByRole('button', { name: 'Schedule and publish' }).click();
  await expect(form.getByRole('alert')).toHaveText('Say what people may notice during the window (the public text).');
  await expect(form.getByLabel('Title (public)')).toHaveValue('Database upgrade');
  await form.getByRole('button', { name: 'Cancel' }).click();

  const start = Date.now() + 2 * H;
  await schedule(page, {
    title: 'Database upgrade', text: 'Card payments may pause for up to a minute while we switch databases.', start, end: start + 2 * H,
    components: ['Payment processing'], emails: ['Now, announcing it', 'When it ends'],
  });
  const upgrade = windowCard(page, 'Database upgrade');
  await expect(page.getByRole('region', { name: 'Scheduled' }).getByRole('article', { name: 'Database upgrade' })).toBeVisible();
  await expect(upgrade).toContainText('Scheduled');
  await expect(upgrade).toContainText(/starts in 1h 5\dm/);

  // Announced: on /status, in the API, and by email to the subscriber of Payment processing (once).
  await expect.poll(async () => (await json<{ scheduled_maintenances: Array<{ name: string }> }>('/api/v2/scheduled-maintenances/upcoming.json')).scheduled_maintenances.map((m) => m.name), { timeout: SYNC_TIMEOUT }).toEqual(['Database upgrade']);
  expect(await (await fetch(`${server.url}/status`)).text()).toContain('Database upgrade');
  await expect.poll(() => subjectsTo(READER).filter((s) => s.includes('Database upgrade')), { timeout: SYNC_TIMEOUT }).toEqual(['Scheduled maintenance: Database upgrade']);
  await expect(upgrade.getByRole('listitem').filter({ hasText: 'Announcement' })).toContainText('to 1 subscriber', { timeout: SYNC_TIMEOUT });
  await expect(upgrade.getByRole('listitem').filter({ hasText: /^End:/ })).toContainText('due');

  // A second window, then the screen as the comms lead sees it.
  await schedule(page, {
    title: 'API gateway swap', text: 'API calls may fail for a few seconds.', start: start + 24 * H, end: start + 25 * H, components: ['API'], emails: [],
  });
  await expect(windowCard(page, 'API gateway swap').getByText('None: it shows on the status page only.')).toBeVisible();

  // Edit: a longer window.
  await upgrade.getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByRole('form', { name: 'Edit Database upgrade' });
  await edit.getByRole('textbox', { name: 'Ends', exact: true }).fill(local(start + 3 * H));
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect.poll(async () => (await json<{ scheduled_maintenances: Array<{ name: string; scheduled_until: string }> }>('/api/v2/scheduled-maintenances/upcoming.json')).scheduled_maintenances.find((m) => m.name === 'Database upgrade')?.scheduled_until, { timeout: SYNC_TIMEOUT })
    .toBe(new Date(Math.floor((start + 3 * H) / 60_000) * 60_000).toISOString());

  // It starts early: "In progress", emailed; it moves to the top; the API says active.
  await upgrade.getByRole('button', { name: 'Post update' }).click();
  const post = page.getByRole('form', { name: 'Post an update on Database upgrade' });
  await post.getByLabel('Status').selectOption({ label: 'In progress' });
  await post.getByLabel('Update (public)').fill('We started early; payments may pause briefly.');
  await post.getByRole('checkbox', { name: /Email this update to the subscribers \(1 subscriber\)/ }).check();
  await post.getByRole('button', { name: 'Post update' }).click();
  await expect(page.getByRole('region', { name: 'In progress' }).getByRole('article', { name: 'Database upgrade' })).toBeVisible();
  await expect.poll(async () => (await json<{ scheduled_maintenances: Array<{ name: string; status: string }> }>('/api/v2/scheduled-maintenances/active.json')).scheduled_maintenances.map((m) => `${m.name}: ${m.status}`), { timeout: SYNC_TIMEOUT })
    .toEqual(['Database upgrade: in_progress']);
  await expect.poll(() => subjectsTo(READER).filter((s) => s.includes('Database upgrade')).sort(), { timeout: SYNC_TIMEOUT })
    .toEqual(['Maintenance in progress: Database upgrade', 'Scheduled maintenance: Database upgrade']);
  await expect(upgrade.getByRole('listitem').filter({ hasText: 'Update (in progress)' })).toContainText('to 1 subscriber', { timeout: SYNC_TIMEOUT });
  await page.getByRole('heading', { name: 'Status page: maintenance' }).scrollIntoViewIfNeeded();
  await shots(page, 'status-maintenance');

  // Cancel the other; complete this one.
  const swap = windowCard(page, 'API gateway swap');
  await swap.getByRole('button', { name: 'Cancel maintenance…' }).click();
  await page.getByRole('form', { name: 'Cancel API gateway swap' }).getByRole('button', { name: 'Yes, cancel this maintenance' }).click();
  await expect(page.getByRole('region', { name: 'Completed and cancelled' }).getByRole('article', { name: 'API gateway swap' })).toContainText('Cancelled');
  await upgrade.getByRole('button', { name: 'Post update' }).click();
  await post.getByLabel('Status').selectOption({ label: 'Completed' });
  await post.getByLabel('Update (public)').fill('Done: the new database serves every payment.');
  await post.getByRole('button', { name: 'Post update' }).click();
  await expect(page.getByRole('region', { name: 'Completed and cancelled' }).getByRole('article', { name: 'Database upgrade' })).toContainText('Completed');
  await expect(page.getByRole('region', { name: 'In progress' })).toContainText('No maintenance in progress.');
  await expect.poll(async () => (await json<{ scheduled_maintenances: unknown[] }>('/api/v2/scheduled-maintenances/active.json')).scheduled_maintenances, { timeout: SYNC_TIMEOUT }).toEqual([]);
  // Its end was posted by a person without "email": the automatic end email does not follow.
  await new Promise((r) => setTimeout(r, 1_500));
  expect(subjectsTo(READER).filter((s) => s.includes('Database upgrade'))).toHaveLength(2);
});

test('subscriber admin on the Server page: count, CSV export, delete one, delete every one', async ({ browser }) => {
  test.setTimeout(240_000);
  await subscribe('ann.admin@example.test', []);
  await subscribe('bo.admin@example.test', ['api']);
  const page = shared.contexts.length ? shared.contexts[0]!.pages()[0]! : (await shared.join(browser, 'Casey Comms')).page;
  await nav(page, 'Server');
  const admin = page.getByRole('region', { name: 'Status-page subscribers' });
  await expect(admin.getByRole('status').first()).toHaveText('3 confirmed subscribers');

  const download = page.waitForEvent('download');
  await admin.getByRole('button', { name: 'Export subscribers as CSV' }).click();
  const csv = await readFile(await (await download).path(), 'utf8');
  expect(csv.split('\r\n')[0]).toBe('Email,Components,Component ids,State,Subscribed at,Confirmed at');
  expect(csv).toContain(`${READER},Payment processing,payments,confirmed,`);
  expect(csv).toContain('ann.admin@example.test,All components,,confirmed,');
  await expect(admin.getByRole('status').filter({ hasText: 'Exported 3 subscribers as CSV' })).toBeVisible();

  await admin.getByLabel('Subscriber’s address').fill(READER.toUpperCase());
  await admin.getByRole('button', { name: 'Find subscriber' }).click();
  await admin.getByRole('table', { name: 'Subscriber found' }).getByRole('button', { name: `Delete ${READER}` }).click();
  await admin.getByRole('group', { name: `Confirm deleting ${READER}` }).getByRole('button', { name: 'Yes, delete' }).click();
  await expect(admin.getByRole('status').filter({ hasText: `Deleted ${READER}.` })).toBeVisible();
  await expect(admin.getByRole('status').first()).toHaveText('2 confirmed subscribers');
  await admin.scrollIntoViewIfNeeded();
  await shots(page, 'server-subscribers');

  await admin.getByRole('button', { name: 'Delete every subscriber…' }).click();
  await admin.getByRole('group', { name: 'Confirm deleting every subscriber' }).getByRole('button', { name: 'Yes, delete every subscriber' }).click();
  await expect(admin.getByRole('status').first()).toHaveText('0 confirmed subscribers');
  await expect(admin.getByRole('button', { name: 'Delete every subscriber…' })).toBeDisabled();
});
