// An entry is on screen the moment Enter is pressed, marked "Saving…" until its write lands, and taken off
// the timeline again (with the text back in the box and why) when the write fails. To make the write wait for
// real, a second tab of the same origin holds a write lock on the console's database; to make it fail for
// real, that tab fills the origin's (small, CDP-set) quota before letting go.
import { randomBytes } from 'node:crypto';
import { test, type Page } from '@playwright/test';
import { declareP1, expect, firstRun, log, timelineRows } from './core-steps';

/** In a second tab: a readwrite transaction on the console's event rows (what a write needs), kept open until released. */
async function holdDatabase(tab: Page): Promise<void> {
  await tab.evaluate(() => new Promise<void>((resolve, reject) => {
    const open = indexedDB.open('incident-console');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const store = open.result.transaction('events', 'readwrite').objectStore('events');
      const w = window as unknown as { __release?: boolean };
      // A transaction commits when it has no request left: keep one in flight until released.
      const spin = () => { const r = store.get(-1); r.onsuccess = () => { if (!w.__release) spin(); }; };
      spin();
      resolve();
    };
  }));
}
const release = (tab: Page) => tab.evaluate(() => { (window as unknown as { __release?: boolean }).__release = true; });

const rowWith = (page: Page, text: string) => timelineRows(page).filter({ hasText: text });

test('an entry shows at once as saving while the database is busy, then as stored', async ({ page, context }) => {
  await page.goto('/');
  await firstRun(page, 'Quinn Commander');
  await declareP1(page, 'Payments latency');
  const tab = await context.newPage();
  await tab.goto('/favicon.svg');
  await holdDatabase(tab);

  await log(page, 'Failover to the standby region');
  const row = rowWith(page, 'Failover to the standby region');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Saving…');
  await expect(row).toContainText('Quinn Commander');
  await expect(page.getByText('1 of 1 shown, 1 saving')).toBeVisible();

  await release(tab);
  await expect(row.getByText('Saving…')).toHaveCount(0);
  await expect(row.getByRole('button', { name: 'Star: Failover to the standby region' })).toBeVisible();
  await expect(page.getByText('2 of 2 shown')).toBeVisible();
  await expect(rowWith(page, 'Failover to the standby region')).toHaveCount(1);

  await page.reload();
  await page.getByRole('button', { name: 'Payments latency' }).click();
  await expect(rowWith(page, 'Failover to the standby region')).toHaveCount(1);
});

test('a write that fails takes the entry off the timeline and gives the text back with the reason', async ({ page, context, baseURL }) => {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(baseURL!).origin, quotaSize: 3_000_000 });
  await page.goto('/');
  await firstRun(page, 'Quinn Commander');
  await declareP1(page, 'Disk filling during the outage');
  await log(page, 'Stored before the disk filled');
  const tab = await context.newPage();
  await tab.goto('/favicon.svg');
  await holdDatabase(tab);

  const box = page.getByRole('textbox', { name: 'Timeline entry' });
  await log(page, 'Rolled back payments-api to v41');
  await expect(rowWith(page, 'Rolled back payments-api to v41')).toContainText('Saving…');

  // Fill the origin's quota from the other tab (its own database; data IndexedDB cannot compress), then let go.
  const filler = randomBytes(400_000).toString('base64');
  await tab.evaluate((chunk) => new Promise<void>((resolve, reject) => {
    const open = indexedDB.open('filler', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('blobs', { autoIncrement: true });
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const put = (i: number) => {
        if (i > 100) { reject(new Error('the quota never filled')); return; }
        const tx = db.transaction('blobs', 'readwrite');
        tx.objectStore('blobs').add(`${i}${chunk}`);
        tx.oncomplete = () => put(i + 1);
        tx.onabort = () => resolve(); // QuotaExceededError: the disk is full
      };
      put(0);
    };
  }), filler);
  await release(tab);

  await expect(rowWith(page, 'Rolled back payments-api to v41')).toHaveCount(0);
  await expect(box).toHaveValue('Rolled back payments-api to v41');
  await expect(page.getByRole('form', { name: 'New timeline entry' }).getByRole('alert')).toContainText('Not logged: storage is full');
  await expect(page.getByRole('alert', { name: 'Storage problem' })).toContainText('Nothing already stored was lost');
  await expect(page.getByText('2 of 2 shown')).toBeVisible();
  await expect(rowWith(page, 'Stored before the disk filled')).toHaveCount(1);
});
