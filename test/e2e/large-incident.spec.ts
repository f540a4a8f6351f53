// A large incident that arrives whole (an archive import stores its events, nothing derived) opens newest first:
// header, status and roles from its other events at once, then every older entry folds in, down to the first.
import { test } from '@playwright/test';
import { createEvent, newId } from '../../shared/incident/create';
import type { IncidentEvent } from '../../shared/incident/events';
import { HybridClock } from '../../shared/hlc/hlc';
import { archiveText, buildArchive } from '../../shared/pir/archive';
import { defaultPlan } from '../../shared/plan/default-plan';
import { expect, firstRun, roleCard, timelineRows } from './core-steps';

const ENTRIES = 3000;

/** An incident from another laptop: a role taken early, a status change half way, ENTRIES log entries. */
async function archive(title: string): Promise<string> {
  const id = newId();
  const start = Date.now() - 3 * 3600_000;
  let wall = start;
  const ctx = { clock: new HybridClock('laptop-dana', () => wall), actor: { name: 'Dana Remote', deviceId: 'laptop-dana' }, now: () => wall };
  const events: IncidentEvent[] = [createEvent(ctx, id, 'incident.opened', {
    title, detectedAt: new Date(start).toISOString(), impactStartedAt: new Date(start - 60_000).toISOString(), severity: 'P1',
  }) as IncidentEvent];
  for (let i = 0; i < ENTRIES; i++) {
    wall += 3000;
    events.push(createEvent(ctx, id, 'entry.added', { kind: i === 0 ? 'decision' : 'note', text: i === 0 ? 'First call: fail over payments to eu-west' : `Replica lag check ${i}` }) as IncidentEvent);
    if (i === 2) events.push(createEvent(ctx, id, 'role.assigned', { roleId: 'incident-commander', person: 'Dana Remote' }) as IncidentEvent);
    if (i === ENTRIES / 2) events.push(createEvent(ctx, id, 'status.changed', { to: 'identified' }) as IncidentEvent);
  }
  return archiveText(await buildArchive(id, defaultPlan, events, wall));
}

test('an imported 3,000-entry incident opens with its state at once and every entry in the end', async ({ page }) => {
  await page.goto('/');
  await firstRun(page, 'Quinn Commander');
  const title = 'Payments outage from Dana\'s laptop';
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Reviews' }).click();
  await page.getByLabel('Import incident archive').setInputFiles({ name: 'payments.json', mimeType: 'application/json', buffer: Buffer.from(await archive(title)) });
  await expect(page.getByRole('status').filter({ hasText: 'Imported 3003 events from payments.json' })).toBeVisible();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Incidents' }).click();
  await page.getByRole('button', { name: title, exact: true }).click();
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  await expect(roleCard(page, 'Incident Commander')).toContainText('Dana Remote since');
  await expect(page.getByRole('group', { name: 'Incident status' })).toContainText('identified');
  await expect(timelineRows(page).first()).toContainText(`Replica lag check ${ENTRIES - 1}`);
  // Every entry is in once the older ones are read: the count, and the very first entry under its filter.
  await expect(page.getByText(`${(ENTRIES + 3).toLocaleString('en-US')} of ${(ENTRIES + 3).toLocaleString('en-US')} shown`)).toBeVisible();
  await page.getByLabel('Filter by kind').selectOption({ label: 'Decisions' });
  await expect(timelineRows(page)).toHaveCount(1);
  await expect(timelineRows(page).first()).toContainText('First call: fail over payments to eu-west');
});
