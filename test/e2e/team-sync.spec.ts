// The team's contact sheet and plan travel through the shared server: a contact added offline on one console
// appears on the other after reconnecting (concurrent additions both survive), and both consoles run a shared
// incident's clocks on the same published plan.
import { test, type Page } from '@playwright/test';
import { declareP1, expect, syncStatus } from './core-steps';
import { SYNC_TIMEOUT, sharedServer } from './sync-server';

const shared = sharedServer(2);

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name }).click();

async function addContact(page: Page, name: string, phone: string): Promise<void> {
  await nav(page, 'Contacts');
  await page.getByRole('button', { name: 'Add contact' }).click();
  const form = page.getByRole('form', { name: 'New contact' });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Phone').fill(phone);
  await form.getByRole('button', { name: 'Save contact' }).click();
  await expect(page.getByRole('button', { name: `Copy phone of ${name}` }).first()).toBeVisible();
}

/** Each clock's name and due time (the countdown ticks, the due time does not). */
async function clockFaces(page: Page): Promise<string[]> {
  const cards = page.getByRole('region', { name: 'Clocks' }).getByRole('article');
  await expect(cards.first()).toBeVisible();
  const out: string[] = [];
  for (const card of await cards.all()) {
    const due = /(was )?due at [^\n]+/.exec(await card.innerText())?.[0] ?? '';
    out.push(`${await card.getAttribute('aria-label')} | ${due}`);
  }
  return out;
}

test('a contact added offline reaches the other console; both run the shared incident on the same plan', async ({ browser }) => {
  test.setTimeout(300_000);
  const ada = await shared.join(browser, 'Ada IC');
  const ben = await shared.join(browser, 'Ben Ops');

  // Ben is offline; both add a contact meanwhile.
  await ben.context.setOffline(true);
  await expect(syncStatus(ben.page)).toContainText('Offline', { timeout: SYNC_TIMEOUT });
  await addContact(ben.page, 'Grace Hopper', '555-0100');
  await addContact(ada.page, 'Linus Sec', '555-0199');
  await expect(syncStatus(ben.page)).toContainText('1 waiting to send');
  await expect(ada.page.getByRole('button', { name: 'Copy phone of Grace Hopper' })).toHaveCount(0);

  // Back online: both sheets hold both contacts.
  await ben.context.setOffline(false);
  await expect(syncStatus(ben.page)).not.toContainText('waiting', { timeout: SYNC_TIMEOUT });
  for (const { page } of [ada, ben]) {
    for (const name of ['Grace Hopper', 'Linus Sec']) await expect(page.getByRole('button', { name: `Copy phone of ${name}` }).first()).toBeVisible({ timeout: SYNC_TIMEOUT });
  }

  // Ada publishes the team plan with a 5-minute P1 response target; Ben's console receives it.
  await nav(ada.page, 'Plan');
  const download = ada.page.waitForEvent('download');
  await ada.page.getByRole('button', { name: 'Export plan' }).click();
  const chunks: Buffer[] = [];
  for await (const chunk of await (await download).createReadStream()) chunks.push(chunk as Buffer);
  const plan = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { severities: Array<{ id: string }> };
  const shorter = { ...plan, version: 'team-1', severities: plan.severities.map((s) => (s.id === 'P1' ? { ...s, responseTarget: '5m', responseTargetText: '< 5 minutes' } : s)) };
  await ada.page.getByLabel('Import plan file').setInputFiles({ name: 'team.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(shorter)) });
  await expect(ada.page.getByRole('region', { name: 'Plan version' })).toContainText('Team plan v1, published by Ada IC');
  await nav(ben.page, 'Plan');
  await expect(ben.page.getByRole('region', { name: 'Plan version' })).toContainText('Team plan v1, published by Ada IC', { timeout: SYNC_TIMEOUT });

  // A shared incident: both consoles show the same clocks, on the team's plan.
  await nav(ada.page, 'Incidents');
  await declareP1(ada.page, 'Payments API down');
  await nav(ben.page, 'Incidents');
  await ben.page.getByRole('button', { name: 'Payments API down' }).click({ timeout: SYNC_TIMEOUT });
  for (const { page } of [ada, ben]) {
    await expect(page.getByRole('region', { name: 'Clocks' }).getByRole('article', { name: 'Response target (P1: < 5 minutes)' })).toBeVisible({ timeout: SYNC_TIMEOUT });
  }
  await expect(async () => {
    const [a, b] = await Promise.all([clockFaces(ada.page), clockFaces(ben.page)]);
    expect(a.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
  }).toPass({ timeout: SYNC_TIMEOUT });
});
