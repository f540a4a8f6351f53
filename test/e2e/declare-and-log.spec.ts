// A commander declares a P1, classifies it, logs entries from the keyboard, corrects and stars them, and
// finds everything intact after a reload.
import { test } from '@playwright/test';
import { declareP1, expect, firstRun, log, timelineRows } from './core-steps';

test('declare a P1, classify, log, back-date, amend, retract, star, reload', async ({ page }) => {
  await page.goto('/');
  await firstRun(page, 'Dana IC');
  await declareP1(page, 'Checkout errors in EU');

  // Refine the classification from the console.
  await page.getByRole('button', { name: 'Classify' }).click();
  const classify = page.getByRole('form', { name: 'Classify incident' });
  await classify.getByLabel('Category').selectOption({ label: 'Application' });
  await classify.getByLabel('Scope (users affected)').fill('EU customers, about 30%');
  await classify.getByLabel('Impact (functionality affected)').fill('Card payments fail at checkout');
  await classify.getByRole('button', { name: 'Save classification' }).click();
  await expect(page.getByRole('group', { name: 'Incident summary' }).getByText('Scope: EU customers, about 30%')).toBeVisible();
  await expect(timelineRows(page).filter({ hasText: 'Classified: severity P1; category application' })).toHaveCount(1);

  // A wrong impact start is corrected from Classify; a date over a year ago is refused as a likely typo.
  await page.getByRole('button', { name: 'Classify' }).click();
  await classify.getByLabel('Impact started').fill('2020-01-01T10:00');
  await expect(classify).toContainText('2020');
  await classify.getByRole('button', { name: 'Save classification' }).click();
  await expect(classify.getByRole('alert')).toContainText('more than a year ago');
  const twentyMinutesAgo = await page.evaluate(() => {
    const d = new Date(Date.now() - 20 * 60_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
  });
  await classify.getByLabel('Impact started').fill(twentyMinutesAgo);
  await classify.getByRole('button', { name: 'Save classification' }).click();
  await expect(timelineRows(page).filter({ hasText: 'impact started' })).toHaveCount(1);

  // Closing the form hands focus back to the entry box; log with Enter, kinds by prefix.
  await expect(page.getByRole('textbox', { name: 'Timeline entry' })).toBeFocused();
  await log(page, 'Error rate at 12% since 14:02');
  await log(page, 'd: roll back payments-api to v41');
  await log(page, 'a: page the database administrator');
  await log(page, 'https://grafana.example.com/d/payments');

  // The "/" shortcut brings focus back to the entry box.
  await page.getByRole('button', { name: 'Change status' }).focus();
  await page.keyboard.press('/');
  await expect(page.getByRole('textbox', { name: 'Timeline entry' })).toBeFocused();

  // An empty entry, or a prefix alone, says what is missing instead of doing nothing.
  const entry = page.getByRole('textbox', { name: 'Timeline entry' });
  await entry.press('Enter');
  await expect(page.getByRole('form', { name: 'New timeline entry' }).getByRole('alert')).toContainText('Type what happened');
  await entry.fill('d:');
  await entry.press('Enter');
  await expect(page.getByRole('form', { name: 'New timeline entry' }).getByRole('alert')).toContainText('after the prefix');
  await entry.fill('');

  // A back-dated entry, 30 minutes ago: before the corrected impact start (20 minutes ago), which warns but logs.
  const earlier = await page.evaluate(() => {
    const d = new Date(Date.now() - 30 * 60_000);
    return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  });
  await page.getByRole('textbox', { name: 'Happened at (optional)' }).fill(earlier);
  await expect(page.getByRole('form', { name: 'New timeline entry' })).toContainText('before the impact start');
  await log(page, 'First customer complaint on Twitter');
  await expect(page.getByRole('form', { name: 'New timeline entry' }).getByRole('status')).toContainText(`Logged for `);

  const rows = timelineRows(page);
  const row = (text: string) => rows.filter({ hasText: text });
  await expect(row('Error rate at 12% since 14:02')).toContainText('Note');
  await expect(row('roll back payments-api to v41')).toContainText('Decision');
  await expect(row('page the database administrator')).toContainText('Action');
  await expect(row('grafana.example.com')).toContainText('Evidence');
  await expect(row('First customer complaint')).toContainText('back-dated');
  await expect(row('First customer complaint')).toContainText(earlier);
  // Newest first; the back-dated entry sorts by when it happened, below the newer entries.
  const texts = await rows.allInnerTexts();
  expect(texts.findIndex((t) => t.includes('First customer complaint'))).toBeGreaterThan(texts.findIndex((t) => t.includes('Error rate at 12%')));

  // Amend and retract are new events; the original stays on record.
  await row('Error rate at 12% since 14:02').getByRole('button', { name: 'Amend' }).click();
  await page.getByRole('textbox', { name: 'Amended text' }).fill('Error rate at 14% since 14:02');
  await page.getByRole('button', { name: 'Save amendment' }).click();
  await expect(row('Error rate at 14% since 14:02')).toContainText('amended');
  await expect(entry).toBeFocused();

  await row('page the database administrator').getByRole('button', { name: 'Retract' }).click();
  await page.getByRole('textbox', { name: 'Reason for retraction' }).fill('DBA already on the bridge');
  await page.getByRole('button', { name: 'Retract entry' }).click();
  await expect(row('page the database administrator')).toContainText('Retracted by Dana IC: DBA already on the bridge');
  await expect(entry).toBeFocused();

  // Row buttons name the entry they act on.
  await page.getByRole('button', { name: 'Star: roll back payments-api to v41' }).click();
  await expect(row('roll back payments-api').getByRole('button', { name: /^Star: / })).toHaveAttribute('aria-pressed', 'true');

  // A long entry is cut to one line; "Show full text" expands it.
  const long = `Customer support reports ${'many failed card payments across EU storefronts, '.repeat(4)}end of report`;
  await log(page, long);
  const longRow = row('Customer support reports');
  await longRow.getByRole('button', { name: /^Show full text: Customer support reports/ }).click();
  await expect(longRow.getByRole('button', { name: /^Show less: / })).toHaveAttribute('aria-expanded', 'true');
  await expect(longRow.getByText('end of report')).toBeVisible();
  await longRow.getByRole('button', { name: /^Show less: / }).click();

  // Filters by kind and by starred.
  await page.getByLabel('Filter by kind').selectOption({ label: 'Decisions' });
  await expect(rows).toHaveCount(1);
  await page.getByLabel('Filter by kind').selectOption({ label: 'All kinds' });
  await page.getByLabel('Starred only').check();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('roll back payments-api');
  await page.getByLabel('Starred only').uncheck();

  // Severity change with a reason, then status.
  await page.getByRole('button', { name: 'Change severity' }).click();
  await page.getByLabel('New severity').selectOption('P0');
  await page.getByLabel('Reason for severity change').fill('Payments fully down');
  await page.getByRole('button', { name: 'Apply severity' }).click();
  await expect(row('Severity changed from P1 to P0: Payments fully down')).toHaveCount(1);
  await page.getByRole('button', { name: 'Change status' }).click();
  await page.getByLabel('New status').selectOption('identified');
  await page.getByRole('button', { name: 'Apply status' }).click();
  await expect(row('Status: identified')).toHaveCount(1);

  // Everything is still there after a reload.
  await page.reload();
  await page.getByRole('button', { name: 'Checkout errors in EU' }).click();
  await expect(page.getByRole('heading', { name: 'Checkout errors in EU' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Incident summary' }).getByText('Scope: EU customers, about 30%')).toBeVisible();
  await expect(row('Error rate at 14% since 14:02')).toContainText('amended');
  await expect(row('roll back payments-api').getByRole('button', { name: /^Star: / })).toHaveAttribute('aria-pressed', 'true');
  await expect(row('page the database administrator')).toContainText('Retracted by Dana IC');
  await expect(row('First customer complaint')).toContainText('back-dated');
  await expect(row('grafana.example.com')).toContainText('Evidence');
  await expect(page.getByRole('group', { name: 'Incident status' })).toContainText('P0');
  await expect(page.getByRole('group', { name: 'Incident status' })).toContainText('identified');

  // And the list shows it as an active P0 with its most urgent clock.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Incidents' }).click();
  const active = page.getByRole('region', { name: 'Active incidents' });
  await expect(active.getByRole('row').filter({ hasText: 'Checkout errors in EU' })).toContainText('P0');
  await expect(active.getByRole('row').filter({ hasText: 'Checkout errors in EU' })).toContainText(/overdue|in \d/);
});
