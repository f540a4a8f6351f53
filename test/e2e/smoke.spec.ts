// The renderer loads in a real browser and shows the console.
import { test, expect } from '@playwright/test';

test('the console loads with the default plan', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Incident Console' })).toBeVisible();
});
