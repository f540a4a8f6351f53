// The server comes back older, in real Chromium: two commanders log on one incident, an online backup is taken
// halfway (`npm run server -- --backup`), they keep logging, the server is restored from the backup on the same
// address. The consoles notice on their own, give back what the server lost (one's own entries, the other's relayed
// with its signature), and a third console that joins afterwards sees every entry. The Server page says what happened.
import { test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectToServer, declareP1, expect, firstRun, log, syncStatus, timelineRows } from './core-steps';
import { adminSession, freePort, startSyncServer, type RunningServer } from './sync-server';

const SYNC_TIMEOUT = 45_000;
const root = fileURLToPath(new URL('../..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'incident-recovery-e2e-'));
const contexts: BrowserContext[] = [];
let server: RunningServer | undefined;

test.afterAll(async () => {
  for (const c of contexts.splice(0)) await c.close().catch(() => undefined);
  await server?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

/** `npm run server -- <args>` against a data dir, as an admin runs it. */
function serverCommand(dataDir: string, ...args: string[]): string {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  return execFileSync(process.execPath, [join(root, 'scripts/server.mjs'), ...args], { cwd: root, env, encoding: 'utf8' });
}

async function consoleFor(browser: Browser, url: string, name: string, code: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: url, viewport: { width: 1440, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto('/');
  await firstRun(page, name);
  await connectToServer(page, name, code, SYNC_TIMEOUT);
  return page;
}

const openIncident = async (page: Page, title: string) => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Incidents' }).click();
  await page.getByRole('button', { name: title }).click({ timeout: SYNC_TIMEOUT });
};

test('restored from a backup taken halfway: the consoles give back what the server lost, and a console joining later sees it all', async ({ browser }, testInfo) => {
  test.setTimeout(300_000);
  const place = { dataDir: join(scratch, 'data'), port: await freePort() };
  server = await startSyncServer(120_000, {}, place);
  const admin = await adminSession(server);
  const url = server.url;
  const ada = await consoleFor(browser, url, 'Ada IC', await admin.invite(1));
  const ben = await consoleFor(browser, url, 'Ben Ops', await admin.invite(1));

  await ada.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Incidents' }).click();
  await declareP1(ada, 'Payments API down');
  await log(ada, 'A1 error rate 12% on payments-api');
  await openIncident(ben, 'Payments API down');
  await expect(timelineRows(ben).filter({ hasText: 'A1 error rate' })).toHaveCount(1, { timeout: SYNC_TIMEOUT });

  const backup = join(scratch, 'halfway.icb');
  expect(serverCommand(place.dataDir, '--backup', backup)).toMatch(/online backup through it[\s\S]*written to/);

  await log(ada, 'A2 rolled back payments-api to v41');
  await log(ben, 'B1 database failover looks healthy');
  for (const page of [ada, ben]) {
    for (const text of ['A2 rolled back', 'B1 database failover']) await expect(timelineRows(page).filter({ hasText: text })).toHaveCount(1, { timeout: SYNC_TIMEOUT });
  }

  // The server's disk is lost; it comes back from the backup on the same address.
  await server.stop();
  const restoredDir = join(scratch, 'restored');
  expect(serverCommand(restoredDir, '--restore', backup)).toMatch(/starts a new history: epoch/);
  server = await startSyncServer(120_000, {}, { dataDir: restoredDir, port: server.port });

  // Both consoles notice by themselves and say what they gave back.
  for (const page of [ada, ben]) {
    await expect(syncStatus(page)).toContainText('Online', { timeout: SYNC_TIMEOUT });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Server' }).click();
    await expect(page.getByRole('definition').filter({ hasText: 'The server came back with an older history' })).toBeVisible({ timeout: SYNC_TIMEOUT });
  }
  // The first back gave back both lost entries (its own, and the other's relayed); the other found nothing missing.
  const lines = await Promise.all([ada, ben].map((p) => p.getByRole('definition').filter({ hasText: 'older history' }).innerText()));
  expect(lines.join('\n')).toMatch(/sent back 1 entry of its own and 1 entry others wrote|it already had everything/);
  // The workspace's id is on the page: what an admin needs to recreate the workspace when nothing was backed up.
  await expect(ada.getByRole('definition').filter({ hasText: /^Incident response \([0-9a-f]{8}-[0-9a-f-]{27}\)$/ })).toBeVisible();
  // And the server's signing key, which recreating it lets its older events count (--former-server-key).
  await expect(ada.getByRole('definition').filter({ hasText: /^[A-Za-z0-9_-]{43}$/ })).toBeVisible();
  await ada.screenshot({ path: testInfo.outputPath('server-recovered-1440.png') });
  await ada.setViewportSize({ width: 1920, height: 1080 });
  await ada.screenshot({ path: testInfo.outputPath('server-recovered-1920.png') });

  // Cy joins the restored server (the admin's device came back with the backup) and sees every entry.
  const cy = await consoleFor(browser, url, 'Cy Comms', await admin.invite(1));
  await openIncident(cy, 'Payments API down');
  for (const text of ['A1 error rate', 'A2 rolled back', 'B1 database failover']) {
    await expect(timelineRows(cy).filter({ hasText: text })).toHaveCount(1, { timeout: SYNC_TIMEOUT });
  }
});
