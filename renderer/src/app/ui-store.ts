// UI-only state (navigation, theme, dialogs) in zustand; nothing here is persisted in Dexie.
import { create } from 'zustand';

/** Pages of the shell. Other features may add their own page ids (e.g. "reviews", "drills", "metrics"). */
export type PageId = 'incidents' | 'declare' | 'console' | 'contacts' | 'plan' | (string & {});
export type Theme = 'dark' | 'light';

const THEME_KEY = 'incident-console.theme';

function initialTheme(): Theme {
  try { return localStorage.getItem(THEME_KEY) === 'light' ? 'light' : 'dark'; } catch { return 'dark'; }
}

export interface UiState {
  page: PageId;
  incidentId: string | null;
  theme: Theme;
  helpOpen: boolean;
  /** Bumped to ask the timeline entry box to take focus. */
  focusTimelineTick: number;
  navigate(page: PageId, incidentId?: string | null): void;
  openIncident(incidentId: string): void;
  toggleTheme(): void;
  setHelpOpen(open: boolean): void;
  focusTimeline(): void;
}

export const useUi = create<UiState>((set) => ({
  page: 'incidents',
  incidentId: null,
  theme: initialTheme(),
  helpOpen: false,
  focusTimelineTick: 0,
  navigate: (page, incidentId) => set((s) => ({ page, incidentId: incidentId === undefined ? s.incidentId : incidentId })),
  openIncident: (incidentId) => set({ page: 'console', incidentId }),
  toggleTheme: () => set((s) => {
    const theme: Theme = s.theme === 'dark' ? 'light' : 'dark';
    try { localStorage.setItem(THEME_KEY, theme); } catch { /* private mode: theme is per session */ }
    return { theme };
  }),
  setHelpOpen: (helpOpen) => set({ helpOpen }),
  focusTimeline: () => set((s) => ({ focusTimelineTick: s.focusTimelineTick + 1 })),
}));
