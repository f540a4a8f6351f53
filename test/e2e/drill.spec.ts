// A facilitator runs the "Database Connection Pool Exhausted" drill: two injects arrive on schedule (time driven
// by Playwright's clock, no real waiting), the commander responds in the real console, the debrief scorecard
// shows the figures, the report exports as a drill, and the drill stays out of the incident list and metrics.
import { test, expect, type Page } from '@playwright/test';
import { startConsole, timelineRows } from './core-steps';

const START = new Date('2026-03-04T10:00:00Z');
const SCRIPT = 'Database Connection Pool Exhausted';
const DRILL = `Drill: ${SCRIPT}`;

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name, exact: true });
const injects = (page: Page) => page.getByRole('list', { name: 'Injects' }).getByRole('listitem');
const inject = (page: Page, title: string) => injects(page).filter({ hasText: title });
const figure = (page: Page, name: string) => page.getByRole('table', { name: 'Scorecard' }).getByRole('row', { name: new RegExp(`^${name} `) });
const stepButton = (page: Page, title: string) => page.getByRole('region', { name: 'Steps' }).getByRole('button', { name: new RegExp(`^\\d+\\. ${title}`) });

async function openStep(page: Page, title: string) {
  const button = stepButton(page, title);
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
}

test('drill: scheduled injects, commander response, scorecard, report, kept out of real metrics', async ({ page }) => {
  await startConsole(page, START, 'Fran Facilitator');

  // Start a drill from the script: a drill incident with the opening situation, the exercise clock running.
  await nav(page, 'Drills').click();
  await page.getByRole('button', { name: `Start drill: ${SCRIPT}` }).click();
  await expect(page.getByRole('heading', { name: `Facilitating: ${DRILL}` })).toBeVisible();
  await expect(page.getByLabel('Exercise phase')).toHaveText('running');
  await expect(inject(page, 'Error rate 7% and rising')).toContainText('not fired yet');
  await expect(page.getByLabel('Next inject')).toContainText('Error rate 7% and rising at T+5 min');

  // T+5: the first inject fires on schedule, the second is still pending.
  await page.clock.fastForward('05:00');
  await expect(inject(page, 'Error rate 7% and rising')).toContainText(/fired at T\+05:0\d/);
  await expect(inject(page, 'Connection pool exhausted on db-2')).toContainText('not fired yet');

  // The commander sees it in the console timeline, marked as an inject, and classifies the drill.
  await page.getByRole('button', { name: 'Open console' }).click();
  await expect(page.getByRole('heading', { name: DRILL })).toBeVisible();
  await expect(page.getByText('DRILL', { exact: true }).first()).toBeVisible();
  await expect(timelineRows(page).filter({ hasText: 'Opening situation: Monitoring alert' })).toHaveCount(1);
  await expect(timelineRows(page).filter({ hasText: '7.2% of API requests failing' })).toContainText('Inject');
  await page.getByRole('button', { name: 'Classify' }).click();
  const classify = page.getByRole('form', { name: 'Classify incident' });
  await classify.getByRole('radio', { name: 'P1 High' }).check();
  await classify.getByLabel('Category').selectOption({ label: 'Infrastructure' });
  await classify.getByRole('button', { name: 'Save classification' }).click();
  await openStep(page, 'Incident Classification');
  const steps = page.getByRole('region', { name: 'Steps' });
  await steps.getByRole('checkbox', { name: 'Severity Level: P0, P1, P2, or P3' }).check();
  await openStep(page, 'Escalation & Notification');
  await steps.getByRole('checkbox', { name: 'Page on-call engineer within 15 minutes (Slack + email)' }).check();
  await expect(stepButton(page, 'Escalation & Notification')).toContainText('1/5');

  // Back to the facilitator (the Drills page returns to the view left): T+10, the second inject fires on schedule.
  await nav(page, 'Drills').click();
  await expect(page.getByRole('heading', { name: `Facilitating: ${DRILL}` })).toBeVisible();
  await page.clock.fastForward('05:00');
  await expect(inject(page, 'Connection pool exhausted on db-2')).toContainText(/fired at T\+10:0\d/);
  await expect(inject(page, 'Stakeholder asks for an ETA')).toContainText('not fired yet');
  await page.getByRole('textbox', { name: 'Observation' }).fill('IC paged on-call quickly; no user update yet');
  await page.getByRole('button', { name: 'Add observation' }).click();

  // The commander answers the second inject with a stakeholder update.
  await page.getByRole('button', { name: 'Open console' }).click();
  await expect(timelineRows(page).filter({ hasText: 'db-2 connection pool at 100%' })).toContainText('Inject');
  const comms = page.getByRole('region', { name: 'Communications' });
  await comms.getByLabel('Audience').selectOption({ label: 'Stakeholders' });
  await comms.getByLabel('Update text').fill('DRILL: db-2 connection pool exhausted; killing long-running queries.');
  await comms.getByRole('button', { name: 'Post update' }).click();
  await expect(comms.getByRole('status')).toContainText('Posted to Stakeholders');

  // The facilitator ends the exercise and opens the debrief scorecard; the drill is listed on the Drills page.
  await nav(page, 'Drills').click();
  await page.getByRole('button', { name: 'Back to drills' }).click();
  await expect(page.getByRole('region', { name: 'Drills held' })).toContainText(DRILL);
  await page.getByRole('button', { name: `Facilitate ${DRILL}` }).click();
  await page.getByRole('button', { name: 'End exercise' }).click();
  await expect(page.getByLabel('Exercise phase')).toHaveText('ended');
  await page.getByRole('button', { name: 'Debrief scorecard' }).click();
  await expect(page.getByRole('heading', { name: `Debrief: ${DRILL}` })).toBeVisible();
  await expect(figure(page, 'Time to classify')).toContainText(/5 min( \d+ s)? \(P1\)/);
  await expect(figure(page, 'Severity matched')).toContainText('Yes');
  await expect(figure(page, 'Severity P1')).toContainText('P1 (expected P1)');
  await expect(figure(page, 'Time to first stakeholders update')).toContainText(/10 min/);
  await expect(figure(page, 'Time to first users update')).toContainText('not done');
  await expect(figure(page, 'Stakeholders update cadence')).toContainText('1 of 1 on time (0 late, 0 missed)');
  await expect(figure(page, 'Roles filled')).toContainText('0 of 5');
  await expect(figure(page, 'Clock breaches')).toContainText('0');
  const checklist = page.getByRole('region', { name: 'Checklist completion' });
  await expect(checklist.getByRole('row', { name: /Incident Classification/ })).toContainText('1/4');
  await expect(checklist.getByRole('row', { name: /Escalation & Notification/ })).toContainText('1/5');
  const responses = page.getByRole('region', { name: 'Injects and expected responses' });
  await expect(responses).toContainText('Severity P1: met');
  // The plan's names, never its internal ids.
  await expect(responses).toContainText(/2\. Incident Classification: Severity Level: P0, P1, P2, or P3: done after/);
  await expect(responses).not.toContainText('classify.severity');
  await expect(responses).toContainText(/Update to stakeholders: posted after/);
  await expect(page.getByRole('region', { name: 'Facilitator observations' })).toContainText('IC paged on-call quickly');

  // The drill report exports as Markdown, named and headed as a drill.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export drill report' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^DRILL-report-2026-03-04-.*\.md$/);
  const stream = await file.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const markdown = Buffer.concat(chunks).toString('utf8');
  expect(markdown.split('\n')[0]).toBe(`# DRILL Report: ${DRILL}`);
  expect(markdown).toContain('- Severity: P1; expected P1; matched: yes');
  expect(markdown).toMatch(/- 2\. Incident Classification: Severity Level: P0, P1, P2, or P3: done after/);
  expect(markdown).not.toContain('classify.severity');

  // Listed under Drills, never among real incidents; left out of the metrics unless asked for.
  await nav(page, 'Incidents').click();
  await expect(page.getByRole('region', { name: 'Drills' })).toContainText(DRILL);
  await expect(page.getByRole('region', { name: 'Active incidents' })).not.toContainText(DRILL);
  await expect(page.getByRole('region', { name: 'Resolved and closed' })).not.toContainText(DRILL);
  await nav(page, 'Metrics').click();
  await expect(page.getByLabel('Incidents counted')).toHaveText('0 incidents');
  await page.getByRole('checkbox', { name: 'Include drills' }).check();
  await expect(page.getByLabel('Incidents counted')).toHaveText('1 incident');
});

test('pausing the exercise clock holds the injects back; resuming picks the schedule up again', async ({ page }) => {
  await startConsole(page, START, 'Fran Facilitator');
  await nav(page, 'Drills').click();
  await page.getByRole('button', { name: `Start drill: ${SCRIPT}` }).click();
  // The start is recorded asynchronously: let it land before moving time on.
  await expect(page.getByLabel('Exercise phase')).toHaveText('running');
  await page.clock.fastForward('02:00');
  await page.getByRole('button', { name: 'Pause exercise' }).click();
  await expect(page.getByLabel('Exercise phase')).toHaveText('paused');
  await expect(page.getByLabel('Next inject')).toContainText('(clock paused)');
  await page.clock.fastForward('20:00');
  await expect(page.getByLabel('Exercise time')).toHaveText(/T\+02:0\d/);
  await expect(inject(page, 'Error rate 7% and rising')).toContainText('not fired yet');
  await page.getByRole('button', { name: 'Resume exercise' }).click();
  await expect(page.getByLabel('Exercise phase')).toHaveText('running');
  await page.clock.fastForward('03:00');
  await expect(inject(page, 'Error rate 7% and rising')).toContainText(/fired at T\+05:0\d/);
  await expect(inject(page, 'Connection pool exhausted on db-2')).toContainText('not fired yet');
  // Fire the next inject early: it arrives now, the one after keeps its T+N.
  await page.getByRole('button', { name: 'Fire next inject now' }).click();
  await expect(inject(page, 'Connection pool exhausted on db-2')).toContainText(/fired at T\+05:0\d/);
  await expect(page.getByLabel('Next inject')).toContainText('Stakeholder asks for an ETA at T+20 min');
});

test('scripts import (refused with path and reason), tabletop prompts and decisions, training log', async ({ page }) => {
  await startConsole(page, START, 'Fran Facilitator');
  await nav(page, 'Drills').click();

  // An invalid script is refused with the path and the reason; a valid one is added to the library.
  const script = {
    id: 'checkout-slow', title: 'Checkout slow on Black Friday', scenarioId: 'db-connection-pool-exhausted',
    openingSituation: 'Checkout p95 is 3 s and climbing during the sale.', expectedSeverity: 'P1',
    injects: [
      { id: 'p95-6s', atMinute: 5, title: 'p95 at 6 seconds', text: 'Checkout p95 response time is now 6.1 s.', expected: { severity: 'P1' } },
      { id: 'cfo-calls', atMinute: 10, title: 'The CFO calls', text: 'The CFO asks how much revenue is being lost.', expected: { updatesDue: ['stakeholders'] } },
    ],
  };
  const upload = page.getByLabel('Import scripts (JSON)');
  const bad = { ...script, injects: [{ ...script.injects[0], atMinute: 'five' }] };
  await upload.setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
  await expect(page.getByRole('status').filter({ hasText: 'Import refused' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('injects[0].atMinute:');
  await expect(page.getByRole('button', { name: 'Start drill: Checkout slow on Black Friday' })).toHaveCount(0);
  await upload.setInputFiles({ name: 'good.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify([script])) });
  await expect(page.getByRole('status').filter({ hasText: 'Imported 1 script' })).toBeVisible();

  // Tabletop: prompts are walked through by hand, decisions recorded, no live exercise clock.
  await page.getByRole('button', { name: 'Start tabletop: Checkout slow on Black Friday' }).click();
  await expect(page.getByRole('heading', { name: 'Facilitating: Drill: Checkout slow on Black Friday' })).toBeVisible();
  await expect(page.getByLabel('Exercise time')).toHaveCount(0);
  await page.clock.fastForward('30:00');
  await expect(inject(page, 'p95 at 6 seconds')).toContainText('not fired yet');
  await page.getByRole('button', { name: 'Present next prompt' }).click();
  await expect(page.getByLabel('Current prompt')).toContainText('Checkout p95 response time is now 6.1 s.');
  await page.getByRole('textbox', { name: 'Decision' }).fill('Declare P1 and page the DBA');
  await page.getByRole('button', { name: 'Record decision' }).click();
  await expect(page.getByRole('list', { name: 'Decisions' })).toContainText('Declare P1 and page the DBA');
  await page.getByRole('button', { name: 'Present next prompt' }).click();
  await expect(page.getByLabel('Current prompt')).toContainText('The CFO asks');
  await expect(page.getByRole('button', { name: 'Present next prompt' })).toHaveCount(0);
  await page.getByRole('button', { name: 'End exercise' }).click();

  // The training log counts the tabletop; a training session can be recorded; drills are due now.
  await page.getByRole('button', { name: 'Back to drills' }).click();
  await page.getByRole('button', { name: 'Training log' }).click();
  const log = page.getByRole('table', { name: 'Training log' });
  await expect(log.getByRole('row', { name: /^Tabletop Exercises/ })).toContainText('Quarterly1');
  await expect(log.getByRole('row', { name: /^Incident Drills/ })).toContainText('due now');
  await page.getByLabel('Held at').fill('2026-03-02 14:00');
  await page.getByRole('button', { name: 'Record training' }).click();
  await expect(log.getByRole('row', { name: /^Incident Response Training/ })).toContainText('Quarterly1');
  await expect(log.getByRole('row', { name: /^Incident Response Training/ })).toContainText('Jun 2, 2026');
});
