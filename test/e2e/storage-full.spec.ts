// Storage full, for real: the origin gets a small quota (Chromium, CDP) and the commander logs entries until the
// disk is full. The failing entry stays in the entry box, a persistent message says nothing stored was lost,
// and every entry logged before is still there after a reload.
import { randomBytes } from 'node:crypto';
import { test } from '@playwright/test';
import { declareP1, expect, firstRun, log, timelineRows } from './core-steps';

/** Text the database cannot compress away (IndexedDB compresses its values). */
const incompressible = (n: number) => randomBytes(n).toString('base64').slice(0, n);

test('a full disk keeps the typed entry and says nothing stored was lost', async ({ page, baseURL }) => {
  // Chromium applies a quota override to connections opened after it, so it is set before the app first loads.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(baseURL!).origin, quotaSize: 3_000_000 });
  await page.goto('/');
  await firstRun(page, 'Quinn Commander');
  await declareP1(page, 'Disk full during checkout outage');
  await log(page, 'Stored before the disk filled');

  const box = page.getByRole('textbox', { name: 'Timeline entry' });
  const problem = page.getByRole('alert', { name: 'Storage problem' });
  const logged: string[] = [];
  let typed = '';
  // The entry box clears at once (the write follows), so an entry counts as stored only once the timeline shows it.
  const shown = (n: number) => page.getByText(`${n} of ${n} shown`);
  for (let i = 0; i < 200 && !(await problem.isVisible()); i++) {
    typed = `Entry ${i}: ${incompressible(19_000)}`;
    await box.fill(typed);
    await box.press('Enter');
    const expected = logged.length + 3; // the declaration, the first entry, those logged so far, this one
    await expect(problem.or(shown(expected)).first()).toBeVisible();
    if (await shown(expected).isVisible()) logged.push(typed.slice(0, 40));
  }
  await expect(problem).toContainText('Storage is full');
  await expect(problem).toContainText('Nothing already stored was lost');
  await expect(box).toHaveValue(typed);
  await expect(page.getByRole('form', { name: 'New timeline entry' }).getByRole('alert')).toContainText('Not logged: storage is full');
  expect(logged.length).toBeGreaterThan(0);

  // The message stays until dismissed.
  await problem.getByRole('button', { name: 'Dismiss' }).click();
  await expect(problem).toHaveCount(0);

  // Everything logged before the disk filled is still stored: the declaration, the first entry and each big one.
  await page.reload();
  await page.getByRole('button', { name: 'Disk full during checkout outage' }).click();
  const total = logged.length + 2;
  await expect(page.getByText(`${total} of ${total} shown`)).toBeVisible();
  await expect(timelineRows(page).filter({ hasText: logged.at(-1)! })).toHaveCount(1);
  await expect(timelineRows(page).filter({ hasText: typed.slice(0, 40) })).toHaveCount(0);
});
