// Acknowledgement means a responder acknowledged (issue #23): the IC taking command or assigning roles does not meet
// the plan's response target; the assigned responder acknowledges on their own console, from the attention strip,
// and the review says who, how, and by which rule. Two consoles on the real sync server.
import { test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { assignRole, attentionStrip, declare, expect, roleCard, timelineRows } from './core-steps';
import { SYNC_TIMEOUT, sharedServer } from './sync-server';

const TITLE = 'Search results empty';
const shared = sharedServer(2);

function joinAs(browser: Browser, name: string): Promise<{ context: BrowserContext; page: Page }> {
  return shared.join(browser, name, { context: { viewport: { width: 1440, height: 900 }, timezoneId: 'UTC' } });
}

const responseClock = (page: Page) => page.getByRole('region', { name: 'Clocks' }).getByRole('article', { name: /^Response target/ });

test('the response target is met when the assigned responder acknowledges on their own console, not by the IC assigning roles', async ({ browser }, testInfo) => {
  test.setTimeout(300_000);
  const dana = await joinAs(browser, 'Dana IC');
  const grace = await joinAs(browser, 'Grace Oncall');

  await declare(dana.page, TITLE, 'P1 High');
  await assignRole(dana.page, 'Incident Commander', 'Dana IC');
  await assignRole(dana.page, 'On-Call Engineer', 'Grace Oncall');
  // The IC taking command and naming the on-call is not anyone acknowledging: the clock runs on.
  await expect(responseClock(dana.page)).toContainText('left');
  await expect(responseClock(dana.page)).not.toContainText('met');
  await expect(attentionStrip(dana.page).getByRole('button', { name: /Acknowledge/ })).toHaveCount(0);

  // Grace's console: the strip says what she was asked for, by whom; she acknowledges there.
  await grace.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Incidents', exact: true }).click();
  await grace.page.getByRole('button', { name: TITLE, exact: true }).click({ timeout: SYNC_TIMEOUT });
  const asked = attentionStrip(grace.page).getByRole('article', { name: 'You are asked as On-Call Engineer' });
  await expect(asked).toContainText('You were assigned as On-Call Engineer by Dana IC', { timeout: SYNC_TIMEOUT });
  await expect(attentionStrip(grace.page)).not.toContainText('Nothing overdue');
  for (const size of [{ width: 1440, height: 900 }, { width: 1920, height: 1080 }]) {
    await grace.page.setViewportSize(size);
    await grace.page.screenshot({ path: testInfo.outputPath(`acknowledge-strip-${size.width}x${size.height}.png`) });
  }
  await asked.getByRole('button', { name: 'Acknowledge as On-Call Engineer' }).click();
  await expect(asked).toHaveCount(0);

  for (const page of [grace.page, dana.page]) {
    await expect(responseClock(page)).toContainText('met at', { timeout: SYNC_TIMEOUT });
    await expect(timelineRows(page).filter({ hasText: 'Acknowledged by Grace Oncall as On-Call Engineer' })).toHaveCount(1);
  }
  await expect(roleCard(dana.page, 'On-Call Engineer')).toContainText('Grace Oncall since');

  // The review says who acknowledged, how, and the rule the incident is judged by.
  await dana.page.getByRole('button', { name: 'Change status' }).click();
  await dana.page.getByLabel('New status').selectOption('resolved');
  await dana.page.getByRole('checkbox', { name: 'Resolve without the full recurrence watch' }).check();
  await dana.page.getByRole('button', { name: 'Apply status' }).click();
  await dana.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Reviews' }).click();
  await dana.page.getByRole('button', { name: `Open review of ${TITLE}` }).click();
  const targets = dana.page.getByRole('list', { name: 'Targets' });
  await expect(targets).toContainText(/Acknowledged: Grace Oncall on their own console at 20\d\d-\d\d-\d\d \d\d:\d\d UTC\. Judged by acknowledgement rule 2: a paged or assigned responder acknowledged/);
  await expect(targets).toContainText('Response target (P1): met');
  await expect(dana.page.getByRole('list', { name: 'Review timeline' })).toContainText('Investigation started (acknowledged by Grace Oncall)');
});
