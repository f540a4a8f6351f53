// A new laptop joins a workspace with history (issue #27): the list is complete at once (closed incidents from their
// summaries, marked as on the server), the active incident is there whole, a closed one is read when opened and stays
// for offline use; one opened while offline is read once the network is back.
import { test, type BrowserContext, type Page } from '@playwright/test';
import { createEvent, newId } from '../../shared/incident/create';
import type { IncidentEvent } from '../../shared/incident/events';
import { HybridClock } from '../../shared/hlc/hlc';
import { expect, joinConsole, syncStatus, timelineRows } from './core-steps';
import { adminSession, startSyncServer, type RunningServer } from './sync-server';

const SYNC_TIMEOUT = 45_000;
const SIZES = [{ width: 1440, height: 900 }, { width: 1920, height: 1080 }];

let server: RunningServer | undefined;
const contexts: BrowserContext[] = [];

test.afterAll(async () => {
  for (const c of contexts.splice(0)) await c.close().catch(() => undefined);
  await server?.stop();
});

interface Seeded { id: string; title: string; entries: number; closed: boolean }

/** Another device's history, pushed through the API as a console would: one active incident and three closed ones. */
async function seedHistory(url: string, invite: string): Promise<Seeded[]> {
  const joined = await (await fetch(`${url}/api/v1/join`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ inviteCode: invite, deviceName: 'Old laptop', displayName: 'Olga Oncall' }) })).json() as { token: string; workspace: string; deviceId: string };
  let wall = Date.now() - 30 * 86_400_000;
  const clock = new HybridClock(joined.deviceId, () => wall);
  const ctx = { clock, actor: { name: 'Olga Oncall', deviceId: joined.deviceId }, now: () => wall };
  const incidents: Seeded[] = [
    { id: newId(), title: 'DNS outage in eu-west', entries: 40, closed: true },
    { id: newId(), title: 'Certificate expired on api', entries: 12, closed: true },
    { id: newId(), title: 'Search is slow', entries: 5, closed: false },
    { id: newId(), title: 'Billing queue backlog', entries: 6, closed: true },
  ];
  const events: IncidentEvent[] = [];
  for (const incident of incidents) {
    const at = new Date(wall).toISOString();
    events.push(createEvent(ctx, incident.id, 'incident.opened', { title: incident.title, detectedAt: at, impactStartedAt: at, severity: 'P2', detectionSource: 'e2e' }) as IncidentEvent);
    for (let k = 0; k < incident.entries; k++) {
      wall += 60_000;
      events.push(createEvent(ctx, incident.id, 'entry.added', { kind: 'note', text: `${incident.title}: note ${k}` }) as IncidentEvent);
    }
    if (incident.closed) {
      wall += 60_000;
      events.push(createEvent(ctx, incident.id, 'status.changed', { to: 'resolved' }) as IncidentEvent);
      events.push(createEvent(ctx, incident.id, 'status.changed', { to: 'closed' }) as IncidentEvent);
    }
  }
  const res = await fetch(`${url}/api/v1/sync/push`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${joined.token}` },
    body: JSON.stringify({ workspace: joined.workspace, events }) });
  if (res.status !== 200) throw new Error(`seeding: ${res.status} ${await res.text()}`);
  return incidents;
}

/** How many events of an incident this console's IndexedDB holds. */
const heldEvents = (page: Page, incidentId: string) => page.evaluate((id) => new Promise<number>((resolve, reject) => {
  const open = indexedDB.open('incident-console');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const count = open.result.transaction('events').objectStore('events').index('incidentId').count(id);
    count.onsuccess = () => { resolve(count.result); open.result.close(); };
    count.onerror = () => reject(count.error);
  };
}), incidentId);

const incidentsNav = (page: Page) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Incidents' });
const notes = (page: Page, title: string) => timelineRows(page).filter({ hasText: `${title}: note` });
/** The timeline's own count of its rows (it renders a window of them): one per event of these incidents. */
const shown = (page: Page, incident: Seeded) => {
  const rows = 1 + incident.entries + (incident.closed ? 2 : 0);
  return page.getByRole('region', { name: 'Timeline' }).getByText(`${rows} of ${rows} shown`, { exact: true });
};

test('a new laptop lists the whole history at once, reads a closed incident when opened and keeps it offline', async ({ browser }, testInfo) => {
  test.setTimeout(240_000);
  server = await startSyncServer();
  const admin = await adminSession(server);
  const [dns, cert, search, billing] = await seedHistory(server.url, await admin.invite(1)) as [Seeded, Seeded, Seeded, Seeded];
  const { context, page } = await joinConsole(browser, { url: server.url, contexts, timeout: SYNC_TIMEOUT, options: { viewport: SIZES[0] } }, 'Nia Newlaptop', await admin.invite(1));

  // The list is complete: the closed incidents with their summaries (status, last activity, the server's count).
  await incidentsNav(page).click();
  const closedSection = page.getByRole('region', { name: 'Resolved and closed' });
  await expect(page.getByRole('region', { name: 'Active incidents' }).getByRole('button', { name: search.title })).toBeVisible({ timeout: SYNC_TIMEOUT });
  const dnsRow = closedSection.getByRole('row').filter({ has: page.getByRole('button', { name: dns.title }) });
  await expect(dnsRow).toContainText('closed');
  await expect(dnsRow).toContainText('43 events · on the server');
  await expect(closedSection.getByRole('row').filter({ has: page.getByRole('button', { name: cert.title }) })).toContainText('15 events · on the server');
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.screenshot({ path: testInfo.outputPath(`join-list-${size.width}x${size.height}.png`) });
  }
  await page.setViewportSize(SIZES[0] as { width: number; height: number });
  // Joined without their histories: of each closed incident only its declaration and status changes are here.
  expect(await heldEvents(page, dns.id)).toBe(3);
  expect(await heldEvents(page, cert.id)).toBe(3);

  // The pages across incidents leave out what is not here yet, and say so.
  const mainNav = (name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name, exact: true }).click();
  await mainNav('Metrics');
  await expect(page.getByRole('note', { name: 'Incidents not on this laptop' }))
    .toHaveText(/^3 closed incidents joined without their history: their figures are not here until read from the server\. Read them from the server$/);
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.screenshot({ path: testInfo.outputPath(`join-metrics-not-read-${size.width}x${size.height}.png`) });
  }
  await page.setViewportSize(SIZES[0] as { width: number; height: number });
  await incidentsNav(page).click();

  // The active incident is here whole.
  await page.getByRole('button', { name: search.title }).click();
  await expect(notes(page, search.title)).toHaveCount(search.entries, { timeout: SYNC_TIMEOUT });
  expect(await heldEvents(page, search.id)).toBe(1 + search.entries);

  // A closed one is read when opened: its whole timeline, kept on this laptop.
  await incidentsNav(page).click();
  await page.getByRole('button', { name: dns.title }).click();
  await expect(page.getByRole('heading', { name: dns.title })).toBeVisible();
  await expect(shown(page, dns)).toBeVisible({ timeout: SYNC_TIMEOUT });
  await expect(notes(page, dns.title).first()).toContainText(`${dns.title}: note ${dns.entries - 1}`);
  await expect(page.getByRole('status').filter({ hasText: 'timeline' })).toHaveCount(0);
  expect(await heldEvents(page, dns.id)).toBe(3 + dns.entries);
  await incidentsNav(page).click();
  await expect(dnsRow).toContainText('43 events');
  await expect(dnsRow).not.toContainText('on the server');

  // Offline: what was opened stays readable; one never opened says where its timeline is, and is read once back online.
  await context.setOffline(true);
  await expect(syncStatus(page)).toContainText('Offline', { timeout: SYNC_TIMEOUT });
  await page.getByRole('button', { name: cert.title }).click();
  await expect(page.getByRole('status').filter({ hasText: 'timeline (15 events) is on the server; it is read when this console is connected' })).toBeVisible();
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.screenshot({ path: testInfo.outputPath(`join-not-read-offline-${size.width}x${size.height}.png`) });
  }
  await page.setViewportSize(SIZES[0] as { width: number; height: number });
  await expect(notes(page, cert.title)).toHaveCount(0);
  await incidentsNav(page).click();
  await page.getByRole('button', { name: dns.title }).click();
  await expect(shown(page, dns)).toBeVisible();
  expect(await heldEvents(page, dns.id)).toBe(3 + dns.entries);

  await context.setOffline(false);
  await expect(syncStatus(page)).toContainText('Online', { timeout: SYNC_TIMEOUT });
  await incidentsNav(page).click();
  await page.getByRole('button', { name: cert.title }).click();
  await expect(shown(page, cert)).toBeVisible({ timeout: SYNC_TIMEOUT });
  await expect(page.getByRole('status').filter({ hasText: 'timeline' })).toHaveCount(0);
  expect(await heldEvents(page, cert.id)).toBe(3 + cert.entries);

  // The one never opened is read from the Reviews page's notice, and its review is listed.
  await mainNav('Reviews');
  const left = page.getByRole('note', { name: 'Incidents not on this laptop' });
  await expect(left).toContainText('1 closed incident joined without its history: its reviews are not here');
  await left.getByRole('button', { name: 'Read it from the server' }).click();
  await expect(left).toHaveCount(0, { timeout: SYNC_TIMEOUT });
  expect(await heldEvents(page, billing.id)).toBe(3 + billing.entries);
  await expect(page.getByRole('button', { name: `Open review of ${billing.title}` })).toBeVisible();
});
