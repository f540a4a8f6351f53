// Wall-display mode (large clocks, latest entries, Esc leaves) and the Settings page: display name on new entries,
// notifications off means no Notification when a clock goes overdue, due-soon notices off, theme dark/light/system.
// Time is driven by Playwright's clock; the OS notification centre is a recording stand-in.
import { test } from '@playwright/test';
import { attentionAlert, declareP1, expect, firstRun, log, notificationTitles, recordNotifications, startConsole, timelineRows } from './core-steps';

const START = new Date('2026-03-04T10:00:00Z');
const TITLE = 'Checkout latency spike';

const notifications = notificationTitles;

test('wall display: large clocks and the latest entries, Esc leaves, w and the button enter', async ({ page }) => {
  await startConsole(page, START, 'Dana IC');
  await declareP1(page, TITLE);
  for (let i = 1; i <= 12; i++) await log(page, `Observation ${i}`);

  await page.getByRole('button', { name: 'Wall display' }).click();
  const wall = page.getByRole('region', { name: 'Wall display' });
  await expect(wall).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  await expect(wall.getByRole('heading', { name: TITLE })).toBeVisible();
  await expect(wall.getByLabel('Severity')).toContainText('P1');
  await expect(wall.getByLabel('Status')).toContainText('investigating');

  const stakeholders = wall.getByRole('list', { name: 'Wall clocks' }).getByRole('article', { name: 'Next stakeholders update' });
  await expect(stakeholders).toContainText('OK');
  const timer = stakeholders.getByRole('timer');
  const fontPx = await timer.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(fontPx).toBeGreaterThanOrEqual(48); // three times body text: readable from across a room

  // The latest ten entries, newest first; the oldest of the twelve observations has scrolled off.
  const entries = wall.getByRole('region', { name: 'Latest entries' }).getByRole('listitem');
  await expect(entries).toHaveCount(10);
  await expect(entries.first()).toContainText('Observation 12');
  await expect(entries.first()).toContainText('Dana IC');
  await expect(wall.getByRole('region', { name: 'Latest entries' })).not.toContainText('Observation 2');

  // States are words as well as colours.
  await page.clock.fastForward('11:00');
  await expect(stakeholders).toContainText('Due soon');
  await page.clock.fastForward('05:00');
  await expect(stakeholders).toContainText('Overdue');

  // At common wall-screen widths nothing is clipped: cards stay on screen (wrapping to new rows), countdowns,
  // clock labels and the title fit their boxes. An overdue countdown is the widest text a clock shows.
  const original = page.viewportSize();
  for (const width of [1440, 1920]) {
    await page.setViewportSize({ width, height: 900 });
    const overflow = await wall.evaluate((root) => {
      const out: string[] = [];
      const viewport = document.documentElement.clientWidth;
      for (const el of root.querySelectorAll<HTMLElement>('.wall-clock, .wall-clock-time, .wall-clock-label, .wall-title, .wall-sev')) {
        const box = el.getBoundingClientRect();
        if (box.right > viewport + 0.5) out.push(`${el.className} runs off screen`);
        if (el.scrollWidth > el.clientWidth + 1) out.push(`${el.className} clipped: ${el.textContent ?? ''}`);
      }
      return out;
    });
    expect(overflow, `at ${width}px`).toEqual([]);
  }
  if (original) await page.setViewportSize(original);

  await page.keyboard.press('Escape');
  await expect(wall).toHaveCount(0);
  await expect(page.getByRole('heading', { name: TITLE, exact: true })).toBeVisible();

  // "w" from anywhere shows the most urgent active incident; the exit button leaves too.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Contacts' }).click();
  await page.keyboard.press('w');
  await expect(wall.getByRole('heading', { name: TITLE })).toBeVisible();
  await wall.getByRole('button', { name: 'Leave wall display (Esc)' }).click();
  await expect(wall).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Contacts' })).toHaveAttribute('aria-current', 'page');

  // The help lists the new shortcuts.
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toContainText('Toggle wall display');
  await expect(help).toContainText('Open settings');
});

test('settings: display name on new entries, notifications off and due-soon off, theme', async ({ page }) => {
  await page.clock.install({ time: START });
  await recordNotifications(page);
  await page.goto('/');
  await firstRun(page, 'Dana IC');

  // Display name: new entries carry the new name, the old entry keeps the old one.
  await declareP1(page, TITLE);
  await log(page, 'Logged before the rename');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  const name = page.getByLabel('Display name');
  await expect(name).toHaveValue('Dana IC');
  await name.fill('Sam Scribe');
  await page.getByLabel('Callsign (optional)').fill('Bravo-1');
  await page.getByRole('button', { name: 'Save identity' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'New entries are logged as Sam Scribe' })).toBeVisible();
  await expect(page.getByLabel('Signed in as')).toHaveText('Sam Scribe');

  // Notifications off before any clock comes due.
  const enabled = page.getByRole('checkbox', { name: 'Notify me when a clock comes due' });
  await enabled.uncheck();
  await expect(page.getByRole('checkbox', { name: 'Also notify when a clock is due soon' })).toBeDisabled();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Incidents' }).click();
  await page.getByRole('button', { name: new RegExp(TITLE) }).first().click();
  await expect(page.getByRole('heading', { name: TITLE, exact: true })).toBeVisible();
  await log(page, 'Logged after the rename');
  await expect(timelineRows(page).filter({ hasText: 'Logged after the rename' })).toContainText('Sam Scribe');
  await expect(timelineRows(page).filter({ hasText: 'Logged before the rename' })).toContainText('Dana IC');

  // The stakeholder update clock goes overdue (15 min for a P1): visible in the app, but no Notification.
  const stakeholders = page.getByRole('region', { name: 'Clocks' }).getByRole('article', { name: 'Next stakeholders update' });
  await page.clock.fastForward('11:00');
  await expect(stakeholders).toContainText('Due soon');
  await page.clock.fastForward('05:00');
  await expect(stakeholders).toContainText('Overdue');
  await expect(await attentionAlert(page, 'Next stakeholders update')).toContainText('Overdue');
  await page.clock.fastForward('00:05');
  expect(await notifications(page)).toEqual([]);

  // Notifications back on, due-soon notices off: the users update (30 min) notifies when overdue, not when due soon.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await enabled.check();
  await page.getByRole('checkbox', { name: 'Also notify when a clock is due soon' }).uncheck();
  await page.getByRole('checkbox', { name: 'Play a sound when a clock goes overdue' }).uncheck();
  await expect(page.getByRole('checkbox', { name: 'Also notify when a clock is due soon' })).not.toBeChecked();
  await page.clock.fastForward('10:00'); // 26 min: users update due soon
  await page.clock.fastForward('05:00'); // 31 min: overdue
  await expect.poll(() => notifications(page)).toContain('Overdue: Next users update');
  const shown = await notifications(page);
  expect(shown.filter((t) => t.startsWith('Due soon'))).toEqual([]);
  expect(shown.filter((t) => t === 'Overdue: Next stakeholders update')).toEqual([]);

  // Theme: light, then system following the OS colour scheme; the choice survives a reload.
  const html = page.locator('html');
  await page.getByRole('radio', { name: 'Light' }).check();
  await expect(html).toHaveAttribute('data-theme', 'light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByRole('radio', { name: 'System' }).check();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(html).toHaveAttribute('data-theme', 'light');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Active incidents' })).toBeVisible();
  await page.keyboard.press(','); // the shortcut opens Settings
  await expect(page.getByRole('radio', { name: 'System' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Also notify when a clock is due soon' })).not.toBeChecked();
  await expect(page.getByLabel('Callsign (optional)')).toHaveValue('Bravo-1');
  await expect(html).toHaveAttribute('data-theme', 'light');
});
