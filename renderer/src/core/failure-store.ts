// The app's one persistent error region: storage trouble (full, blocked), and failures of controls that have no
// room for an inline message (table rows, the timeline's star), stay on screen until the user dismisses them.
import { create } from 'zustand';

export interface PersistentFailure {
  /** The region's accessible name: "Storage problem", "Not saved". */
  title: string;
  message: string;
}

export interface FailureState {
  persistent: PersistentFailure | null;
  report(message: string, title?: string): void;
  dismiss(): void;
}

export const useFailures = create<FailureState>((set) => ({
  persistent: null,
  report: (message, title = 'Storage problem') => set({ persistent: { title, message } }),
  dismiss: () => set({ persistent: null }),
}));
