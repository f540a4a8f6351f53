// The record tells the truth about command (issue #23): a handover is accepted only on the incoming commander's
// own console, after the whole briefing; the outgoing commander's console has no "accept as" and the server
// refuses an acceptance pushed in someone else's name. Two consoles on the real sync server.
import { test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { assignRole, attentionStrip, declare, expect, log, roleCard, timelineRows } from './core-steps';
import { SYNC_TIMEOUT, sharedServer } from './sync-server';

const TITLE = 'Checkout payments failing';

const shared = sharedServer(3);

function joinAs(browser: Browser, name: string, size = { width: 1440, height: 900 }): Promise<{ context: BrowserContext; page: Page }> {
  return shared.join(browser, name, { context: { viewport: size, timezoneId: 'UTC' } });
}

/** Screenshots at both war-room sizes (looked at by hand; kept with the test's results). */
async function shoot(page: Page, path: string): Promise<void> {
  for (const size of [{ width: 1920, height: 1080 }, { width: 1440, height: 900 }]) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `${path}-${size.width}x${size.height}.png` });
  }
}

async function openIncident(page: Page, title: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Incidents', exact: true }).click();
  await page.getByRole('button', { name: title, exact: true }).click({ timeout: SYNC_TIMEOUT });
  await expect(page.getByRole('heading', { name: title, exact: true })).toBeVisible();
}

test('handover: only the incoming commander accepts, on their own console, after the whole briefing; the server refuses it in anyone else\'s name', async ({ browser }, testInfo) => {
  test.setTimeout(300_000);
  const dana = await joinAs(browser, 'Dana IC');
  const sam = await joinAs(browser, 'Sam Second');

  await declare(dana.page, TITLE, 'P1 High');
  await assignRole(dana.page, 'Incident Commander', 'Dana IC');
  for (let i = 1; i <= 6; i++) await log(dana.page, `Finding ${i}: error rate on payments-api still above 5% after step ${i}`);
  await log(dana.page, 'd: roll back the 09:40 deploy');
  await log(dana.page, 't: Engineer B: check the DB pool 10m');

  const command = dana.page.getByRole('region', { name: 'Command' });
  await command.getByRole('button', { name: 'Hand over command' }).click();
  const form = command.getByRole('form', { name: 'Hand over command' });
  await form.getByLabel('Incoming incident commander').fill('Sam Second');
  const briefing = form.getByLabel('Briefing (edit before handing over)');
  // A long briefing (a busy incident): more than a screen, so its end is below the fold when it opens.
  const regions = Array.from({ length: 24 }, (_, i) => `- Region ${i + 1}: error rate back under 1% for 10 minutes, keep watching`);
  await briefing.fill(`${await briefing.inputValue()}\n\n6. Watch\n${regions.join('\n')}\n- Watch the EU region: it failed first last time.`);
  await form.getByRole('button', { name: 'Offer handover' }).click();

  // The outgoing commander's console: the handover waits for Sam; nothing on it accepts in Sam's name.
  const waiting = command.getByRole('article', { name: 'Handover to Sam Second' });
  await expect(waiting).toContainText('waiting for Sam Second to read the briefing and accept on their own console');
  await expect(dana.page.getByRole('button', { name: /Accept command/ })).toHaveCount(0);
  await expect(attentionStrip(dana.page).getByRole('article', { name: 'Handover to Sam Second waiting' })).toBeVisible();

  // Sam's console: the strip says a handover waits for them (not "Nothing overdue"), before anything else.
  await openIncident(sam.page, TITLE);
  const strip = attentionStrip(sam.page);
  const notice = strip.getByRole('article', { name: 'Command handover to you' });
  await expect(notice).toContainText('Command handover to you from Dana IC', { timeout: SYNC_TIMEOUT });
  await expect(strip).not.toContainText('Nothing overdue');
  await shoot(sam.page, testInfo.outputPath('handover-strip-incoming'));
  await notice.getByRole('button', { name: 'Read the briefing and accept' }).click();

  // The whole briefing is readable in one page; Accept only once its end has been read.
  const dialog = sam.page.getByRole('dialog', { name: 'Command handover from Dana IC' });
  const text = dialog.getByLabel('Briefing');
  for (const section of ['1. Situation summary', '2. Current objectives', '3. Actions in progress', '4. Organisation', '5. Next deadlines', 'Watch the EU region']) {
    await expect(text).toContainText(section);
  }
  expect(await text.evaluate((el) => el.scrollHeight <= el.clientHeight + 1)).toBe(true); // no scroll box of its own
  const accept = dialog.getByRole('button', { name: 'Accept command' });
  await expect(accept).toBeDisabled();
  await expect(dialog).toContainText('Read the briefing to its end to accept.');
  await shoot(sam.page, testInfo.outputPath('handover-dialog'));
  await dialog.getByText('End of the briefing.').scrollIntoViewIfNeeded();
  await expect(dialog.getByText('Watch the EU region: it failed first last time.')).toBeInViewport();
  await expect(accept).toBeEnabled();
  await accept.click();
  await expect(dialog).toHaveCount(0);
  await expect(roleCard(sam.page, 'Incident Commander')).toContainText('Sam Second since');
  await expect(strip.getByRole('article', { name: 'Command handover to you' })).toHaveCount(0);

  // Both consoles: the acceptance is Sam's own act, recorded on Sam's console.
  for (const page of [sam.page, dana.page]) {
    await expect(page.getByRole('region', { name: 'Command' })).toContainText('IC: Sam Second', { timeout: SYNC_TIMEOUT });
    const row = timelineRows(page).filter({ hasText: 'Command accepted by Sam Second' });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('Sam Second');
  }

  // Dana, no longer in command, cannot hand over; Sam can.
  await expect(dana.page.getByRole('region', { name: 'Command' }).getByRole('button', { name: 'Hand over command' })).toHaveCount(0);
  await expect(sam.page.getByRole('region', { name: 'Command' }).getByRole('button', { name: 'Hand over command' })).toBeVisible();

  // The server refuses an acceptance in someone else's name pushed from Dana's laptop, as it refuses any spoofed
  // actor: naming Sam while written by Dana, or written as "Sam Second" by a laptop that joined as Dana IC.
  const answers = await dana.page.evaluate(async () => {
    const read = (store: string) => new Promise<unknown[]>((resolve, reject) => {
      const open = indexedDB.open('incident-console');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const get = open.result.transaction(store).objectStore(store).getAll();
        get.onsuccess = () => { resolve(get.result as unknown[]); open.result.close(); };
        get.onerror = () => reject(get.error);
      };
    });
    const meta = await read('meta') as Array<{ key: string; value: { token: string; workspace: string } }>;
    const sync = meta.find((r) => r.key === 'syncConnection')?.value;
    const events = (await read('events') as Array<{ json: string }>).map((r) => JSON.parse(r.json) as { type: string; actor: { deviceId: string }; payload: { handoverId?: string } });
    const offer = events.find((e) => e.type === 'command.handover-offered');
    if (!sync || !offer) throw new Error('no connection or no offer');
    const push = async (actorName: string, to: string) => {
      const forged = { ...offer, id: crypto.randomUUID(), type: 'command.handover-accepted', actor: { ...offer.actor, name: actorName }, payload: { handoverId: offer.payload.handoverId, to } };
      const res = await fetch('/api/v1/sync/push', {
        method: 'POST', headers: { authorization: `Bearer ${sync.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ workspace: sync.workspace, events: [forged] }),
      });
      return { status: res.status, body: await res.json() as { error: string; path: string; message: string } };
    };
    return [await push('Dana IC', 'Sam Second'), await push('Sam Second', 'Sam Second')];
  });
  expect(answers[0]).toMatchObject({ status: 403, body: { error: 'actor_mismatch', path: 'payload.to' } });
  expect(answers[0]?.body.message).toContain('a handover is accepted only by the incoming commander, on their own console: it names Sam Second, but Dana IC is writing it');
  expect(answers[1]).toMatchObject({ status: 403, body: { error: 'actor_mismatch', path: 'payload.to' } });
  expect(answers[1]?.body.message).toContain('this device joined as Dana IC');

  // Renamed in Settings, the laptop is told its acts in a person's name stay bound to the name it joined under.
  await dana.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
  await dana.page.getByLabel('Display name').fill('Sam Second');
  await dana.page.getByRole('button', { name: 'Save identity' }).click();
  await expect(dana.page.getByRole('note')).toContainText('This laptop joined the sync server as Dana IC. Accepting command and acknowledging a page are checked against that name');
});
