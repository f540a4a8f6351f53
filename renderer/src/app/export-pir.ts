// The "Export PIR" command (menu / Ctrl+Shift+E): from a resolved incident's console or its review, open the
// review and put the keyboard on its export buttons.
import { db } from '../db/instance';
import { openReview, useReviewNav } from '../core/review-nav';
import { exportTarget } from './export-target';
import { useUi } from '../core/ui-store';

function focusExportButtons(triesLeft = 20): void {
  const button = document.querySelector<HTMLButtonElement>('[role="group"][aria-label="Export"] button');
  if (button) { button.scrollIntoView({ block: 'center' }); button.focus(); return; }
  if (triesLeft > 0) setTimeout(() => focusExportButtons(triesLeft - 1), 50);
}

export async function exportPirCommand(): Promise<void> {
  const { page, incidentId } = useUi.getState();
  const summary = page === 'console' && incidentId ? await db.incidents.get(incidentId) : undefined;
  const target = exportTarget(page, incidentId, useReviewNav.getState().incidentId, summary?.status);
  if (!target) return;
  useUi.getState().setWallDisplay(false);
  openReview(target);
  focusExportButtons();
}
