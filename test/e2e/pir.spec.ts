// The post-incident review: resolve an incident, open its review, find the computed times filled in,
// write the root cause, add action items, export Markdown, PDF and the archive; import the archive
// elsewhere (idempotent) and see a tampered one refused. Time is driven by Playwright's clock.
import { test, expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { acknowledgeAs, assignRole, becomePerson, declareP1, firstRun, startConsole } from './core-steps';

test.use({ timezoneId: 'UTC', acceptDownloads: true });

const START = new Date('2026-03-04T10:00:00Z');
const TITLE = 'Checkout errors';
const ROOT_CAUSE = 'Release 4.2.1 halved the database connection pool size.';

async function setStatus(page: Page, status: string) {
  await page.getByRole('button', { name: 'Change status' }).click();
  const form = page.getByRole('form', { name: 'Change status' });
  await form.getByLabel('New status').selectOption(status);
  if (status === 'resolved') {
    // Resolved 20 minutes into the plan's 30-minute recurrence watch: the form quotes the plan and asks to confirm.
    await expect(form.getByRole('note', { name: 'Recurrence watch' })).toContainText('Monitor for 30 minutes for recurrence');
    await form.getByRole('button', { name: 'Apply status' }).click();
    await expect(form.getByRole('alert')).toContainText('Resolve without the full recurrence watch');
    await form.getByRole('checkbox', { name: 'Resolve without the full recurrence watch' }).check();
  }
  await page.getByRole('button', { name: 'Apply status' }).click();
  // The form closes once the change is recorded: only then may the test clock move on.
  await expect(form).toHaveCount(0);
}

async function download(page: Page, button: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return readFileSync(await file.path(), 'utf8');
}

test('review of a resolved incident: computed times, root cause, action items, Markdown, PDF and archive', async ({ page, browser }, testInfo) => {
  await startConsole(page, START, 'Dana IC');
  await declareP1(page, TITLE);

  // The commander takes command and names the on-call at once; the on-call acknowledges at +4 min on their own
  // console (this laptop, handed over: two laptops in record-acknowledge.spec.ts); mitigated at +30, resolved at +50.
  await assignRole(page, 'Incident Commander', 'Dana IC');
  await assignRole(page, 'On-Call Engineer', 'Grace');
  await page.clock.fastForward('04:00');
  await becomePerson(page, 'Grace', TITLE);
  await acknowledgeAs(page, 'On-Call Engineer');
  await becomePerson(page, 'Dana IC', TITLE);
  await page.clock.fastForward('26:00');
  await setStatus(page, 'monitoring');
  await page.clock.fastForward('20:00');
  await setStatus(page, 'resolved');

  // The review, from the Reviews page.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Reviews' }).click();
  await page.getByRole('button', { name: `Open review of ${TITLE}` }).click();
  await expect(page.getByRole('heading', { name: `Post-incident review: ${TITLE}` })).toBeVisible();

  // Computed before anyone types.
  await expect(page.getByLabel('Duration', { exact: true })).toHaveValue('30 minutes');
  await expect(page.getByLabel('Detection time')).toHaveValue('0 minutes');
  await expect(page.getByLabel('Response time', { exact: true })).toHaveValue('4 minutes');
  await expect(page.getByLabel('Resolution time', { exact: true })).toHaveValue('50 minutes');
  const timeline = page.getByRole('list', { name: 'Review timeline' });
  for (const milestone of ['Incident detected', 'Investigation started', 'Incident Commander assigned: Dana IC', 'Mitigation implemented', 'Incident resolved']) {
    await expect(timeline).toContainText(milestone);
  }
  await expect(page.getByRole('list', { name: 'Targets' })).toContainText('Resolution target (P1): met');

  // The root cause is saved when the field loses focus, and becomes a milestone.
  await page.getByRole('textbox', { name: 'Root cause', exact: true }).fill(ROOT_CAUSE);
  await page.getByRole('textbox', { name: 'Root cause', exact: true }).press('Tab');
  await expect(timeline).toContainText('Root cause identified');

  // Two action items.
  const add = page.getByRole('form', { name: 'Add action item' });
  await add.getByLabel('Action').fill('Alert on connection pool usage');
  await add.getByLabel('Owner').fill('Sam');
  await add.getByLabel('Deadline').fill('2026-03-11');
  await add.getByRole('button', { name: 'Add action item' }).click();
  await add.getByLabel('Action').fill('Canary config changes');
  await add.getByLabel('Owner').fill('Kim');
  await add.getByRole('button', { name: 'Add action item' }).click();
  const actions = page.getByRole('table', { name: 'Action items' });
  await expect(actions.getByRole('row')).toHaveCount(3);

  await page.getByLabel('Review status').selectOption('in-review');

  // Markdown export follows the plan's template.
  const markdown = await download(page, 'Export Markdown');
  expect(markdown).toContain(`# Post-Incident Review: ${TITLE}\n`);
  for (const heading of ['Timeline', 'Root Cause Analysis', 'Impact', 'Response Effectiveness', 'Lessons Learned', 'Action Items', 'Prevention']) {
    expect(markdown).toContain(`\n## ${heading}\n`);
  }
  expect(markdown).toContain('- 2026-03-04 10:50 UTC: Incident resolved');
  expect(markdown).toContain('- Duration: 30 minutes');
  expect(markdown).toContain('- Response time: 4 minutes');
  expect(markdown).toContain('- Resolution time: 50 minutes');
  expect(markdown).toContain(`## Root Cause Analysis\n\n${ROOT_CAUSE}\n`);
  expect(markdown).toContain('1. Alert on connection pool usage - Owner: Sam - Deadline: 2026-03-11');
  expect(markdown).toContain('2. Canary config changes - Owner: Kim - Deadline: none');
  expect(markdown).toContain('Review status: in-review');

  // PDF: the print styles leave just the review document; its text has the sections and computed times.
  const pdfPath = testInfo.outputPath('pir.pdf');
  await page.pdf({ path: pdfPath, format: 'A4' });
  const pdfText = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
  for (const text of [`Post-Incident Review: ${TITLE}`, 'Timeline', 'Root Cause Analysis', 'Response Effectiveness', 'Prevention',
    'Duration: 30 minutes', 'Resolution time: 50 minutes', 'Response time: 4 minutes', ROOT_CAUSE]) {
    expect(pdfText).toContain(text);
  }
  expect(pdfText).not.toContain('Export Markdown');

  // Timeline CSV.
  const csv = await download(page, 'Export timeline CSV');
  expect(csv.split('\r\n')[0]).toBe('Occurred at,Recorded at,Actor,Kind,Event type,Text,Starred,Retracted,Amended');
  expect(csv).toContain('status.changed,Status: resolved');

  // The archive holds every event, the plan and a content hash.
  const archiveJson = await download(page, 'Export archive');
  const archive = JSON.parse(archiveJson);
  expect(archive).toMatchObject({ format: 'incident-console-archive', version: 1 });
  expect(archive.contentHash).toMatch(/^[0-9a-f]{64}$/);
  expect(archive.plan.pir.sections.length).toBeGreaterThan(0);
  const types: string[] = archive.events.map((e: { type: string }) => e.type);
  expect(types.filter((t) => t === 'action.created')).toHaveLength(2);
  expect(archive.events.some((e: { type: string; payload: { field?: string; value?: string } }) => e.type === 'pir.edited' && e.payload.field === 'rootCause' && e.payload.value === ROOT_CAUSE)).toBe(true);
  // Every entry signed by this console's key (Ed25519 in Chromium), which the archive names: it proves who wrote what.
  expect(archive.events.every((e: { sig?: string }) => /^[A-Za-z0-9_-]{86}$/.test(e.sig ?? ''))).toBe(true);
  expect(Object.values(archive.signers.devices)).toEqual([expect.stringMatching(/^[A-Za-z0-9_-]{43}$/)]);

  // Import on another machine (a fresh browser context): validated, then idempotent; a tampered copy is refused, and so
  // is one whose hash was recomputed after the edit (the signature gives it away).
  const archivePath = testInfo.outputPath('archive.json');
  writeFileSync(archivePath, archiveJson);
  const tamperedPath = testInfo.outputPath('tampered.json');
  const tampered = JSON.parse(archiveJson);
  const edit = tampered.events.find((e: { type: string; payload: { field?: string } }) => e.type === 'pir.edited' && e.payload.field === 'rootCause');
  edit.payload.value = 'Someone else did it';
  writeFileSync(tamperedPath, JSON.stringify(tampered));

  const other = await browser.newContext({ timezoneId: 'UTC' });
  const page2 = await other.newPage();
  await page2.goto('/');
  await firstRun(page2, 'Reviewer');
  await page2.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Reviews' }).click();
  await expect(page2.getByText('No resolved incidents yet.')).toBeVisible();
  const input = page2.getByLabel('Import incident archive');

  await input.setInputFiles(tamperedPath);
  await expect(page2.getByRole('alert')).toContainText('contentHash');
  await expect(page2.getByRole('alert')).toContainText('Nothing was imported');
  await expect(page2.getByText('No resolved incidents yet.')).toBeVisible();

  const rehashed = await page2.evaluate(async (text) => {
    const json = JSON.parse(text) as { events: Array<{ id: string }>; contentHash: string };
    const canonical = (v: unknown): string => (v === null || typeof v !== 'object' ? JSON.stringify(v)
      : Array.isArray(v) ? `[${v.map(canonical).join(',')}]`
        : `{${Object.keys(v).filter((k) => (v as Record<string, unknown>)[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`);
    const sorted = [...json.events].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonical(sorted)));
    json.contentHash = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
    return JSON.stringify(json);
  }, JSON.stringify(tampered));
  const rehashedPath = testInfo.outputPath('rehashed.json');
  writeFileSync(rehashedPath, rehashed);
  await input.setInputFiles(rehashedPath);
  await expect(page2.getByRole('alert')).toContainText('sig: does not verify with its signer\'s key in the archive');
  await expect(page2.getByText('No resolved incidents yet.')).toBeVisible();

  await input.setInputFiles(archivePath);
  await expect(page2.getByRole('status').filter({ hasText: `Imported ${archive.events.length} events` })).toContainText(`Signatures: ${archive.events.length} signed by their authors.`);
  await input.setInputFiles(archivePath);
  await expect(page2.getByRole('status').filter({ hasText: 'every event is already here' })).toBeVisible();
  await page2.getByRole('button', { name: `Open review of ${TITLE}` }).click();
  await expect(page2.getByRole('textbox', { name: 'Root cause', exact: true })).toHaveValue(ROOT_CAUSE);
  await expect(page2.getByLabel('Resolution time', { exact: true })).toHaveValue('50 minutes');
  await expect(page2.getByRole('table', { name: 'Action items' }).getByRole('row')).toHaveCount(3);
  // The timeline keeps the authors and says who brought the entries in.
  await page2.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Incidents' }).click();
  await page2.getByRole('button', { name: TITLE, exact: true }).click();
  const imported = page2.locator('.tl-author').filter({ hasText: 'imported by Reviewer' });
  await expect(imported.first()).toContainText('Dana IC');
  await other.close();

  // Open action items appear on the cross-incident list; the metrics page counts the incident.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Actions' }).click();
  await expect(page.getByRole('table', { name: 'Open action items' }).getByRole('row')).toHaveCount(3);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Metrics' }).click();
  await expect(page.getByRole('table', { name: 'Response times by severity' }).getByRole('row', { name: /^P1/ })).toContainText('50 min');
});

test('breach record of a security incident: the 72-hour clock until the authority is notified, in the review', async ({ page }) => {
  await startConsole(page, START, 'Dana IC');
  await declareP1(page, 'Customer data exposed');
  await page.getByRole('button', { name: 'Classify' }).click();
  const classify = page.getByRole('form', { name: 'Classify incident' });
  await classify.getByLabel('Category').selectOption({ label: 'Security' });
  await classify.getByRole('button', { name: 'Save classification' }).click();
  await page.clock.fastForward('40:00');
  await setStatus(page, 'resolved');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Reviews' }).click();
  await page.getByRole('button', { name: 'Open review of Customer data exposed' }).click();
  const breach = page.getByRole('form', { name: 'Breach record' });
  await expect(page.getByRole('timer', { name: 'Breach notification clock' })).toContainText('Notify the authority within');
  await breach.getByLabel('Supervisory authority').fill('CNIL');
  await breach.getByLabel('Authority notified at').fill('2026-03-05 09:00');
  await breach.getByLabel('Evidence preserved').check();
  await breach.getByRole('button', { name: 'Save breach record' }).click();
  await expect(breach.getByRole('status')).toHaveText('Breach record saved.');
  await expect(page.getByRole('timer', { name: 'Breach notification clock' })).toHaveCount(0);
  await expect(page.getByText('Authority notified within the 72h window.')).toBeVisible();

  await page.getByLabel('Review status').selectOption('final');
  // The select follows the stored status: once it reads final, the export sees it (no race with the write).
  await expect(page.getByLabel('Review status')).toHaveValue('final');
  const markdown = await download(page, 'Export Markdown');
  expect(markdown).toContain('- Authority notified (CNIL): 2026-03-05 09:00 UTC');
  expect(markdown).toContain('- Evidence preserved: yes');
  expect(markdown).toContain('Review status: final');

  await page.getByRole('button', { name: 'All reviews' }).click();
  const row = page.getByRole('table', { name: 'Reviews' }).getByRole('row', { name: /Customer data exposed/ });
  await expect(row).toContainText('final');
  await expect(row).toContainText('done');
});
