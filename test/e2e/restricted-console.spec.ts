// A restricted incident on one console, no server (the rules are the plan's and the incident's, not the network's):
// the composer offers only the destinations its plan allows for restricted incidents (the built-in plan: email,
// pages and the status pages), the rest shown greyed with the reason; and only its commander or a security officer
// changes who commands it (else a participant would relieve the commander, take the role and open it).
import { test } from '@playwright/test';
import { assignRole, declareP1, expect, firstRun, roleCard } from './core-steps';

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

test('a restricted incident: once someone else commands it, this console may not relieve or take the commander role', async ({ page }) => {
  await page.goto('/');
  await firstRun(page, 'Quinn Commander');
  await declareP1(page, 'Signing key exposed');
  const who = page.getByRole('region', { name: 'Who sees it' });
  await who.getByRole('button', { name: 'Restrict to the people working it…' }).click();
  await who.getByLabel('Reason for restricting').fill('key material involved');
  await who.getByRole('button', { name: 'Restrict now' }).click();
  await expect(page.getByText('RESTRICTED', { exact: true })).toBeVisible();
  // Nobody commands it yet: any participant may name the commander.
  await assignRole(page, 'Incident Commander', 'Pat Lead');
  const ic = roleCard(page, 'Incident Commander');
  await expect(ic.getByRole('button', { name: 'Relieve Incident Commander' })).toHaveCount(0);
  await expect(ic.getByLabel('Person for Incident Commander')).toHaveCount(0);
  await expect(ic.getByRole('note', { name: 'Who changes Incident Commander' }))
    .toHaveText('In a restricted incident only the incident commander (Pat Lead) or a security officer changes who commands it; the incoming commander takes command by accepting the handover.');
  // Other roles are assigned as ever.
  await assignRole(page, 'On-Call Engineer', 'Grace');
});
