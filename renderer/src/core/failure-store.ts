// The app's one persistent error: storage trouble (full, blocked) stays on screen until the user dismisses it.
import { create } from 'zustand';

export interface FailureState {
  /** The message in the persistent error region, or null when there is none. */
  persistent: string | null;
  report(message: string): void;
  dismiss(): void;
}

export const useFailures = create<FailureState>((set) => ({
  persistent: null,
  report: (persistent) => set({ persistent }),
  dismiss: () => set({ persistent: null }),
}));
