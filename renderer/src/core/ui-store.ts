// UI-only state (navigation, theme, dialogs, wall display) in zustand; nothing here is persisted in Dexie.
import { create } from 'zustand';

/** Pages of the shell. Other features may add their own page ids (e.g. "reviews", "drills", "metrics"). */
export type PageId = 'incidents' | 'declare' | 'console' | 'contacts' | 'plan' | (string & {});
export type Theme = 'dark' | 'light';
/** What the user chose; "system" follows the operating system's colour scheme. */
export type ThemeChoice = Theme | 'system';

const THEME_KEY = 'incident-console.theme';

function systemTheme(): Theme {
  try { return window.matchMedia('(prefers-color-scheme: light)').matches ? 'light' : 'dark'; } catch { return 'dark'; }
}

/** The theme to show for a choice (pure given the system preference). */
export function resolveTheme(choice: ThemeChoice, system: Theme): Theme {
  return choice === 'system' ? system : choice;
}

function initialChoice(): ThemeChoice {
  try {
    const stored = localStorage.getItem(THEME_KEY);
    return stored === 'light' || stored === 'system' ? stored : 'dark';
  } catch { return 'dark'; }
}

export interface UiState {
  page: PageId;
  incidentId: string | null;
  themeChoice: ThemeChoice;
  /** The theme shown (the choice, with "system" resolved). */
  theme: Theme;
  helpOpen: boolean;
  /** War-room layout: full screen, large clocks and the latest entries. */
  wallDisplay: boolean;
  /** Bumped to ask the timeline entry box to take focus. */
  focusTimelineTick: number;
  navigate(page: PageId, incidentId?: string | null): void;
  openIncident(incidentId: string): void;
  toggleTheme(): void;
  setThemeChoice(choice: ThemeChoice): void;
  /** Re-resolve a "system" choice after the OS colour scheme changed. */
  refreshSystemTheme(): void;
  setHelpOpen(open: boolean): void;
  setWallDisplay(on: boolean): void;
  toggleWallDisplay(): void;
  focusTimeline(): void;
}

function persistChoice(choice: ThemeChoice): void {
  try { localStorage.setItem(THEME_KEY, choice); } catch { /* private mode: theme is per session */ }
}

const firstChoice = initialChoice();

export const useUi = create<UiState>((set) => ({
  page: 'incidents',
  incidentId: null,
  themeChoice: firstChoice,
  theme: resolveTheme(firstChoice, systemTheme()),
  helpOpen: false,
  wallDisplay: false,
  focusTimelineTick: 0,
  navigate: (page, incidentId) => set((s) => ({ page, incidentId: incidentId === undefined ? s.incidentId : incidentId })),
  openIncident: (incidentId) => set({ page: 'console', incidentId }),
  toggleTheme: () => set((s) => {
    const theme: Theme = s.theme === 'dark' ? 'light' : 'dark';
    persistChoice(theme);
    return { theme, themeChoice: theme };
  }),
  setThemeChoice: (themeChoice) => {
    persistChoice(themeChoice);
    set({ themeChoice, theme: resolveTheme(themeChoice, systemTheme()) });
  },
  refreshSystemTheme: () => set((s) => ({ theme: resolveTheme(s.themeChoice, systemTheme()) })),
  setHelpOpen: (helpOpen) => set({ helpOpen }),
  setWallDisplay: (wallDisplay) => set({ wallDisplay }),
  toggleWallDisplay: () => set((s) => ({ wallDisplay: !s.wallDisplay })),
  focusTimeline: () => set((s) => ({ focusTimelineTick: s.focusTimelineTick + 1 })),
}));
