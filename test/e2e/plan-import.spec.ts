// A person imports their organisation's Markdown plan on the Plan page: reviews the values with their source lines
// and the problems, fills what the document does not state, publishes; a bad document changes nothing.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, type Page } from '@playwright/test';
import { expect, firstRun } from './core-steps';

const fixture = readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/plans/sev-plan.md'));

const planNav = (page: Page) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Plan' }).click();

async function openPlan(page: Page) {
  await page.goto('/');
  await firstRun(page, 'Casey');
  await planNav(page);
  await expect(page.getByRole('heading', { name: 'Incident Response Plan', level: 1 })).toBeVisible();
}

const upload = (page: Page, name: string, buffer: Buffer) =>
  page.getByLabel('Import Markdown plan file').setInputFiles({ name, mimeType: 'text/markdown', buffer });

test('an unreadable file is refused with the reason; a readable one with problems is read, its problems named', async ({ page }) => {
  await openPlan(page);
  await upload(page, 'logo.md', Buffer.from([0x23, 0x0a, 0x89, 0x50, 0x4e, 0x47, 0x00, 0x0a]));
  const refused = page.getByRole('alert').filter({ hasText: 'logo.md was not imported' });
  await expect(refused).toContainText('nothing changed, the active plan stays Incident Response Plan, version 1.0');
  await expect(refused).toContainText('Line 2: the file is binary');
  await expect(page.getByRole('region', { name: 'Import review' })).toHaveCount(0);
  await refused.getByRole('button', { name: 'Dismiss' }).click();

  // Two response times for one level: read, the conflict named with both lines, the target left to fill.
  const conflicting = '# Plan\n\n## Incident Severity Levels\n\n### SEV1 - Critical\n\n**Definition**: Down\n\n**Response Time**: < 5 minutes  \n**Resolution Time**: < 1 hour\n\n**Response Time**: < 30 minutes\n';
  await upload(page, 'conflicting.md', Buffer.from(conflicting));
  const review = page.getByRole('region', { name: 'Import review' });
  await expect(review.getByRole('region', { name: 'Problems' })).toContainText('states "Response Time" twice with different values: "< 5 minutes" (line 9) and "< 30 minutes" (line 12)');
  await review.getByRole('button', { name: 'Discard import' }).click();

  // A runbook with no severity levels is not refused: the missing scale is a gap to fill.
  await page.getByRole('button', { name: 'Paste Markdown…' }).click();
  await page.getByLabel('Markdown plan text').fill('# Runbook\n\nRestart it.\n');
  await page.getByRole('button', { name: 'Read pasted plan' }).click();
  await expect(review.getByRole('heading', { name: 'Review imported plan: Runbook' })).toBeVisible();
  await expect(review).toContainText('The document defines no severity levels');
  await review.getByRole('button', { name: 'Discard import' }).click();

  await page.reload();
  await planNav(page);
  await expect(page.getByRole('heading', { name: 'Incident Response Plan', level: 1 })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Severities' })).toContainText('Severity 2 (High) - P1');
});

test('import, review with source lines, fill the flagged values, publish', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openPlan(page);
  await upload(page, 'acme-plan.md', fixture);
  const review = page.getByRole('region', { name: 'Import review' });
  await expect(review.getByRole('heading', { name: 'Review imported plan: Acme Payments Incident Management Plan' })).toBeVisible();

  // A value and its source line: showing it marks that line in the document beside the form.
  const severities = review.getByRole('region', { name: 'Imported severities' });
  const sev1 = severities.getByRole('row').filter({ hasText: 'SEV1 - Critical' });
  await expect(sev1).toContainText('10m');
  await sev1.getByRole('button', { name: 'Show line 22 of the document' }).click();
  const documentPane = review.getByRole('list', { name: 'Imported document' });
  await expect(documentPane.locator('li[aria-current="location"]')).toHaveText(/22\s*\*\*Response Time\*\*: < 10 minutes/);
  await expect(severities.getByRole('row').filter({ hasText: 'SEV4 - Cosmetic' })).toContainText('to fill');

  // The problems, with their lines and fixes.
  const problems = review.getByRole('region', { name: 'Problems' });
  await expect(problems).toContainText('The section "Glossary" is not part of a response plan the console reads; it was skipped');
  await expect(problems.getByRole('listitem').filter({ hasText: 'The section "Glossary"' }).getByRole('button', { name: 'Show line 242 of the document' })).toBeVisible();

  await review.getByRole('heading', { name: /^Review imported plan/ }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/plan-import-review-1440.png', fullPage: false });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: 'test-results/plan-import-review-1920.png', fullPage: false });

  // Publishing an incomplete draft is refused with what is missing.
  await review.getByRole('button', { name: 'Publish imported plan…' }).click();
  await expect(review.getByRole('alert').filter({ hasText: 'cannot be published yet' })).toContainText('Response Time of SEV4 - Cosmetic');
  await expect(review.getByRole('group', { name: /^Values to fill/ }).getByLabel('Response Time of SEV4 - Cosmetic', { exact: true })).toHaveAccessibleDescription(/Still to fix: expected a duration like "15m"/);

  const flags = review.getByRole('group', { name: /Values to fill \(5\)/ });
  await flags.getByLabel('Response Time of SEV4 - Cosmetic', { exact: true }).fill('1d');
  await flags.getByLabel('Response time wording of SEV4 - Cosmetic', { exact: true }).fill('Next working day');
  await flags.getByLabel('Resolution Time of SEV4 - Cosmetic', { exact: true }).fill('2w');
  await flags.getByLabel('How early a clock turns "due soon"', { exact: true }).fill('2m');
  await flags.getByLabel('Channels an update goes out on', { exact: true }).fill('Status page\nMerchant email');
  await review.getByRole('button', { name: 'Publish imported plan…' }).click();
  const confirm = review.getByRole('group', { name: 'Confirm publishing' });
  await expect(confirm).toContainText('Replace the active plan (Incident Response Plan, version 1.0) with Acme Payments Incident Management Plan, version 3.2?');
  await confirm.getByRole('button', { name: 'Confirm publish' }).click();

  await expect(page.getByRole('status').filter({ hasText: 'Published Acme Payments Incident Management Plan, version 3.2' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Acme Payments Incident Management Plan', level: 1 })).toBeVisible();
  const table = page.getByRole('region', { name: 'Severities' });
  await expect(table.getByRole('row').filter({ hasText: 'SEV4 - Cosmetic' })).toContainText('Next working day (1d)');
  await expect(table.getByRole('row').filter({ hasText: 'SEV1 - Critical' })).toContainText('Executives: every 10m');
  await expect(page.getByRole('region', { name: 'Communication' })).toContainText('Update channels: Status page, Merchant email');
  await expect(page.getByRole('region', { name: 'Import review' })).toHaveCount(0);
  // It stays the active plan after a reload.
  await page.reload();
  await planNav(page);
  await expect(page.getByRole('heading', { name: 'Acme Payments Incident Management Plan', level: 1 })).toBeVisible();
});
