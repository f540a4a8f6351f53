// The strip and the chrome do not hide urgency (issue #23): tasks left open at resolution are in the attention strip
// (not "Nothing overdue"), no clock text is cut at the war-room sizes, other incidents' counts read "2 more alerts",
// and the sync chip never shortens how many entries wait to go out. (The recurrence-watch offer in the strip, the
// Alerts count and the runbook from the alert: alerts.spec.ts, with a real Alertmanager payload.)
import { test, type Locator, type Page } from '@playwright/test';
import { attentionStrip, declare, expect, log, startConsole, syncStatus } from './core-steps';
import { sharedServer } from './sync-server';

const SIZES = [{ width: 1440, height: 900 }, { width: 1920, height: 1080 }];
const START = new Date('2026-03-04T10:00:00Z');
const shared = sharedServer(1);

/** Every text element of `box` shows all of its text (nothing clipped or ellipsised) and no two of its parts overlap. */
async function nothingCut(box: Locator): Promise<string[]> {
  return box.evaluate((root) => {
    const problems: string[] = [];
    const parts = [...root.querySelectorAll('*')].filter((el) => el.children.length === 0 && (el.textContent ?? '').trim() && (el as HTMLElement).offsetParent !== null);
    for (const el of parts) {
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflow !== 'visible') problems.push(`cut: ${el.textContent}`);
      const rect = el.getBoundingClientRect();
      const outer = root.getBoundingClientRect();
      if (rect.right > outer.right + 1 || rect.left < outer.left - 1) problems.push(`outside its box: ${el.textContent}`);
    }
    for (let i = 0; i < parts.length; i++) {
      for (let j = i + 1; j < parts.length; j++) {
        const a = (parts[i] as Element).getBoundingClientRect();
        const b = (parts[j] as Element).getBoundingClientRect();
        const nested = (parts[i] as Element).contains(parts[j] as Element) || (parts[j] as Element).contains(parts[i] as Element);
        if (!nested && a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) problems.push(`overlap: ${parts[i]?.textContent} / ${parts[j]?.textContent}`);
      }
    }
    return problems;
  });
}

async function resolve(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Change status' }).click();
  await page.getByLabel('New status').selectOption('resolved');
  await page.getByRole('checkbox', { name: 'Resolve without the full recurrence watch' }).check();
  await page.getByRole('button', { name: 'Apply status' }).click();
}

test('after resolving, open tasks are in the strip; no clock text is cut; other incidents read "2 more alerts"', async ({ page }, testInfo) => {
  await startConsole(page, START, 'Dana IC');
  await declare(page, 'Search cluster degraded', 'P1 High');
  await declare(page, 'Payments API down', 'P1 High');
  await log(page, 't: Engineer B: check the DB pool 5m');
  await log(page, 't: Grace: raise the pool limit 10m');
  await page.clock.fastForward('31:00');

  // Another incident with three alerts: the count of the rest is "2 more alerts".
  const strip = attentionStrip(page);
  await strip.getByRole('button', { name: 'Other incidents need attention (1)' }).click();
  await expect(strip.getByRole('list', { name: 'Other incidents need attention' })).toContainText(/: Response target \(P1: < 15 minutes\) and \d+ more alerts/);
  await expect(strip).not.toContainText('mores');

  await resolve(page);
  // Resolved with two tasks open: the strip says so (their check-back clocks stopped at resolution).
  const tasks = strip.getByRole('article', { name: 'Tasks still open after resolution' });
  await expect(tasks).toContainText('2 tasks still open after resolution: Engineer B: check the DB pool; Grace: raise the pool limit');
  await expect(strip).not.toContainText('Nothing overdue');

  // The review's clock is due on another day: its "due at" is whole beside Snooze, at both sizes.
  const clocks = page.getByRole('region', { name: 'Clocks' });
  await expect(clocks.getByRole('article', { name: /^Post-incident review/ })).toContainText(/due at (\d+ \w+|\w+ \d+) \d\d:\d\d/);
  for (const size of SIZES) {
    await page.setViewportSize(size);
    for (const clock of await clocks.getByRole('article').all()) expect(await nothingCut(clock), await clock.getAttribute('aria-label') ?? '').toEqual([]);
    expect(await nothingCut(strip)).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath(`resolved-console-${size.width}x${size.height}.png`) });
  }
  await tasks.getByRole('button', { name: 'Open the review' }).click();
  await expect(page.getByRole('region', { name: 'Open tasks at resolution' })).toContainText('2 tasks still open at resolution');
});

test('the sync chip never shortens the count waiting to go out, beside a long name, at both sizes', async ({ browser }, testInfo) => {
  const { context, page } = await shared.join(browser, 'Alexandra Montgomery-Smythe', { context: { viewport: SIZES[0] } });
  await declare(page, 'Checkout failing', 'P1 High');
  await context.setOffline(true);
  await expect(syncStatus(page)).toContainText('Offline', { timeout: 45_000 });
  await log(page, 'Error rate 12% on payments-api');
  await log(page, 'd: roll back the 09:40 deploy');
  const waiting = syncStatus(page).getByText(/^ · \d+ waiting to send$/);
  await expect(waiting).toBeVisible();
  for (const size of SIZES) {
    await page.setViewportSize(size);
    expect(await waiting.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    const chip = await syncStatus(page).boundingBox();
    const part = await waiting.boundingBox();
    expect(part && chip && part.x + part.width <= chip.x + chip.width + 1).toBe(true);
    await page.screenshot({ path: testInfo.outputPath(`sync-chip-offline-${size.width}x${size.height}.png`), clip: { x: 0, y: 0, width: size.width, height: 60 } });
  }
  await context.setOffline(false);
});
