// A commander walks a P1 with the response panels: escalation checks, a runbook, clocks that go overdue and
// restart when an update is posted, a snooze with a reason, a severity change that re-computes targets, roles,
// and a reload that keeps all of it. Time is driven by Playwright's clock (no real waiting).
import { test, expect, type Page } from '@playwright/test';
import { attentionAlert, attentionStrip, declareP1, firstRun, notificationTitles, recordNotifications, timelineRows } from './core-steps';

const START = new Date('2026-03-04T10:00:00Z'); // A Wednesday: Engineer A's on-call week (rotation anchored 2026-01-05).
const TITLE = 'Database connection pool exhausted';

const clock = (page: Page, label: string | RegExp) => page.getByRole('region', { name: 'Clocks' }).getByRole('article', { name: label });
const stepButton = (page: Page, title: string) => page.getByRole('region', { name: 'Steps' }).getByRole('button', { name: new RegExp(`^\\d+\\. ${title}`) });
const role = (page: Page, name: string) => page.getByRole('region', { name: 'Roles' }).getByRole('article', { name });

test('commander walk: checks, runbook, update restarts its clock, snooze, P1 to P0, roles, reload', async ({ page }) => {
  await page.clock.install({ time: START });
  // Stand-in for the OS notification centre (the browser build's fallback uses the Notification API).
  await recordNotifications(page);
  const notified = async (title: string) => (await notificationTitles(page)).filter((n) => n === title).length;
  await page.goto('/');
  await firstRun(page, 'Dana IC');
  await declareP1(page, TITLE);

  // Step 3 shows the P1 escalation checklist; each check is logged with who and when.
  const escalation = stepButton(page, 'Escalation & Notification');
  await expect(escalation).toContainText('0/5');
  if ((await escalation.getAttribute('aria-expanded')) !== 'true') await escalation.click();
  const steps = page.getByRole('region', { name: 'Steps' });
  await steps.getByRole('checkbox', { name: 'Page on-call engineer within 15 minutes (Slack + email)' }).check();
  await steps.getByRole('checkbox', { name: 'Create incident ticket' }).check();
  await expect(escalation).toContainText('2/5');
  await expect(steps.getByRole('group', { name: 'P1 (High) escalation checklist' }).getByRole('listitem').filter({ hasText: 'Create incident ticket' })).toContainText('by Dana IC at');
  // The ticks collapse into one timeline line for the step, which expands to show each tick.
  const ticks = timelineRows(page).filter({ hasText: /Step 3 \(Escalation & Notification\): 2 of 5 checked by Dana IC, \d\d:\d\d/ });
  await expect(ticks).toHaveCount(1);
  await expect(timelineRows(page).filter({ hasText: 'Checked (Escalation & Notification): Create incident ticket' })).toHaveCount(0);
  await ticks.getByRole('button', { name: /^Show 2 ticks: Step 3/ }).click();
  await expect(timelineRows(page).filter({ hasText: 'Checked (Escalation & Notification): Create incident ticket' })).toHaveCount(1);
  await steps.getByRole('checkbox', { name: 'Create incident ticket' }).uncheck();
  await expect(escalation).toContainText('1/5');
  await steps.getByRole('checkbox', { name: 'Create incident ticket' }).check();
  await expect(escalation).toContainText('2/5');

  // Attach the plan's runbook for the scenario.
  await steps.getByLabel('Runbook').selectOption({ label: '1. Database Connection Pool Exhausted' });
  await steps.getByRole('button', { name: 'Attach runbook' }).click();
  const runbook = steps.getByRole('article', { name: 'Runbook: Database Connection Pool Exhausted' });
  await expect(runbook.getByRole('heading', { name: 'Symptoms' })).toBeVisible();
  await expect(runbook.getByRole('group', { name: 'Mitigation' })).toBeVisible();
  await runbook.getByRole('checkbox', { name: 'Check for long-running queries' }).check();
  await runbook.getByRole('checkbox', { name: 'Kill long-running queries' }).check();
  await expect(runbook.getByRole('heading', { level: 4 })).toContainText('2/8');
  await timelineRows(page).getByRole('button', { name: /^Show 2 ticks: Runbook \(Database Connection Pool Exhausted\): 2 checked/ }).click();
  await expect(timelineRows(page).filter({ hasText: 'Checked (Runbook: Database Connection Pool Exhausted): Kill long-running queries' })).toHaveCount(1);

  // The first stakeholder update is owed 15 minutes after detection (P1).
  const stakeholders = clock(page, 'Next stakeholders update');
  await expect(stakeholders).toContainText('OK');
  await page.clock.fastForward('11:00');
  await expect(stakeholders).toContainText('Due soon');
  await page.clock.fastForward('05:00');
  await expect(stakeholders).toContainText('Overdue');
  await expect(stakeholders).toContainText(/overdue by \d+m/);
  // The attention strip shows the most urgent alert (the response target, due first) and the rest on demand.
  const strip = attentionStrip(page);
  await expect(strip.getByRole('article').first()).toHaveAccessibleName(/^Response target \(P1/);
  await expect(strip.getByRole('article')).toHaveCount(1);
  await expect(await attentionAlert(page, 'Next stakeholders update')).toContainText('Overdue');
  // Notified once per clock state, however many seconds tick by; the tray (page title in a browser) shows it.
  await expect.poll(() => notified('Overdue: Next stakeholders update')).toBe(1);
  await page.clock.fastForward('00:30');
  expect(await notified('Overdue: Next stakeholders update')).toBe(1);
  expect(await notified('Due soon: Next stakeholders update')).toBe(1);
  await expect(page).toHaveTitle(/^\(overdue\) Overdue: /);
  // Dismissing hides the strip entry; the clock itself stays overdue (the incident is not acknowledged).
  await strip.getByRole('button', { name: /^Dismiss alert: Response target/ }).click();
  await expect(strip.getByRole('article', { name: /^Response target/ })).toHaveCount(0);
  await expect(strip.getByRole('article').first()).toHaveAccessibleName('Next stakeholders update');
  await expect(clock(page, /^Response target \(P1/)).toContainText('Overdue');

  // Post a stakeholder update from the template; its clock restarts.
  const comms = page.getByRole('region', { name: 'Communications' });
  await comms.getByLabel('Audience').selectOption({ label: 'Stakeholders' });
  await comms.getByLabel('Channel').selectOption('Slack #incidents');
  const text = comms.getByLabel('Update text');
  await expect(text).toHaveValue(/\[P1 High\] Database connection pool exhausted/);
  await expect(text).toHaveValue(/Next update: by /);
  await page.keyboard.press('Escape');
  await page.getByRole('heading', { name: TITLE, exact: true }).click();
  await page.keyboard.press('u');
  await expect(text).toBeFocused();
  await text.fill(`${await text.inputValue()}\nDBA is on the bridge.`);
  await text.press('Control+Enter');
  await expect(comms.getByRole('status')).toContainText('Posted to Stakeholders via Slack #incidents');
  await expect(stakeholders).toContainText('OK');
  await expect(stakeholders).toContainText(/1[45]m \d\ds left/);
  await expect(await attentionAlert(page, 'Next stakeholders update')).toHaveCount(0);
  await expect(timelineRows(page).filter({ hasText: 'Update to Stakeholders via Slack #incidents' })).toHaveCount(1);
  // The composer starts afresh from the template, with the next update counted from this post: the same text
  // cannot go out twice by accident.
  await expect(text).not.toHaveValue(/DBA is on the bridge/);
  await expect(text).toHaveValue(/Next update: by /);
  // The restarted clock alerts again when it next comes due.
  await page.clock.fastForward('15:30');
  await expect(stakeholders).toContainText('Overdue');
  await expect.poll(() => notified('Overdue: Next stakeholders update')).toBe(2);
  await comms.getByRole('button', { name: 'Post update' }).click();
  await expect(stakeholders).toContainText('OK');

  // Snoozing needs a reason.
  const users = clock(page, 'Next users update');
  await expect(users).toContainText('Overdue');
  await users.getByRole('button', { name: 'Snooze Next users update' }).click();
  await expect(users.getByLabel('Reason for snoozing')).toBeFocused();
  await users.getByRole('button', { name: 'Confirm snooze' }).click();
  await expect(users.getByRole('alert')).toContainText('A reason is required');
  await users.getByLabel('Reason for snoozing').fill('Status page text waiting on legal');
  await users.getByRole('button', { name: 'Confirm snooze' }).click();
  await expect(users).toContainText('Snoozed until');
  await expect(users).toContainText('Status page text waiting on legal');
  await expect(await attentionAlert(page, 'Next users update')).toHaveCount(0);

  // Escalate to P0: targets are re-computed from the P0 row of the plan; step 3 follows the severity.
  await expect(clock(page, 'Resolution target (P1: < 1h)')).toBeVisible();
  await page.getByRole('button', { name: 'Change severity' }).click();
  await page.getByLabel('New severity').selectOption('P0');
  await page.getByLabel('Reason for severity change').fill('All writes failing');
  await page.getByRole('button', { name: 'Apply severity' }).click();
  await expect(clock(page, 'Resolution target (P0: < 15m)')).toContainText('Overdue');
  await expect(clock(page, /^Response target \(P0/)).toBeVisible();
  // The P0 response target alerts again. Only a paged or assigned responder's acknowledgement meets it (their own
  // console or the page's link, record-acknowledge.spec.ts): the commander's console says so and offers no shortcut.
  const response = await attentionAlert(page, /^Response target \(P0/);
  await expect(response).toContainText('met when a paged or assigned responder acknowledges');
  await expect(response.getByRole('button', { name: /Acknowledge/ })).toHaveCount(0);
  await expect(clock(page, /^Response target \(P0/)).toContainText('Overdue');
  await expect(clock(page, 'Resolution target (P1: < 1h)')).toHaveCount(0);
  await expect(escalation).toContainText('0/6');
  await steps.getByRole('checkbox', { name: 'Notify incident commander' }).check();
  await expect(escalation).toContainText('1/6');

  // Roles: IC by name, the on-call engineer from the rotation, a DBA assigned then relieved.
  await role(page, 'Incident Commander').getByLabel('Person for Incident Commander').fill('Dana IC');
  await role(page, 'Incident Commander').getByRole('button', { name: 'Assign Incident Commander' }).click();
  await expect(role(page, 'Incident Commander')).toContainText('Dana IC since');
  // Once held, the button says and is named "Hand over".
  await expect(role(page, 'Incident Commander').getByRole('button', { name: 'Hand over Incident Commander' })).toHaveText('Hand over');
  await expect(role(page, 'On-Call Engineer')).toContainText('On call now: Engineer A');
  await role(page, 'On-Call Engineer').getByRole('button', { name: 'Assign on-call Engineer A as On-Call Engineer' }).click();
  await expect(role(page, 'On-Call Engineer')).toContainText('Engineer A since');
  await role(page, 'Database Administrator').getByLabel('Person for Database Administrator').fill('Grace');
  await role(page, 'Database Administrator').getByRole('button', { name: 'Assign Database Administrator' }).click();
  await expect(role(page, 'Database Administrator')).toContainText('Grace since');
  await role(page, 'Database Administrator').getByRole('button', { name: 'Relieve Database Administrator' }).click();
  await expect(role(page, 'Database Administrator')).toContainText('Unassigned');

  // Everything is intact after a reload.
  await page.reload();
  await page.getByRole('button', { name: TITLE }).click();
  await expect(page.getByRole('heading', { name: TITLE, exact: true })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Incident status' })).toContainText('P0');
  await expect(clock(page, 'Resolution target (P0: < 15m)')).toBeVisible();
  await expect(clock(page, 'Next users update')).toContainText('Status page text waiting on legal');
  await expect(role(page, 'Incident Commander')).toContainText('Dana IC since');
  await expect(role(page, 'On-Call Engineer')).toContainText('Engineer A since');
  await expect(role(page, 'Database Administrator')).toContainText('Unassigned');
  await expect(comms.getByRole('listitem').filter({ hasText: 'DBA is on the bridge.' })).toContainText('Stakeholders via Slack #incidents');
  await expect(steps.getByRole('article', { name: 'Runbook: Database Connection Pool Exhausted' }).getByRole('checkbox', { name: 'Kill long-running queries' })).toBeChecked();
  if ((await escalation.getAttribute('aria-expanded')) !== 'true') await escalation.click();
  await expect(escalation).toContainText('1/6');
  await expect(steps.getByRole('checkbox', { name: 'Notify incident commander' })).toBeChecked();
  await timelineRows(page).getByRole('button', { name: /^Show \d+ ticks: Step 3 \(Escalation/ }).click();
  await expect(timelineRows(page).filter({ hasText: 'Checked (Escalation & Notification): Page on-call engineer within 15 minutes' })).toHaveCount(1);
});

test('plan page: a bad plan file is refused with paths and the old plan kept; a good one becomes active; export', async ({ page }) => {
  await page.goto('/');
  await firstRun(page, 'Dana IC');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Plan' }).click();
  const severities = page.getByRole('region', { name: 'Severities' });
  await expect(severities).toContainText('Severity 2 (High) - P1');

  // Export the active plan, then re-import it with a broken target and a renamed plan.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export plan' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.json$/);
  const chunks: Buffer[] = [];
  for await (const chunk of await file.createReadStream()) chunks.push(chunk as Buffer);
  const plan = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { name: string; severities: Array<{ responseTarget: string; name: string }> };
  const originalName = plan.name;

  const broken = structuredClone(plan);
  broken.severities[1]!.responseTarget = 'soon';
  await page.getByLabel('Import plan file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
  const error = page.getByRole('alert').filter({ hasText: 'broken.json' });
  await expect(error).toContainText('was not imported');
  await expect(error).toContainText('severities[1].responseTarget: expected a duration like "15m"');
  await expect(page.getByRole('heading', { name: originalName, level: 1 })).toBeVisible();

  await page.getByLabel('Import plan file').setInputFiles({ name: 'notjson.json', mimeType: 'application/json', buffer: Buffer.from('{ nope') });
  await expect(page.getByRole('alert').filter({ hasText: 'notjson.json' })).toContainText('not valid JSON');

  const renamed = { ...structuredClone(plan), name: 'Renamed Response Plan' };
  renamed.severities[1]!.name = 'Major';
  await page.getByLabel('Import plan file').setInputFiles({ name: 'renamed.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(renamed)) });
  await expect(page.getByRole('status').filter({ hasText: 'Imported Renamed Response Plan' })).toContainText('published to the team');
  await expect(page.getByRole('heading', { name: 'Renamed Response Plan', level: 1 })).toBeVisible();
  // The version panel: v1, by whom, and what changed from the built-in plan, old -> new.
  await expect(page.getByRole('region', { name: 'Plan version' })).toContainText('Team plan v1, published by Dana IC');
  const changes = page.getByRole('table', { name: 'Plan changes' });
  await expect(changes.getByRole('row', { name: /P1 name/ })).toContainText(/High.*Major/);
  await expect(changes.getByRole('row', { name: /^Plan name/ })).toContainText('Renamed Response Plan');

  await page.reload();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Plan' }).click();
  await expect(page.getByRole('heading', { name: 'Renamed Response Plan', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Publish the built-in plan' }).click();
  await expect(page.getByRole('heading', { name: originalName, level: 1 })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Plan version' })).toContainText('Team plan v2');
});
