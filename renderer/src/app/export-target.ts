// Pure rule of the Export PIR command: which review it opens from the current page.

/** Reviews page id (as in core/review-nav); kept literal so this rule has no imports. */
const REVIEWS_PAGE = 'reviews';

/** Which incident's review the command opens, or null when the current page has no resolved incident. */
export function exportTarget(page: string, consoleIncidentId: string | null, reviewIncidentId: string | null, status: string | undefined): string | null {
  if (page === REVIEWS_PAGE) return reviewIncidentId;
  if (page === 'console' && consoleIncidentId && (status === 'resolved' || status === 'closed')) return consoleIncidentId;
  return null;
}
