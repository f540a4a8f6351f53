// Which incident's review is open on the Reviews page (UI state only), and opening one from elsewhere.
import { create } from 'zustand';
import { useUi, type PageId } from './ui-store';

export const REVIEWS_PAGE: PageId = 'reviews';

interface ReviewNav {
  incidentId: string | null;
  select(incidentId: string | null): void;
}

export const useReviewNav = create<ReviewNav>((set) => ({
  incidentId: null,
  select: (incidentId) => set({ incidentId }),
}));

// Leaving the Reviews page closes the open review, so the nav entry always lands on the list.
useUi.subscribe((state, previous) => {
  if (previous.page === REVIEWS_PAGE && state.page !== REVIEWS_PAGE) useReviewNav.getState().select(null);
});

/** Open the review of an incident (from the console, the action list, a notification...). */
export function openReview(incidentId: string): void {
  useReviewNav.getState().select(incidentId);
  useUi.getState().navigate(REVIEWS_PAGE);
}
