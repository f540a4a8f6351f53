// A restricted incident's composer offers only the destinations its plan allows for restricted incidents (the
// built-in plan: email, pages and the status pages): the rest are shown, greyed, with the reason, so the commander
// never picks one the server will refuse. One console, no server: the rule is the plan's, not the network's.
import { test } from '@playwright/test';
import { declareP1, expect, firstRun } from './core-steps';

test('a restricted incident: the composer shows the subscribers\' email as not for it, says why, and keeps email', async ({ page }, testInfo) => {
  await page.goto('/');
  await firstRun(page, 'Quinn Commander');
  await declareP1(page, 'Customer records exposed');
  const comms = page.getByRole('region', { name: 'Communications' });
  await comms.getByLabel('Audience').selectOption({ label: 'Users' });
  const subscribers = comms.getByRole('checkbox', { name: /^Email to status-page subscribers/ });
  await expect(subscribers).toBeEnabled();
  await expect(comms.getByRole('note', { name: "Where a restricted incident's updates go" })).toHaveCount(0);

  const who = page.getByRole('region', { name: 'Who sees it' });
  await who.getByRole('button', { name: 'Restrict to the people working it…' }).click();
  await who.getByLabel('Reason for restricting').fill('customer data involved');
  await who.getByRole('button', { name: 'Restrict now' }).click();

  await expect(subscribers).toBeDisabled();
  await expect(subscribers).toHaveAccessibleName(/\(not for a restricted incident\)$/);
  await expect(comms.getByRole('note', { name: "Where a restricted incident's updates go" }))
    .toHaveText(/^This incident is restricted: its plan sends its updates only to Email, .*Status page.* \(plan: Restricted Incidents\)\.$/);
  await expect(comms.getByRole('checkbox', { name: /^Email to Users/ })).toBeEnabled();
  await expect(comms.getByRole('checkbox', { name: 'Status page', exact: true })).toBeEnabled();
  for (const size of [{ width: 1440, height: 900 }, { width: 1920, height: 1080 }]) {
    await page.setViewportSize(size);
    await subscribers.scrollIntoViewIfNeeded();
    await page.screenshot({ path: testInfo.outputPath(`restricted-composer-${size.width}x${size.height}.png`) });
  }
});
