// The contact sheet: a CSV with a bad row imports nothing and says where; a good one imports all; search,
// one-click copy, edit, delete, who is on call, export, and everything survives a reload.
import { test, expect, type Page } from '@playwright/test';
import { startConsole } from './core-steps';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

const START = new Date('2026-03-04T10:00:00Z'); // Engineer A's on-call week; Engineer B is next.
const HEADER = 'name,roles,phone,email,notes';
const csvFile = (name: string, lines: string[]) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(`${lines.join('\n')}\n`) });
const copyButton = (page: Page, what: 'phone' | 'email', name: string) => page.getByRole('button', { name: `Copy ${what} of ${name}` });

test('import contacts from CSV (all or nothing), search, copy, edit, delete, export, reload', async ({ page }) => {
  await startConsole(page, START, 'Dana IC');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Contacts' }).click();
  await expect(page.getByRole('heading', { name: 'Contacts', level: 1 })).toBeVisible();

  // Empty sheet: the plan's role slots are shown, waiting for people.
  await expect(page.getByRole('region', { name: 'Incident Commander' })).toContainText('No contact for Incident Commander yet.');
  const onCall = page.getByRole('region', { name: 'On call' });
  await expect(onCall).toContainText('now Engineer A');
  await expect(onCall).toContainText('next Engineer B');

  // A file with bad rows: each problem named by row and column, nothing imported.
  await page.getByLabel('Import contacts CSV').setInputFiles(csvFile('bad.csv', [
    HEADER,
    'Ada Lovelace,Incident Commander,+44 20 7946 0000,ada@example.com,Primary IC',
    'Bob Broken,on-call-engineer,555-0101,bob-at-example,',
    'Carol Unknown,janitor,555-0102,carol@example.com,',
  ]));
  const error = page.getByRole('alert').filter({ hasText: 'bad.csv' });
  await expect(error).toContainText('nothing was imported');
  await expect(error).toContainText('Row 3, column "email": "bob-at-example" is not an email address');
  await expect(error).toContainText('Row 4, column "roles": unknown role "janitor"');
  await expect(copyButton(page, 'phone', 'Ada Lovelace')).toHaveCount(0);

  // A good file: everything lands.
  await page.getByLabel('Import contacts CSV').setInputFiles(csvFile('team.csv', [
    HEADER,
    'Ada Lovelace,Incident Commander,+44 20 7946 0000,ada@example.com,Primary IC',
    'Grace Hopper,database-administrator;On-Call Engineer,555-0100,grace@example.com,"Night owl, call first"',
    'Linus Sec,security-officer,555-0199,linus@example.com,',
    'Engineer A,on-call-engineer,555-0111,,First in the rotation',
  ]));
  await expect(page.getByRole('status').filter({ hasText: 'team.csv' })).toContainText('Imported 4 contacts from team.csv (4 new, 0 updated)');
  // The on-call person's number is right there.
  await expect(onCall).toContainText('555-0111');
  await expect(onCall.getByRole('button', { name: 'Copy phone of on-call Engineer A' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Database Administrator' })).toContainText('Grace Hopper');
  await expect(page.getByRole('region', { name: 'On-Call Engineer' })).toContainText('Grace Hopper');
  await expect(page.getByRole('region', { name: 'Incident Commander' })).toContainText('Ada Lovelace');

  // Search narrows the sheet.
  await page.getByLabel('Search contacts').fill('grace');
  await expect(copyButton(page, 'phone', 'Ada Lovelace')).toHaveCount(0);
  await expect(copyButton(page, 'phone', 'Grace Hopper').first()).toBeVisible();
  await page.getByLabel('Search contacts').fill('security');
  await expect(copyButton(page, 'email', 'Linus Sec')).toBeVisible();
  await expect(copyButton(page, 'email', 'Grace Hopper')).toHaveCount(0);
  await page.getByLabel('Search contacts').fill('');

  // One click copies.
  await copyButton(page, 'phone', 'Grace Hopper').first().click();
  await expect(page.getByRole('status')).toContainText('Copied phone of Grace Hopper');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('555-0100');
  await copyButton(page, 'email', 'Ada Lovelace').click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('ada@example.com');

  // Edit, with validation.
  await page.getByRole('button', { name: 'Edit Linus Sec' }).first().click();
  const form = page.getByRole('form', { name: 'Edit Linus Sec' });
  await form.getByLabel('Phone').fill('call me maybe');
  await form.getByRole('button', { name: 'Save contact' }).click();
  await expect(form.getByRole('alert')).toContainText('Not a phone number');
  await form.getByLabel('Phone').fill('555-0200');
  await form.getByRole('checkbox', { name: 'Communications Lead' }).check();
  await form.getByRole('button', { name: 'Save contact' }).click();
  await expect(page.getByRole('region', { name: 'Communications Lead' })).toContainText('555-0200');

  // Delete asks once more.
  await page.getByRole('button', { name: 'Delete Ada Lovelace' }).click();
  await page.getByRole('button', { name: 'Confirm delete Ada Lovelace' }).click();
  await expect(copyButton(page, 'email', 'Ada Lovelace')).toHaveCount(0);

  // Print: the button prints; on paper only the one-page sheet shows.
  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => { (window as unknown as { printed: number }).printed += 1; };
  });
  await page.getByRole('button', { name: 'Print contact sheet' }).click();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  await page.emulateMedia({ media: 'print' });
  const sheet = page.getByRole('table');
  await expect(sheet).toBeVisible();
  await expect(sheet.getByRole('row').filter({ hasText: 'Grace Hopper' }).first()).toContainText('555-0100');
  await expect(page.getByRole('button', { name: 'Print contact sheet' })).toBeHidden();
  const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
  expect(pdf.match(/\/Type\s*\/Page(?!s)/g)?.length).toBe(1);
  await page.emulateMedia({ media: 'screen' });
  await expect(sheet).toBeHidden();

  // Export as CSV, same header as the importer.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('contacts.csv');
  const stream = await file.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const exported = Buffer.concat(chunks).toString('utf8');
  expect(exported.split('\r\n')[0]).toBe(HEADER);
  expect(exported).toContain('Grace Hopper,database-administrator;on-call-engineer,555-0100,grace@example.com,"Night owl, call first"');
  expect(exported).not.toContain('Ada Lovelace');

  // The emptied role slot offers to add someone for it.
  await expect(page.getByRole('region', { name: 'Incident Commander' })).toContainText('No contact for Incident Commander yet.');
  await page.getByRole('button', { name: 'Add Incident Commander contact' }).click();
  const add = page.getByRole('form', { name: 'New contact' });
  await expect(add.getByRole('checkbox', { name: 'Incident Commander' })).toBeChecked();
  await add.getByRole('button', { name: 'Save contact' }).click();
  await expect(add.getByRole('alert')).toContainText('A name is required');
  await add.getByLabel('Name').fill('Margaret Hamilton');
  await add.getByLabel('Email').fill('margaret@example.com');
  await add.getByRole('button', { name: 'Save contact' }).click();
  await expect(page.getByRole('region', { name: 'Incident Commander' })).toContainText('margaret@example.com');

  // Persisted.
  await page.reload();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Contacts' }).click();
  await expect(page.getByRole('region', { name: 'Database Administrator' })).toContainText('Grace Hopper');
  await expect(page.getByRole('region', { name: 'Communications Lead' })).toContainText('Linus Sec');
  await expect(page.getByRole('region', { name: 'Incident Commander' })).toContainText('Margaret Hamilton');
  await expect(copyButton(page, 'email', 'Ada Lovelace')).toHaveCount(0);
});
