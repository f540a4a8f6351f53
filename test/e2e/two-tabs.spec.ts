// One console open in two tabs of the same browser (the web build: two tabs on one local database). A local write
// tells the other tab's views itself (native-add.ts), so what is logged in one tab shows in the other at once,
// without a reload, both ways, each entry once.
import { test } from '@playwright/test';
import { declareP1, expect, firstRun, log, timelineRows } from './core-steps';

test('two tabs of one console show each other\'s entries without a reload, each once', async ({ page, context }) => {
  await page.goto('/');
  await firstRun(page, 'Dana IC');
  await declareP1(page, 'Checkout errors in EU');

  const other = await context.newPage();
  await other.goto('/');
  await other.getByRole('button', { name: 'Checkout errors in EU' }).click();
  await expect(other.getByRole('heading', { name: 'Checkout errors in EU' })).toBeVisible();

  await log(page, 'Error rate at 12% since 14:02');
  await expect(timelineRows(other).filter({ hasText: 'Error rate at 12% since 14:02' })).toHaveCount(1);
  await log(other, 'd: roll back payments-api to v41');
  await expect(timelineRows(page).filter({ hasText: 'roll back payments-api to v41' })).toHaveCount(1);
  await log(page, 'Rollback started');
  await expect(timelineRows(other).filter({ hasText: 'Rollback started' })).toHaveCount(1);

  // Both tabs end with the same timeline, and a reload shows the same again.
  const rowsOf = async (p: typeof page) => (await timelineRows(p).allInnerTexts()).length;
  await expect.poll(() => rowsOf(other)).toBe(await rowsOf(page));
  const before = await rowsOf(page);
  await other.reload();
  await other.getByRole('button', { name: 'Checkout errors in EU' }).click();
  await expect(timelineRows(other).filter({ hasText: 'Rollback started' })).toHaveCount(1);
  await expect.poll(() => rowsOf(other)).toBe(before);
});
