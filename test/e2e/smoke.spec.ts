// The renderer loads in a real browser: first run asks a name, then the shell with its navigation shows.
import { test } from '@playwright/test';
import { expect } from './core-steps';

test('first run asks a display name, then shows the incident list and navigation', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Incident Console' })).toBeVisible();
  await page.getByLabel('Your display name').fill('Casey');
  await page.getByRole('button', { name: 'Start' }).click();
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const name of ['Incidents', 'Contacts', 'Plan']) await expect(nav.getByRole('button', { name })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Active incidents' })).toBeVisible();
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  // Opened from its button, closing hands focus back to the button.
  const helpButton = page.getByRole('button', { name: 'Keyboard shortcuts' });
  await helpButton.click();
  await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(helpButton).toBeFocused();
  await page.getByRole('button', { name: 'Switch to light theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.reload();
  await expect(page.getByText('Casey')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
});
