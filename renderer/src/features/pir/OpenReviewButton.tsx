// A button for the console of a resolved incident: opens its post-incident review.
import { useIncidentState } from '../../db/hooks';
import { openReview } from '../../core/review-nav';

export function OpenReviewButton({ incidentId }: { incidentId: string }) {
  const state = useIncidentState(incidentId);
  if (!state || state.resolvedAt === null) return null;
  return <button type="button" onClick={() => openReview(incidentId)}>Post-incident review</button>;
}
