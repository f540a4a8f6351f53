// Shared steps for the core end-to-end tests (first run, declaring, logging), by accessible names only.
import { expect as baseExpect, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from '@playwright/test';

/** A longer wait than the default 5 s: the shared CI box runs several browsers at once. */
export const expect = baseExpect.configure({ timeout: 15_000 });

export async function firstRun(page: Page, name: string): Promise<void> {
  await page.getByLabel('Your display name').fill(name);
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByRole('heading', { name: 'Active incidents' })).toBeVisible();
}

/** A fresh console with Playwright's clock set to `start`, opened by `name` (first run): most tests' first three steps. */
export async function startConsole(page: Page, start: Date, name: string): Promise<void> {
  await page.clock.install({ time: start });
  await page.goto('/');
  await firstRun(page, name);
}

export async function declareP1(page: Page, title: string): Promise<void> {
  await page.keyboard.press('n');
  await expect(page.getByRole('heading', { name: 'Declare an incident' })).toBeVisible();
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Detection source').fill('Error-rate monitor');
  await page.getByLabel('Error rate (%)').fill('12');
  await expect(page.getByRole('status', { name: 'Severity suggestion' })).toContainText('Suggested: P1');
  await page.getByRole('button', { name: 'Use suggested severity P1' }).click();
  await expect(page.getByRole('radio', { name: 'P1 High' })).toBeChecked();
  await page.getByRole('button', { name: 'Declare and open console' }).click();
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
}

/** Declare with a chosen severity (the radio's name, e.g. 'P1 High'), optionally as a drill; opens its console. */
export async function declare(page: Page, title: string, severity: string, drill = false): Promise<void> {
  await page.getByRole('button', { name: 'Declare incident' }).click();
  await page.getByLabel('Title').fill(title);
  if (drill) await page.getByRole('checkbox', { name: 'This is a drill' }).check();
  await page.getByRole('radio', { name: severity }).check();
  await page.getByRole('button', { name: 'Declare and open console' }).click();
  await expect(page.getByRole('heading', { name: title, exact: true })).toBeVisible();
}

/** The console's Roles card for `role` (its accessible name is the role's name in the plan). */
export const roleCard = (page: Page, role: string) => page.getByRole('region', { name: 'Roles' }).getByRole('article', { name: role });

/** Assign `person` to `role` by name, as a commander types it in the console's Roles card. */
export async function assignRole(page: Page, role: string, person: string): Promise<void> {
  const card = roleCard(page, role);
  await card.getByLabel(`Person for ${role}`).fill(person);
  await card.getByRole('button', { name: `Assign ${role}`, exact: true }).click();
  await expect(card).toContainText(`${person} since`);
}

export const timelineRows = (page: Page) => page.getByRole('list', { name: 'Timeline entries' }).getByRole('listitem');

export async function log(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox', { name: 'Timeline entry' });
  await box.fill(text);
  await box.press('Enter');
  await expect(box).toHaveValue('');
  await expect(box).toBeFocused();
}

/** Replaces the browser's Notification API with a recorder (the OS notification centre, as the app sees it). */
export async function recordNotifications(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const shown: string[] = [];
    (window as unknown as { __notifications: string[] }).__notifications = shown;
    class RecordingNotification {
      static permission = 'granted';
      static requestPermission = async () => 'granted';
      onclick: (() => void) | null = null;
      constructor(title: string) { shown.push(title); }
      close() { /* nothing to close */ }
    }
    Object.defineProperty(window, 'Notification', { value: RecordingNotification, configurable: true });
  });
}

/** Titles of the notifications shown so far (needs recordNotifications before the page loads). */
export const notificationTitles = (page: Page) => page.evaluate(() => [...(window as unknown as { __notifications: string[] }).__notifications]);

export const syncStatus = (page: Page) => page.getByRole('group', { name: 'Sync status' });

/** Connect this browser to the sync server it was loaded from, with an invite code, and wait until online. */
export async function connectToServer(page: Page, name: string, code: string, timeout: number): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Server' }).click();
  const form = page.getByRole('form', { name: 'Connect to server' });
  await form.getByLabel('Invite code').fill(code);
  await form.getByLabel('Device name').fill(`${name}'s laptop`);
  await form.getByRole('button', { name: 'Connect' }).click();
  await expect(syncStatus(page)).toContainText('Online', { timeout });
}

export const attentionStrip = (page: Page) => page.getByRole('region', { name: 'Attention' });

/** Show every alert of the console's attention strip (the most urgent one is always shown; the rest on demand). */
export async function expandAttention(page: Page): Promise<void> {
  const more = attentionStrip(page).getByRole('button', { name: /^Show \d+ more alerts?$/ });
  if (await more.isVisible()) await more.click();
}

/** One alert in the console's attention strip, by its clock's label, with the strip expanded. */
export async function attentionAlert(page: Page, label: string | RegExp) {
  await expandAttention(page);
  return attentionStrip(page).getByRole('article', { name: label });
}

/**
 * A new person's console on a running sync server: a fresh browser context on the server's origin (kept in
 * `contexts` for the spec to close), the first run under `name`, then connected with the invite `code`.
 */
export async function joinConsole(
  browser: Browser,
  at: { url: string; contexts: BrowserContext[]; timeout: number; options?: BrowserContextOptions },
  name: string,
  code: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...at.options, baseURL: at.url });
  at.contexts.push(context);
  const page = await context.newPage();
  await page.goto('/');
  await firstRun(page, name);
  await connectToServer(page, name, code, at.timeout);
  return { context, page };
}

/**
 * The person at this console becomes `name` (Settings' display name) and goes back to the incident `title`: one
 * laptop handed to the next person, who then acts in their own name (a handover accepted, a page acknowledged).
 */
export async function becomePerson(page: Page, name: string, title: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Display name').fill(name);
  await page.getByRole('button', { name: 'Save identity' }).click();
  await expect(page.getByRole('status').filter({ hasText: `New entries are logged as ${name}` })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Incidents', exact: true }).click();
  await page.getByRole('button', { name: title, exact: true }).click();
  await expect(page.getByRole('heading', { name: title, exact: true })).toBeVisible();
}

/** On this console (its person assigned or paged for `role`), acknowledge from the attention strip. */
export async function acknowledgeAs(page: Page, role: string): Promise<void> {
  const asked = attentionStrip(page).getByRole('article', { name: `You are asked as ${role}` });
  await asked.getByRole('button', { name: `Acknowledge as ${role}` }).click();
  await expect(asked).toHaveCount(0);
}
