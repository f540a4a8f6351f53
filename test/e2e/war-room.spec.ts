// The war room at a glance (issue #15): the attention strip keeps drills and real incidents apart, shows the most
// urgent clock and expands; the console holds its layout while the steps column scrolls; tasks with check-back
// clocks; role requests with the plan's response clocks. Time is driven by Playwright's clock (no real waiting).
import { test, type Page } from '@playwright/test';
import { assignRole, attentionAlert, attentionStrip, declare, expandAttention, expect, firstRun, log, roleCard, startConsole, timelineRows } from './core-steps';

const START = new Date('2026-03-04T10:00:00Z');
const REAL = 'Payments API down';
const DRILL = 'Drill: search cluster lost';

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name, exact: true });
const clock = (page: Page, label: string | RegExp) => page.getByRole('region', { name: 'Clocks' }).getByRole('article', { name: label });

async function openIncident(page: Page, title: string) {
  await nav(page, 'Incidents').click();
  await page.getByRole('button', { name: title, exact: true }).click();
  await expect(page.getByRole('heading', { name: title, exact: true })).toBeVisible();
}

test('attention strip: a drill beside a real P0 never reaches the P0 console or wall; most urgent first, expands', async ({ page }) => {
  await startConsole(page, START, 'Dana IC');
  await declare(page, REAL, 'P0 Critical');
  await declare(page, DRILL, 'P0 Critical', true);
  await page.clock.fastForward('16:00');

  // The drill's own console: its alerts are marked DRILL; the real P0 is pointed to, apart.
  const strip = attentionStrip(page);
  await expect(strip.getByRole('article').first()).toContainText('DRILL');
  await expect(strip.getByRole('button', { name: 'Real incidents need attention (1)' })).toBeVisible();

  // The real P0's console: the most urgent clock first (the response target, due at 5 minutes), no drill anywhere.
  await openIncident(page, REAL);
  await expect(strip.getByRole('article').first()).toHaveAccessibleName(/^Response target \(P0/);
  await expect(strip.getByRole('article').first()).toContainText('Overdue');
  await expect(strip.getByRole('group', { name: 'Status line' })).toContainText('Investigating since');
  await expect(strip.getByRole('article')).toHaveCount(1);
  const more = strip.getByRole('button', { name: /^Show \d+ more alerts?$/ });
  await expect(more).toHaveAttribute('aria-expanded', 'false');
  await more.click();
  await expect(strip.getByRole('list', { name: 'More alerts' }).getByRole('article', { name: 'Next stakeholders update' })).toContainText('Overdue');
  await expect(strip.getByRole('list', { name: 'More alerts' }).getByRole('article', { name: /^Resolution target \(P0/ })).toBeVisible();
  await expect(strip).not.toContainText('DRILL');
  await expect(strip).not.toContainText(DRILL);
  await expect(strip.getByRole('button', { name: /need attention/ })).toHaveCount(0);

  // The wall for the P0: its own clocks only, nothing of the drill.
  await page.keyboard.press('Escape');
  await page.getByRole('heading', { name: REAL, exact: true }).click();
  await page.keyboard.press('w');
  const wall = page.getByRole('region', { name: 'Wall display' });
  await expect(wall.getByRole('heading', { name: REAL })).toBeVisible();
  await expect(wall.getByRole('list', { name: 'Wall clocks' })).toContainText('Response target');
  await expect(page.locator('body')).not.toContainText('DRILL');
  await expect(page.locator('body')).not.toContainText('search cluster');
  await page.keyboard.press('Escape');

  // Away from any console: one line per incident, real ones and drills apart, drills marked.
  await nav(page, 'Incidents').click();
  const global = page.getByRole('region', { name: 'Incidents needing attention' });
  await expect(global.getByRole('list', { name: '1 incident needs attention' })).toContainText(REAL);
  await expect(global.getByRole('list', { name: 'DRILL: 1 drill needs attention' })).toContainText(DRILL);
  await expect(global.getByRole('list', { name: '1 incident needs attention' })).not.toContainText('search cluster');
});

test('tasks: "t:" hands out a 3-minute task that goes overdue in the strip; done clears it', async ({ page }) => {
  await startConsole(page, START, 'Dana IC');
  await declare(page, REAL, 'P2 Medium');
  await log(page, 't: Engineer B: check the DB pool 3m');
  const tasks = page.getByRole('region', { name: 'Tasks' });
  const task = tasks.getByRole('article', { name: 'Task: Engineer B: check the DB pool' });
  await expect(task).toContainText('left');
  await expect(timelineRows(page).filter({ hasText: 'Task for Engineer B: check the DB pool (check back in 3 min)' })).toHaveCount(1);
  await expect(clock(page, 'Check back: Engineer B: check the DB pool')).toContainText('OK');
  // A task without a time is refused with what is missing, and the text stays.
  const box = page.getByRole('textbox', { name: 'Timeline entry' });
  await box.fill('t: Grace: failover plan');
  await box.press('Enter');
  await expect(page.getByRole('form', { name: 'New timeline entry' }).getByRole('alert')).toContainText('when to check back');
  await expect(box).toHaveValue('t: Grace: failover plan');
  await box.fill('');

  await page.clock.fastForward('03:05');
  await expect(clock(page, 'Check back: Engineer B: check the DB pool')).toContainText('Overdue');
  await expect(task).toContainText('overdue by');
  const alert = await attentionAlert(page, 'Check back: Engineer B: check the DB pool');
  await expect(alert).toContainText('Overdue');
  await alert.getByRole('button', { name: 'Task done: Check back: Engineer B: check the DB pool' }).click();
  await expect(attentionStrip(page).getByRole('article', { name: /^Check back/ })).toHaveCount(0);
  await expect(task).toHaveCount(0);
  await expect(timelineRows(page).filter({ hasText: 'Task done' })).toHaveCount(1);
});

test('role request: requesting the DBA starts the plan\'s 30-minute clock; assigning stops it', async ({ page }) => {
  await startConsole(page, START, 'Dana IC');
  await declare(page, REAL, 'P1 High');
  const dba = roleCard(page, 'Database Administrator');
  await dba.getByRole('button', { name: 'Request Database Administrator' }).click();
  await expect(dba.getByRole('status')).toContainText('respond within 30m');
  const waiting = clock(page, 'Database Administrator requested (respond within 30m)');
  await expect(waiting).toContainText('OK');
  await expect(waiting).toContainText(/(29m \d\ds|30m 00s) left/);
  await page.clock.fastForward('26:00');
  await expect(waiting).toContainText('Due soon');
  await dba.getByLabel('Person for Database Administrator').fill('Grace');
  await dba.getByRole('button', { name: 'Assign Database Administrator' }).click();
  await expect(waiting).toContainText('Met');
  await expect(dba.getByRole('status')).toHaveCount(0);
  await expect(timelineRows(page).filter({ hasText: 'Requested: Database Administrator' })).toHaveCount(1);
});

for (const size of [{ width: 1440, height: 900 }, { width: 1920, height: 1080 }]) {
  test(`layout at ${size.width}×${size.height}: header, strip, clocks and entry box stay in view while the steps column scrolls`, async ({ page }) => {
    await page.setViewportSize(size);
    await page.clock.install({ time: START });
    await page.goto('/');
    // A long name: the top bar must still be one row.
    await firstRun(page, 'Alexandra Montgomery-Smythe');
    await declare(page, REAL, 'P1 High');
    // Mid-incident: entries, a task, a requested role, a clock overdue.
    await log(page, 'Error rate 12% on payments-api since 09:58');
    await log(page, 'd: roll back the 09:40 deploy');
    await log(page, 't: Engineer B: check the DB pool 3m');
    await page.getByRole('region', { name: 'Roles' }).getByRole('button', { name: 'Request Database Administrator' }).click();
    const steps = page.getByRole('region', { name: 'Steps' });
    for (const button of await steps.getByRole('button', { name: /^\d+\. / }).all()) {
      if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
    }
    await page.clock.fastForward('16:00');
    await expect(attentionStrip(page).getByRole('article').first()).toContainText('Overdue');
    await page.screenshot({ path: `test-results/war-room-console-${size.width}x${size.height}.png` });

    // Scroll the response column to its very bottom.
    const side = page.getByRole('complementary', { name: 'Response' });
    await side.evaluate((el) => { el.scrollTop = el.scrollHeight; });
    await expect.poll(() => side.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
    await expect(page.getByRole('region', { name: 'Communications' })).toBeInViewport();
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    for (const target of [
      page.getByRole('heading', { name: REAL, exact: true }),
      attentionStrip(page),
      page.getByRole('region', { name: 'Clocks' }),
      page.getByRole('textbox', { name: 'Timeline entry' }),
    ]) {
      const box = await target.boundingBox();
      expect(box).not.toBeNull();
      if (!box) continue;
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height).toBeLessThanOrEqual(size.height);
    }
    // The top bar is one row: every control in it shares a line, and it is no taller than one.
    const bar = page.getByRole('banner');
    const barBox = await bar.boundingBox();
    expect(barBox && barBox.height).toBeLessThan(56);
    const tops = await bar.getByRole('button').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().top));
    expect(tops.length).toBeGreaterThan(10);
    expect(Math.max(...tops) - Math.min(...tops)).toBeLessThan(8);
    // The console header is two rows: the title, then the role holders beside the header's buttons.
    const holders = await page.getByRole('group', { name: 'Incident summary' }).boundingBox();
    const changeSeverity = await page.getByRole('button', { name: 'Change severity' }).boundingBox();
    const title = await page.getByRole('group', { name: 'Incident status' }).boundingBox();
    expect(holders && changeSeverity && title).toBeTruthy();
    if (holders && changeSeverity && title) {
      expect(changeSeverity.y).toBeGreaterThanOrEqual(title.y + title.height - 1);
      expect(changeSeverity.y).toBeLessThan(holders.y + holders.height);
    }
    // One clock per row, every label whole (two columns cut them to a few letters at 1920).
    const cut = await page.getByRole('region', { name: 'Clocks' }).locator('.clock-label').evaluateAll((els) => els.filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.textContent));
    expect(cut).toEqual([]);
    // The timeline keeps room for several rows of its own.
    const list = await page.getByTestId('timeline-scroll').boundingBox();
    expect(list && list.height).toBeGreaterThan(150);

    // Ctrl+/ jumps to the entry box from anywhere, even from another field.
    await page.getByRole('region', { name: 'Communications' }).getByLabel('Update text').focus();
    await page.keyboard.press('Control+/');
    await expect(page.getByRole('textbox', { name: 'Timeline entry' })).toBeFocused();
    await page.screenshot({ path: `test-results/war-room-console-scrolled-${size.width}x${size.height}.png` });
  });
}

test('timeline: ticks collapse per step and expand; decisions stand out; every version of an amended entry by keyboard', async ({ page }) => {
  await startConsole(page, START, 'Alex IC');
  await declare(page, REAL, 'P1 High');
  const steps = page.getByRole('region', { name: 'Steps' });
  const escalation = steps.getByRole('button', { name: /^\d+\. Escalation & Notification/ });
  if ((await escalation.getAttribute('aria-expanded')) !== 'true') await escalation.click();
  for (const item of ['Page on-call engineer within 15 minutes (Slack + email)', 'Create incident ticket', 'Start incident bridge']) {
    await steps.getByRole('checkbox', { name: item }).check();
  }
  const group = timelineRows(page).filter({ hasText: /Step 3 \(Escalation & Notification\): 3 of 5 checked by Alex IC/ });
  await expect(group).toHaveCount(1);
  await expect(timelineRows(page).filter({ hasText: 'Checked (Escalation & Notification)' })).toHaveCount(0);
  const show = group.getByRole('button', { name: /^Show 3 ticks: / });
  await show.focus();
  await page.keyboard.press('Enter');
  await expect(timelineRows(page).filter({ hasText: 'Checked (Escalation & Notification)' })).toHaveCount(3);
  await page.getByRole('button', { name: /^Hide 3 ticks: / }).click();
  await expect(timelineRows(page).filter({ hasText: 'Checked (Escalation & Notification)' })).toHaveCount(0);
  // Grouping can be turned off.
  await page.getByRole('checkbox', { name: 'Group checklist ticks' }).uncheck();
  await expect(timelineRows(page).filter({ hasText: 'Checked (Escalation & Notification)' })).toHaveCount(3);
  await page.getByRole('checkbox', { name: 'Group checklist ticks' }).check();

  await log(page, 'd: roll back the 09:40 deploy');
  await expect(timelineRows(page).filter({ hasText: 'roll back the 09:40 deploy' })).toContainText('Decision');
  await log(page, 'Error rate at 12%');
  const row = timelineRows(page).filter({ hasText: 'Error rate at' });
  await row.getByRole('button', { name: 'Amend: Error rate at 12%' }).click();
  await page.getByRole('textbox', { name: 'Amended text' }).fill('Error rate at 14%');
  await page.getByRole('button', { name: 'Save amendment' }).click();
  await expect(row).toContainText('amended (2 versions)');
  // Keyboard only: the versions button opens the list of every version, named for screen readers.
  const versions = row.getByRole('button', { name: 'Show every version: Error rate at 14%' });
  await versions.focus();
  await page.keyboard.press('Enter');
  const list = page.getByRole('list', { name: 'Every version: Error rate at 14%' });
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(list.getByRole('listitem').nth(0)).toContainText('Original');
  await expect(list.getByRole('listitem').nth(0)).toContainText('Error rate at 12%');
  await expect(list.getByRole('listitem').nth(1)).toContainText('Amendment 1');
  await expect(list.getByRole('listitem').nth(1)).toContainText('by Alex IC: Error rate at 14%');
});

test('attention strip: a breached P1 response target comes before a task check-back that is late for longer', async ({ page }) => {
  await startConsole(page, START, 'Dana IC');
  await declare(page, REAL, 'P1 High');
  await log(page, 't: Engineer B: check the DB pool 2m');
  // 16 minutes on: the check-back is 14 minutes late, the plan's P1 response target (15 minutes) one minute.
  await page.clock.fastForward('16:00');
  await expandAttention(page);
  const alerts = attentionStrip(page).getByRole('article');
  await expect(alerts.filter({ hasText: 'Check back: Engineer B' })).toContainText('Overdue');
  await expect(alerts.filter({ hasText: 'Response target (P1' })).toContainText('Overdue');
  const order = await alerts.allTextContents();
  const response = order.findIndex((t) => t.includes('Response target (P1'));
  const task = order.findIndex((t) => t.includes('Check back: Engineer B'));
  expect(response).toBeGreaterThanOrEqual(0);
  expect(response).toBeLessThan(task);
  await expect(alerts.first()).not.toContainText('Check back');
});

test('command handover: the briefing is drafted and editable; it waits for the incoming IC, who accepts on their own console', async ({ page }) => {
  await startConsole(page, START, 'Dana IC');
  await declare(page, REAL, 'P1 High');
  await assignRole(page, 'Incident Commander', 'Dana IC');
  await log(page, 'd: roll back the 09:40 deploy');
  await log(page, 't: Engineer B: check the DB pool 5m');

  const command = page.getByRole('region', { name: 'Command' });
  await command.getByRole('button', { name: 'Hand over command' }).click();
  const form = command.getByRole('form', { name: 'Hand over command' });
  const briefing = form.getByLabel('Briefing (edit before handing over)');
  await expect(briefing).toHaveValue(/COMMAND HANDOVER BRIEFING \(ICS-201\)/);
  await expect(briefing).toHaveValue(/2\. Current objectives \(latest decisions\)\n- roll back the 09:40 deploy/);
  await expect(briefing).toHaveValue(/- Engineer B: check the DB pool \(check back \d\d:\d\d\)/);
  await expect(briefing).toHaveValue(/- Incident Commander: Dana IC/);
  await expect(briefing).toHaveValue(/5\. Next deadlines\n- /);
  // Nobody named: refused, nothing recorded.
  await form.getByRole('button', { name: 'Offer handover' }).click();
  await expect(form.getByRole('alert')).toContainText('Name the incoming incident commander');
  await form.getByLabel('Incoming incident commander').fill('Sam Second');
  await briefing.fill(`${await briefing.inputValue()}\nWatch the EU region.`);
  await form.getByRole('button', { name: 'Offer handover' }).click();
  const pending = command.getByRole('article', { name: 'Handover to Sam Second' });
  await expect(pending.getByLabel('Briefing')).toContainText('Watch the EU region.');
  await expect(pending.getByRole('button', { name: 'Print briefing' })).toBeVisible();
  // Nothing on the outgoing commander's console accepts in Sam's name (record-handover.spec.ts: Sam accepts on theirs).
  await expect(page.getByRole('button', { name: /Accept command/ })).toHaveCount(0);
  await expect(pending).toContainText('waiting for Sam Second to read the briefing and accept on their own console');
  await expect(roleCard(page, 'Incident Commander')).toContainText('Dana IC since');
  await expect(command).toContainText('IC: Dana IC');
  await expect(timelineRows(page).filter({ hasText: 'Command handover offered by Dana IC to Sam Second' })).toHaveCount(1);
});

test('update workflow: once resolved the composer offers the resolved template, even over an edited draft', async ({ page }) => {
  await startConsole(page, START, 'Dana IC');
  await declare(page, REAL, 'P2 Medium');
  await log(page, 'd: roll back the 09:40 deploy');
  const comms = page.getByRole('region', { name: 'Communications' });
  const text = comms.getByLabel('Update text');
  await expect(text).toHaveValue(/Status: Investigating\./);
  await text.fill('Impact: Being assessed. Next update by 10:30.');
  await page.getByRole('button', { name: 'Change status' }).click();
  await page.getByLabel('New status').selectOption('resolved');
  await page.getByRole('checkbox', { name: 'Resolve without the full recurrence watch' }).check();
  await page.getByRole('button', { name: 'Apply status' }).click();
  await expect(text).toHaveValue(/: RESOLVED/);
  await expect(text).toHaveValue(/Resolution: roll back the 09:40 deploy/);
  await expect(text).toHaveValue(/No further updates planned/);
  await expect(text).not.toHaveValue(/Being assessed|Next update/);
  await comms.getByLabel('Audience').selectOption({ label: 'Users' });
  await expect(text).toHaveValue(/The issue was resolved at \d\d:\d\d/);
});

test('declare form and runbooks: one 24-hour date-time field; runbooks in the plan\'s order, the category\'s first, the suggestion says why', async ({ page }) => {
  await startConsole(page, START, 'Dana IC');
  await page.getByRole('button', { name: 'Declare incident' }).click();
  const impact = page.getByLabel('Impact started');
  // Typed on the 24-hour clock whatever the OS locale: no AM/PM picker beside the console's 24-hour times.
  await expect(impact).toHaveAttribute('type', 'text');
  await expect(impact).toHaveValue(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
  await page.getByLabel('Title').fill(REAL);
  await page.getByRole('radio', { name: 'P1 High' }).check();
  await page.getByLabel('Category').selectOption({ label: 'Infrastructure' });
  await impact.fill('03/04/2026 09:40 AM');
  await page.getByRole('button', { name: 'Declare and open console' }).click();
  await expect(page.getByRole('alert')).toContainText('YYYY-MM-DD HH:MM on the 24-hour clock');
  const local = await page.evaluate(() => { const d = new Date(Date.now() - 20 * 60_000); const p = (n: number) => String(n).padStart(2, '0'); return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`; });
  await impact.fill(local);
  await page.getByRole('button', { name: 'Declare and open console' }).click();
  await expect(page.getByRole('heading', { name: REAL, exact: true })).toBeVisible();

  const steps = page.getByRole('region', { name: 'Steps' });
  const picker = steps.getByRole('combobox', { name: 'Runbook', exact: true });
  // Infrastructure first (1 and 3, the P1 one chosen for the severity), then the rest in the plan's numbering.
  await expect(picker.locator('optgroup').nth(0)).toHaveAttribute('label', "Matches the incident's category (Infrastructure)");
  expect(await picker.locator('option').allTextContents()).toEqual([
    '1. Database Connection Pool Exhausted', '3. Disk Space Full',
    '2. Memory Leak', '4. Payment Processing Failure', '5. Email Delivery Failure', '6. Security Incident - Data Breach',
  ]);
  await expect(picker).toHaveValue('db-connection-pool-exhausted');
  await expect(steps.getByText("Suggested because it matches the incident's category (Infrastructure) and severity (P1).")).toBeVisible();
  await steps.getByRole('button', { name: 'Attach runbook' }).click();
  await expect(steps.getByRole('article', { name: 'Runbook: Database Connection Pool Exhausted' })).toBeVisible();
  await expect(picker).toHaveValue('disk-space-full');
  await expect(steps.getByText("Suggested because it matches the incident's category (Infrastructure).")).toBeVisible();

  // Counts read as English.
  await nav(page, 'Metrics').click();
  await expect(page.getByLabel('Incidents counted')).toHaveText(/^\d+ incidents?$/);
  await expect(page.getByLabel('Incidents counted')).not.toHaveText(/^1 incidents$/);
});
