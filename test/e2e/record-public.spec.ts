// Public text for the public, and a preview that is the message (issue #23): an incident named after its alert
// gets a public title and public text from the plan's template, never the alert name or the stakeholder text; the
// preview shows each message (subject, recipients by name, component states); the first public post asks to
// confirm exactly what becomes public; component states carry over; the Post result stays in view; the hosted page
// shows only the public words. On the real sync server.
import { test, type Page } from '@playwright/test';
import { declare, expect } from './core-steps';
import { SYNC_TIMEOUT, sharedServer } from './sync-server';

const ALERT_NAME = 'CheckoutHighErrorRate';
const shared = sharedServer(1);

const comms = (page: Page) => page.getByRole('region', { name: 'Communications' });

async function shoot(page: Page, name: string, path: (n: string) => string): Promise<void> {
  for (const size of [{ width: 1920, height: 1080 }, { width: 1440, height: 900 }]) {
    await page.setViewportSize(size);
    await page.screenshot({ path: path(`${name}-${size.width}x${size.height}.png`) });
  }
}

test('public title and text from the plan, never the alert name; preview per message; first public post confirmed; states carry over', async ({ browser }, testInfo) => {
  test.setTimeout(300_000);
  const { page } = await shared.join(browser, 'Ada IC', { context: { viewport: { width: 1440, height: 900 } } });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Contacts' }).click();
  await page.getByLabel('Import contacts CSV').setInputFiles({ name: 'team.csv', mimeType: 'text/csv',
    buffer: Buffer.from('name,roles,phone,email,notes\nChris CTO,Incident Commander,,cto@example.test,\nDee Ops,On-Call Engineer,,dee@example.test,\n') });
  await expect(page.getByRole('status').filter({ hasText: 'team.csv' })).toContainText('Imported 2 contacts');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Incidents', exact: true }).click();
  await declare(page, ALERT_NAME, 'P1 High');

  const c = comms(page);
  await c.getByLabel('Audience').selectOption({ label: 'Stakeholders' });
  await c.getByLabel('Update text').fill('Checkout 5xx at 7%. Rolling back release 42. DB pool at 100%.');
  await c.getByRole('checkbox', { name: 'Email to Stakeholders (2 recipients)' }).check();
  await c.getByRole('checkbox', { name: 'Status page' }).check();
  const fields = c.getByRole('group', { name: 'Status page fields' });
  // Public words from the plan's template, not the alert name and not the stakeholder text.
  await expect(fields.getByLabel(/^Public title/)).toHaveValue('Service disruption');
  await expect(fields.getByLabel('Public text (status page)')).toHaveValue(/^We are investigating problems with our services\. We will post an update by \d\d:\d\d/);
  await fields.getByLabel(/^Public title/).fill('Problems paying at checkout');
  // A component ticked starts from its current state, never "Major outage".
  await fields.getByRole('checkbox', { name: 'Payment processing' }).check();
  await expect(fields.getByLabel('Payment processing state')).toHaveValue('operational');
  await fields.getByLabel('Payment processing state').selectOption({ label: 'Partial outage' });
  await expect(fields.getByLabel('Public text (status page)')).toHaveValue(/^We are investigating problems with Payment processing\./);

  // The preview is the messages: subject and recipients by name, the page's title, text and each component's state.
  await c.getByRole('button', { name: 'Preview' }).click();
  const preview = c.getByRole('region', { name: 'Preview of each message' });
  const email = preview.getByRole('article', { name: 'Email to Stakeholders' });
  await expect(email).toContainText('Internal');
  await expect(email.getByRole('status', { name: 'Subject of Email to Stakeholders' })).toHaveText(`[P1] Investigating: ${ALERT_NAME}`);
  await email.getByRole('button', { name: 'Show 2 recipients' }).click();
  await expect(email.getByRole('list', { name: 'Recipients of Email to Stakeholders' })).toContainText('Chris CTO <cto@example.test>');
  await expect(email.getByRole('list', { name: 'Recipients of Email to Stakeholders' })).toContainText('Dee Ops <dee@example.test>');
  const statusCard = preview.getByRole('article', { name: 'Status page' });
  await expect(statusCard).toContainText('Public');
  await expect(statusCard.getByRole('status', { name: 'Public title' })).toHaveText('Problems paying at checkout');
  await expect(statusCard.getByRole('table', { name: 'Component states' })).toContainText('Payment processingPartial outage');
  await expect(statusCard).not.toContainText(ALERT_NAME);
  await expect(statusCard).not.toContainText('Rolling back release 42');
  await c.getByRole('article', { name: 'Status page' }).scrollIntoViewIfNeeded();
  await shoot(page, 'composer-preview', (n) => testInfo.outputPath(n));

  // The first public post of the incident asks, showing exactly what becomes public.
  await c.getByRole('button', { name: 'Post update' }).click();
  const confirm = page.getByRole('dialog', { name: 'This becomes public' });
  await expect(confirm.getByRole('status', { name: 'Public title' })).toHaveText('Problems paying at checkout');
  await expect(confirm.getByRole('table', { name: 'Component states' })).toContainText('Payment processingPartial outage');
  await expect(confirm).toContainText('We are investigating problems with Payment processing.');
  await expect(confirm).not.toContainText(ALERT_NAME);
  await expect(confirm).not.toContainText('DB pool');
  await shoot(page, 'confirm-public', (n) => testInfo.outputPath(n));
  await confirm.getByRole('button', { name: 'Publish' }).click();
  await expect(confirm).toHaveCount(0);
  // The result stays in view, saying where it went.
  const result = c.getByRole('status').filter({ hasText: 'Posted to Stakeholders' });
  await expect(result).toBeInViewport();
  await expect(result.getByRole('list', { name: 'Where it went' })).toContainText('Status page: Problems paying at checkout');

  // The next update: states and the public title carry over, and no second confirmation.
  await c.getByLabel('Update text').fill('Rollback done; watching error rates.');
  await c.getByRole('checkbox', { name: 'Status page' }).check();
  await fields.getByLabel('Current status').selectOption({ label: 'Monitoring' });
  await expect(fields.getByRole('checkbox', { name: 'Payment processing' })).toBeChecked();
  await expect(fields.getByLabel('Payment processing state')).toHaveValue('partial_outage');
  await expect(fields.getByLabel(/^Public title/)).toHaveValue('Problems paying at checkout');
  await expect(fields.getByLabel('Public text (status page)')).toHaveValue(/^A fix for Payment processing is in place/);
  await c.getByRole('button', { name: 'Post update' }).click();
  await expect(page.getByRole('dialog', { name: 'This becomes public' })).toHaveCount(0);
  await expect(c.getByRole('status').filter({ hasText: 'Posted to Stakeholders' }).getByRole('list', { name: 'Where it went' })).toContainText('Status page: Problems paying at checkout');
  await expect(c.getByLabel('Update text')).not.toHaveValue('Rollback done; watching error rates.');

  // The hosted page: only the public words.
  const status = await page.context().newPage();
  await expect.poll(async () => { await status.goto('/status'); return status.getByRole('article', { name: 'Problems paying at checkout' }).count(); }, { timeout: SYNC_TIMEOUT }).toBe(1);
  await expect.poll(async () => { await status.reload(); return status.getByRole('article', { name: 'Problems paying at checkout' }).textContent(); }, { timeout: SYNC_TIMEOUT })
    .toContain('A fix for Payment processing is in place');
  await expect(status.getByRole('article', { name: 'Problems paying at checkout' })).toContainText('We are investigating problems with Payment processing.');
  await expect(status.locator('body')).not.toContainText(ALERT_NAME);
  await expect(status.locator('body')).not.toContainText('Rolling back release 42');
  await expect(status.locator('body')).not.toContainText('[P1');
  await status.close();
});
