// Plan versions pinned per incident: an IC publishes a shorter P1 response target while an incident is open;
// that incident keeps its targets until "Adopt plan v2"; an incident declared afterwards runs on v2.
import { test, type Page } from '@playwright/test';
import { declareP1, expect, firstRun, timelineRows } from './core-steps';

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name }).click();
const clock = (page: Page, label: string | RegExp) => page.getByRole('region', { name: 'Clocks' }).getByRole('article', { name: label });
const pinBanner = (page: Page) => page.getByRole('region', { name: 'Plan of this incident' });

async function exportedPlan(page: Page): Promise<{ version: string; severities: Array<{ id: string; responseTarget: string; responseTargetText: string }> }> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export plan' }).click();
  const chunks: Buffer[] = [];
  for await (const chunk of await (await download).createReadStream()) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Awaited<ReturnType<typeof exportedPlan>>;
}

async function publish(page: Page, name: string, plan: unknown): Promise<void> {
  await page.getByLabel('Import plan file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(plan)) });
  await expect(page.getByRole('status').filter({ hasText: 'published to the team' })).toBeVisible();
}

test('a plan published mid-incident applies to that incident only once its IC adopts it; new incidents use it', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await firstRun(page, 'Dana IC');

  // v1: the team publishes its plan (the built-in one, re-versioned).
  await nav(page, 'Plan');
  await expect(page.getByRole('region', { name: 'Plan version' })).toContainText('Built-in plan (v0)');
  const plan = await exportedPlan(page);
  await publish(page, 'team-v1.json', { ...plan, version: 'team-1' });
  await expect(page.getByRole('region', { name: 'Plan version' })).toContainText('Team plan v1, published by Dana IC');

  // An incident declared under v1.
  await nav(page, 'Incidents');
  await declareP1(page, 'Checkout errors');
  await expect(pinBanner(page)).toContainText('Runs on plan v1 (declared under it)');
  await expect(clock(page, 'Response target (P1: < 15 minutes)')).toBeVisible();

  // v2: the P1 response target becomes 5 minutes. The Plan page says what changed, old -> new.
  await nav(page, 'Plan');
  const shorter = { ...plan, version: 'team-2', severities: plan.severities.map((s) => (s.id === 'P1' ? { ...s, responseTarget: '5m', responseTargetText: '< 5 minutes' } : s)) };
  await publish(page, 'team-v2.json', shorter);
  await expect(page.getByRole('region', { name: 'Plan version' })).toContainText('Team plan v2');
  const changes = page.getByRole('table', { name: 'Plan changes' });
  await expect(page.getByRole('heading', { name: 'Changes in v2 from v1' })).toBeVisible();
  await expect(changes.getByRole('row', { name: /P1 response target/ })).toContainText(/15m.*5m/);

  // The open incident keeps v1's targets and offers v2.
  await nav(page, 'Incidents');
  await page.getByRole('button', { name: 'Checkout errors' }).click();
  await expect(pinBanner(page)).toContainText('The team published v2');
  await expect(pinBanner(page)).toContainText('P1 response target 15m → 5m');
  await expect(clock(page, 'Response target (P1: < 15 minutes)')).toBeVisible();
  await expect(clock(page, 'Response target (P1: < 5 minutes)')).toHaveCount(0);

  // A new incident runs on v2 at once.
  await nav(page, 'Incidents');
  await declareP1(page, 'Search latency high');
  await expect(pinBanner(page)).toContainText('Runs on plan v2 (declared under it)');
  await expect(pinBanner(page).getByRole('button', { name: /Adopt plan/ })).toHaveCount(0);
  await expect(clock(page, 'Response target (P1: < 5 minutes)')).toBeVisible();

  // The IC of the first incident adopts v2: its clocks follow, and the timeline records it.
  await nav(page, 'Incidents');
  await page.getByRole('button', { name: 'Checkout errors' }).click();
  await pinBanner(page).getByRole('button', { name: 'Adopt plan v2' }).click();
  await expect(pinBanner(page)).toContainText('Runs on plan v2 (adopted)');
  await expect(clock(page, 'Response target (P1: < 5 minutes)')).toBeVisible();
  await expect(timelineRows(page).filter({ hasText: 'Adopted plan v2' })).toHaveCount(1);

  // All of it is in the log: a reload shows the same.
  await page.reload();
  await nav(page, 'Incidents');
  await page.getByRole('button', { name: 'Checkout errors' }).click();
  await expect(pinBanner(page)).toContainText('Runs on plan v2 (adopted)');
  await expect(clock(page, 'Response target (P1: < 5 minutes)')).toBeVisible();
});
