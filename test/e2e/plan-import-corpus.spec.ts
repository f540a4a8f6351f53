// Real incident response documents from the corpus (test/plan/corpus/), imported on the Plan page as a new user
// would: the review says what the plan lacks, explains each remaining error at its input, offers suggestions the
// user accepts one by one, and a user who answers every flag publishes the plan.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, type Locator, type Page } from '@playwright/test';
import { assignRole, expect, firstRun } from './core-steps';

const corpus = (name: string) => readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), `../plan/corpus/${name}.md`));
const planNav = (page: Page) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Plan' }).click();

/** Every suggestion accepted, one by one (each is its own button), then every input still empty answered. */
async function answerEveryFlag(flags: Locator) {
  const suggestions = flags.getByRole('button', { name: /^Use the suggestion for / });
  const n = await suggestions.count();
  for (let i = 0; i < n; i++) await suggestions.nth(i).click();
  for (const box of await flags.getByRole('textbox').all()) {
    if ((await box.inputValue()) !== '') continue;
    const duration = (await box.getAttribute('placeholder'))?.startsWith('e.g. 15m');
    await box.fill(duration ? '1h' : 'Answered in the review');
  }
}

const documents = [
  { file: 'gds-way-incident-management', name: 'How to manage technical incidents', level: 'P1 - Critical', flag: 'Response Time of P4 - Minor', stated: '1 business day (office hours only)', suggested: '1d', inCharge: 'incident lead' },
  { file: 'cloudgov-security-ir', name: 'Security Incident Response Guide', level: '1 - High Severity', flag: 'Who must be notified', stated: null, suggested: null, inCharge: 'Incident Commander (IC)' },
];

for (const doc of documents) {
  test(`${doc.file}: read, its gaps named, its flags answered in the review, published`, async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto('/');
    await firstRun(page, 'Casey');
    await planNav(page);
    await page.getByLabel('Import Markdown plan file').setInputFiles({ name: `${doc.file}.md`, mimeType: 'text/markdown', buffer: corpus(doc.file) });
    const review = page.getByRole('region', { name: 'Import review' });
    await expect(review.getByRole('heading', { name: `Review imported plan: ${doc.name}` })).toBeVisible();
    await expect(review.getByRole('region', { name: 'Imported severities' }).getByRole('row').filter({ hasText: doc.level })).toBeVisible();
    await expect(review.getByRole('region', { name: 'What this plan does not have' })).toContainText('No alert rules: alerts are triaged by hand; nothing is declared automatically.');

    // Publishing now explains each remaining error at its input.
    await review.getByRole('button', { name: 'Publish imported plan…' }).click();
    await expect(review.getByRole('alert').filter({ hasText: 'cannot be published yet' })).toContainText('each marked at its input above');
    const flags = review.getByRole('group', { name: /^Values to fill/ });
    const flagged = flags.getByLabel(doc.flag, { exact: true });
    await expect(flagged).toHaveAccessibleDescription(/Still to fix/);
    if (doc.stated) await expect(flags).toContainText(`The document says: “${doc.stated}”`);
    await review.getByRole('heading', { name: /^Review imported plan/ }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `test-results/plan-import-${doc.file}-1440.png` });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot({ path: `test-results/plan-import-${doc.file}-1920.png` });

    // A suggestion is only used when accepted: the input stays empty until its button is pressed.
    if (doc.suggested) {
      await expect(flagged).toHaveValue('');
      await flags.getByRole('button', { name: `Use the suggestion for ${doc.flag}: ${doc.suggested}` }).click();
      await expect(flagged).toHaveValue(doc.suggested);
    }
    await answerEveryFlag(flags);
    await review.getByRole('button', { name: 'Publish imported plan…' }).click();
    const confirm = review.getByRole('group', { name: 'Confirm publishing' });
    await expect(confirm).toContainText(`with ${doc.name}`);
    await confirm.getByRole('button', { name: 'Confirm publish' }).click();
    await expect(page.getByRole('status').filter({ hasText: `Published ${doc.name}` })).toBeVisible();
    await expect(page.getByRole('heading', { name: doc.name, level: 1 })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Severities' }).getByRole('row').filter({ hasText: doc.level })).toBeVisible();

    // The role the document puts in charge, under its own name, is the one command follows in an incident run on it.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Incidents', exact: true }).click();
    await page.getByRole('button', { name: 'Declare incident' }).click();
    await page.getByLabel('Title').fill('Checkout errors');
    await page.getByRole('radio').first().check();
    await page.getByRole('button', { name: 'Declare and open console' }).click();
    await expect(page.getByRole('heading', { name: 'Checkout errors', exact: true })).toBeVisible();
    const command = page.getByRole('region', { name: 'Command' });
    await expect(command).toContainText('No incident commander assigned');
    await assignRole(page, doc.inCharge, 'Casey');
    await expect(command).toContainText('IC: Casey');
    await expect(command.getByRole('button', { name: 'Hand over command' })).toBeVisible();
  });
}

test('pagerduty-during-an-incident: a document with no severity levels gets them from rows the user adds, with the update cadence it states', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/');
  await firstRun(page, 'Casey');
  await planNav(page);
  await page.getByLabel('Import Markdown plan file').setInputFiles({ name: 'during_an_incident.md', mimeType: 'text/markdown', buffer: corpus('pagerduty-during-an-incident') });
  const review = page.getByRole('region', { name: 'Import review' });
  await expect(review.getByRole('region', { name: 'Imported team' })).toContainText('Customer Liaison');
  const flags = review.getByRole('group', { name: /^Values to fill/ });
  await flags.getByRole('button', { name: 'Add level to Severity levels' }).click();
  await flags.getByRole('button', { name: 'Add level to Severity levels' }).click();
  const levels = [['SEV-1', 'Critical', 'Customers cannot use the product', '5m', '1h', 'Page an IC'], ['SEV-2', 'Major', 'Many customers impaired', '15m', '4h', 'Page an IC']];
  for (const [i, values] of levels.entries()) {
    const row = flags.getByRole('group', { name: `Severity levels: level ${i + 1}` });
    for (const [k, field] of ['id', 'name', 'definition', 'response time', 'resolution time', 'escalation'].entries()) await row.getByLabel(`level ${i + 1} ${field}`).fill(values[k] as string);
  }
  await answerEveryFlag(flags);
  await review.getByRole('button', { name: 'Publish imported plan…' }).click();
  await review.getByRole('group', { name: 'Confirm publishing' }).getByRole('button', { name: 'Confirm publish' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Published Answered in the review' })).toBeVisible();
  const table = page.getByRole('region', { name: 'Severities' });
  await expect(table.getByRole('row').filter({ hasText: 'SEV-1 - Critical' })).toContainText('Executive team: every 30m');
  await expect(table.getByRole('row').filter({ hasText: 'SEV-2 - Major' })).toContainText('Executive team: every 30m');
});

test('counteractive-ir-plan-during: a template\'s placeholders are named where times belong, never read as times; its roles come from the team structure; answered and published', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/');
  await firstRun(page, 'Casey');
  await planNav(page);
  await page.getByLabel('Import Markdown plan file').setInputFiles({ name: 'during.md', mimeType: 'text/markdown', buffer: corpus('counteractive-ir-plan-during') });
  const review = page.getByRole('region', { name: 'Import review' });
  // Its title is the template's ("... for `COMPANY_NAME`"): no name to run incidents under, so the review asks for one.
  await expect(review.getByRole('heading', { name: 'Review imported plan: during.md' })).toBeVisible();
  const team = review.getByRole('region', { name: 'Imported team' });
  for (const role of ['Incident Commander', 'Deputy Incident Commander', 'Scribe', 'Liaison', 'Subject Matter Experts']) await expect(team).toContainText(role);
  const steps = review.getByRole('region', { name: 'Imported steps' });
  for (const step of ['Assess', 'Initiate Response', 'Investigate', 'Remediate', 'Communicate']) await expect(steps).toContainText(step);

  // "every `UPDATE_FREQUENCY`" and "within `INCIDENT_COMMANDER_RESPONSE_SLA`" are named as placeholders, with their lines.
  await review.getByText(/^Times the document states that the plan has no clock for/).click();
  const times = review.getByRole('list', { name: 'Times the plan has no clock for' });
  await expect(times).toContainText('"every UPDATE_FREQUENCY" is a placeholder where the document should state a time');
  await expect(times).toContainText('"within INCIDENT_COMMANDER_RESPONSE_SLA" is a placeholder where the document should state a time');
  await review.getByRole('heading', { name: /^Review imported plan/ }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/plan-import-counteractive-1440.png' });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: 'test-results/plan-import-counteractive-1920.png' });

  // The commander's response time is the user's to give (the template has only a placeholder): nothing is filled in.
  const flags = review.getByRole('group', { name: /^Values to fill/ });
  const icResponse = flags.getByLabel('Response time of Incident Commander', { exact: true });
  await expect(icResponse).toHaveValue('');
  await icResponse.fill('15m');
  // The template assesses only "incident or not": the console runs one level at least, added as a row.
  await flags.getByRole('button', { name: 'Add level to Severity levels' }).click();
  const level = flags.getByRole('group', { name: 'Severity levels: level 1' });
  for (const [field, value] of [['id', 'INCIDENT'], ['name', 'Incident'], ['definition', 'Mission degraded or information accessed'], ['response time', '15m'], ['resolution time', '1d'], ['escalation', 'Page the Incident Commander']]) await level.getByLabel(`level 1 ${field as string}`).fill(value as string);
  const name = flags.getByLabel('Plan name', { exact: true });
  await expect(name).toHaveValue('');
  await expect(flags).toContainText('The document says: “Incident Response Plan for `COMPANY_NAME`”');
  await name.fill('Incident Response Plan for Acme Freight');
  await answerEveryFlag(flags);
  await review.getByRole('button', { name: 'Publish imported plan…' }).click();
  await review.getByRole('group', { name: 'Confirm publishing' }).getByRole('button', { name: 'Confirm publish' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Published Incident Response Plan for Acme Freight' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Incident Response Plan for Acme Freight', level: 1 })).toBeVisible();
});
