// Accessibility measured (issue #23): axe-core (@axe-core/playwright, Deque's engine) audits every page and every
// dialog of the console, in the dark and the light theme, with the content a commander has mid-incident: no
// serious or critical violation. A page with nothing on it hides problems, so each is filled first.
import AxeBuilder from '@axe-core/playwright';
import { writeFileSync } from 'node:fs';
import { test, type Page } from '@playwright/test';
import { assignRole, becomePerson, declare, expect, log, startConsole } from './core-steps';

const START = new Date('2026-03-04T10:00:00Z');
const INCIDENT = 'Payments API down';

interface Finding { where: string; rule: string; impact: string; help: string; targets: string[] }

/** Serious and critical violations on the page as it is now, named by where we were. */
async function audit(page: Page, where: string, found: Finding[]): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  for (const v of result.violations) {
    if (v.impact !== 'serious' && v.impact !== 'critical') continue;
    found.push({ where, rule: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${(n.failureSummary ?? '').split('\n').slice(1).join(' ').trim()}`) });
  }
}

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: new RegExp(`^${name}`) }).click();

for (const theme of ['dark', 'light'] as const) {
  test(`every page and dialog in the ${theme} theme: no serious or critical axe violation`, async ({ page }, testInfo) => {
    test.setTimeout(180_000);
    await startConsole(page, START, 'Dana IC');
    if (theme === 'light') await page.getByRole('button', { name: 'Switch to light theme' }).click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    const found: Finding[] = [];

    // A contact sheet, and a real incident mid-response: roles, entries, a task, a requested role, clocks overdue.
    await nav(page, 'Contacts');
    await page.getByLabel('Import contacts CSV').setInputFiles({ name: 'team.csv', mimeType: 'text/csv',
      buffer: Buffer.from('name,roles,phone,email,notes\nChris CTO,Incident Commander,+44 7700 900001,cto@example.test,\nGrace,On-Call Engineer,+44 7700 900002,grace@example.test,\n') });
    await expect(page.getByRole('status').filter({ hasText: 'team.csv' })).toContainText('Imported 2 contacts');
    await nav(page, 'Incidents');
    await declare(page, INCIDENT, 'P1 High');
    await assignRole(page, 'Incident Commander', 'Dana IC');
    await assignRole(page, 'On-Call Engineer', 'Grace');
    await log(page, 'Error rate 12% on payments-api since 09:58');
    await log(page, 'd: roll back the 09:40 deploy');
    await log(page, 't: Engineer B: check the DB pool 3m');
    await page.getByRole('region', { name: 'Roles' }).getByRole('button', { name: 'Request Database Administrator' }).click();
    await page.clock.fastForward('16:00');
    await audit(page, 'console', found);

    // The composer with everything open: send options, the status page fields, the preview.
    const comms = page.getByRole('region', { name: 'Communications' });
    await comms.getByRole('checkbox', { name: /^Email to/ }).check();
    await comms.getByRole('checkbox', { name: 'Status page' }).check();
    await comms.getByRole('group', { name: 'Status page fields' }).getByRole('checkbox', { name: 'Payment processing' }).check();
    await comms.getByRole('button', { name: 'Preview' }).click();
    await audit(page, 'console: composer with preview', found);
    await comms.getByRole('button', { name: 'Post update' }).click();
    await expect(page.getByRole('dialog', { name: 'This becomes public' })).toBeVisible();
    await audit(page, 'dialog: This becomes public', found);
    await page.getByRole('dialog', { name: 'This becomes public' }).getByRole('button', { name: 'Back to editing' }).click();

    // Dialogs: the activity log, the shortcut help; the handover and its briefing on the incoming person's console.
    await page.getByRole('region', { name: 'Command' }).getByRole('button', { name: 'Activity log (ICS 214)' }).click();
    await audit(page, 'dialog: activity log', found);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    await audit(page, 'dialog: keyboard shortcuts', found);
    await page.keyboard.press('Escape');
    const command = page.getByRole('region', { name: 'Command' });
    await command.getByRole('button', { name: 'Hand over command' }).click();
    await audit(page, 'console: handover form', found);
    await command.getByLabel('Incoming incident commander').fill('Sam Second');
    await command.getByRole('button', { name: 'Offer handover' }).click();
    await becomePerson(page, 'Sam Second', INCIDENT);
    await audit(page, 'console: handover waiting for me', found);
    await page.getByRole('region', { name: 'Attention' }).getByRole('button', { name: 'Read the briefing and accept' }).click();
    await audit(page, 'dialog: command handover', found);
    await page.keyboard.press('Escape');
    await becomePerson(page, 'Grace', INCIDENT);
    await audit(page, 'console: acknowledgement asked of me', found);
    await becomePerson(page, 'Dana IC', INCIDENT);

    // The wall display.
    await page.getByRole('heading', { name: INCIDENT, exact: true }).click();
    await page.keyboard.press('w');
    await expect(page.getByRole('region', { name: 'Wall display' })).toBeVisible();
    await audit(page, 'wall display', found);
    await page.keyboard.press('Escape');

    // Resolved, with its review open.
    await page.getByRole('button', { name: 'Change status' }).click();
    await page.getByLabel('New status').selectOption('resolved');
    await page.getByRole('checkbox', { name: 'Resolve without the full recurrence watch' }).check();
    await page.getByRole('button', { name: 'Apply status' }).click();
    await audit(page, 'console: resolved', found);
    await nav(page, 'Reviews');
    await audit(page, 'reviews', found);
    await page.getByRole('button', { name: `Open review of ${INCIDENT}` }).click();
    await expect(page.getByRole('heading', { name: `Post-incident review: ${INCIDENT}` })).toBeVisible();
    await audit(page, 'review', found);

    // Every other page of the navigation, and declaring.
    for (const name of ['Incidents', 'Alerts', 'Status page', 'Contacts', 'Plan', 'Actions', 'Metrics', 'Drills', 'Server', 'Settings']) {
      await nav(page, name);
      await page.waitForLoadState('networkidle');
      await expect(page.locator('main')).not.toBeEmpty();
      await audit(page, `page: ${name}`, found);
    }
    await page.getByRole('button', { name: 'Declare incident' }).click();
    await audit(page, 'declare', found);

    // A drill: the facilitator's view, the drill's console, the debrief.
    await nav(page, 'Drills');
    await page.getByRole('button', { name: 'Start drill: Database Connection Pool Exhausted' }).click();
    await page.clock.fastForward('05:00');
    await audit(page, 'drills: facilitating', found);
    await page.getByRole('button', { name: 'Open console' }).click();
    await audit(page, 'drill console', found);
    await nav(page, 'Drills');
    await page.getByRole('button', { name: 'End exercise' }).click();
    await page.getByRole('button', { name: 'Debrief scorecard' }).click();
    await audit(page, 'drills: debrief', found);

    writeFileSync(testInfo.outputPath('axe-findings.json'), JSON.stringify(found, null, 2));
    expect(found, JSON.stringify(found, null, 2)).toEqual([]);
  });
}
