// A member of the public subscribes on the real /status page in Chromium (a phone-sized window, no script on the
// page), confirms from the email a real SMTP server (smtp-sink) received, gets the commander's next status update
// by email, unsubscribes with one click from the link in it, and gets nothing more.
import { test, type Page } from '@playwright/test';
import { startSmtpSink, type SinkMessage, type SmtpSink } from '../helpers/smtp-sink';
import { declareP1, expect } from './core-steps';
import { SYNC_TIMEOUT, sharedServer } from './sync-server';

const READER = 'robin.reader@example.test';
let sink: SmtpSink | undefined;
test.beforeAll(async () => { sink = await startSmtpSink(); });
test.afterAll(async () => { await sink?.stop(); });
const shared = sharedServer(1, () => ({ SMTP_URL: sink?.url ?? '', MAIL_FROM: 'Status <status@example.test>', DELIVERY_POLL_MS: '200' }));

/** The text as the reader sees it (nodemailer may send it quoted-printable). */
const text = (m: SinkMessage) => m.body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
const mailFor = () => (sink?.messages() ?? []).filter((m) => m.recipients.map((r) => r.toLowerCase()).includes(READER));
const comms = (page: Page) => page.getByRole('region', { name: 'Communications' });

async function postUsersUpdate(page: Page, words: string, expectCount: RegExp): Promise<void> {
  await comms(page).getByLabel('Audience').selectOption({ label: 'Users' });
  await comms(page).getByLabel('Update text').fill(words);
  await comms(page).getByRole('checkbox', { name: 'Status page', exact: true }).check();
  const fields = comms(page).getByRole('group', { name: 'Status page fields' });
  await fields.getByRole('checkbox', { name: 'Payment processing' }).check();
  await fields.getByLabel('Payment processing state').selectOption({ label: 'Partial outage' });
  await fields.getByLabel('Estimated resolution time').fill('2030-01-01T12:00');
  // The count of who will get it shows before Post.
  const subscribers = comms(page).getByRole('checkbox', { name: /^Email to status-page subscribers/ });
  await expect(comms(page).getByText(expectCount)).toBeVisible({ timeout: SYNC_TIMEOUT });
  await subscribers.check();
  await comms(page).getByRole('button', { name: 'Post update' }).click();
  // The incident's first public words are confirmed as shown (record-public.spec.ts); later ones go at once.
  await page.getByRole('dialog', { name: 'This becomes public' }).getByRole('button', { name: 'Publish' }).click({ timeout: 5_000 }).catch(() => undefined);
  await expect(comms(page).getByRole('listitem').filter({ hasText: words.slice(0, 30) })).toContainText('subscribers', { timeout: SYNC_TIMEOUT });
}

test('subscribe on /status, confirm from the email, receive an update, unsubscribe in one click, receive nothing more', async ({ browser }) => {
  test.setTimeout(300_000);
  const { server, contexts } = shared;
  if (!sink) throw new Error('not started');
  const reader = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
  contexts.push(reader);
  const phone = await reader.newPage();
  await phone.goto(`${server.url}/status`);
  await expect(phone.getByRole('heading', { level: 1 })).toBeVisible();
  await phone.getByRole('textbox', { name: 'Email address' }).fill(READER);
  await phone.getByRole('checkbox', { name: 'Payment processing' }).check();
  await phone.screenshot({ path: 'test-results/status-subscribe-390.png', fullPage: true });
  await phone.getByRole('button', { name: 'Subscribe' }).click();
  await expect(phone.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();

  const confirmation = await expect.poll(() => mailFor().length, { timeout: SYNC_TIMEOUT }).toBe(1).then(() => mailFor()[0]!);
  const link = /(http\S+\/status\/confirm\/sub_[A-Za-z0-9_-]{43})/.exec(text(confirmation))?.[1];
  expect(link).toBeTruthy();
  await phone.goto(link!);
  await phone.getByRole('button', { name: 'Confirm subscription' }).click();
  await expect(phone.getByRole('heading', { name: 'Subscribed' })).toBeVisible();

  // The commander posts a public update to the Users: the subscriber of Payment processing is counted and emailed.
  const { page: ic } = await shared.join(browser, 'Ada IC', { context: { viewport: { width: 1440, height: 900 } } });
  await declareP1(ic, 'Card payments failing');
  await postUsersUpdate(ic, 'Some card payments fail. We are rolling back a release.', /\(1 subscriber of the affected services\)/);
  // The email carries the update's public words (the composer's public text), after the confirmation.
  await expect.poll(() => mailFor().length, { timeout: SYNC_TIMEOUT }).toBe(2);
  // Each read parses the files anew, and smtp-sink names them at random: the update is the file that is not the confirmation.
  const update = mailFor().find((m) => m.file !== confirmation.file)!;
  expect(update.headers.get('subject')).toMatch(/^Investigating: /);
  expect(update.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
  const unsubscribe = /^<(.+)>$/.exec(update.headers.get('list-unsubscribe') ?? '')?.[1];
  expect(unsubscribe).toBeTruthy();
  expect(text(update)).toContain(unsubscribe!);

  // One click on the link in the email (the page's button; a mail client's one-click POST does the same).
  await phone.goto(unsubscribe!);
  await phone.getByRole('button', { name: 'Unsubscribe' }).click();
  await expect(phone.getByRole('heading', { name: 'Unsubscribed' })).toBeVisible();

  // The next update reaches nobody: the composer says 0, the delivery line says 0 subscribers, no email arrives.
  const before = mailFor().length;
  await postUsersUpdate(ic, 'Payments are recovering; the rollback is done.', /\(0 subscribers of the affected services\)/);
  await expect(comms(ic).getByRole('listitem').filter({ hasText: 'rollback is done' })).toContainText('0 subscribers', { timeout: SYNC_TIMEOUT });
  expect(mailFor()).toHaveLength(before);
});

test('the /status page at a phone, a laptop and a wall screen', async ({ browser }) => {
  const { server, contexts } = shared;
  for (const [w, h] of [[390, 844], [1440, 900], [1920, 1080]] as const) {
    const ctx = await browser.newContext({ viewport: { width: w, height: h } });
    contexts.push(ctx);
    const page = await ctx.newPage();
    await page.goto(`${server.url}/status`);
    await expect(page.getByRole('heading', { name: 'Get updates by email' })).toBeVisible();
    // Nothing wider than the window at 390 px: no sideways scrolling on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(w);
    // The subscribe box stands apart from the components list above it (it sat against it, no gap).
    const list = await page.getByRole('region', { name: 'Components' }).getByRole('list').boundingBox();
    const box = await page.getByRole('region', { name: 'Get updates by email' }).boundingBox();
    expect(box!.y - (list!.y + list!.height)).toBeGreaterThanOrEqual(16);
    await page.screenshot({ path: `test-results/status-page-${w}.png`, fullPage: w === 390 });
  }
});
