// UI-only state (navigation, theme, dialogs, wall display) in zustand; nothing here is persisted (settings own the theme).
import { create } from 'zustand';

/** Every page of the shell, closed: a new page adds its id here and its route in app/pages.tsx (the type checker asks). */
export const PAGE_IDS = ['incidents', 'declare', 'console', 'alerts', 'status', 'contacts', 'plan', 'reviews', 'actions', 'metrics', 'drills', 'server', 'settings'] as const;
export type PageId = (typeof PAGE_IDS)[number];
export type Theme = 'dark' | 'light';
/** What the user chose; "system" follows the operating system's colour scheme. */
export type ThemeChoice = Theme | 'system';

function systemTheme(): Theme {
  try { return window.matchMedia('(prefers-color-scheme: light)').matches ? 'light' : 'dark'; } catch { return 'dark'; }
}

/** The theme to show for a choice (pure given the system preference). */
export function resolveTheme(choice: ThemeChoice, system: Theme): Theme {
  return choice === 'system' ? system : choice;
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

export const useUi = create<UiState>((set) => ({
  page: 'incidents',
  incidentId: null,
  // The start-up default; the settings feature applies the stored choice before the first paint (restoreTheme).
  themeChoice: 'dark',
  theme: 'dark',
  helpOpen: false,
  wallDisplay: false,
  focusTimelineTick: 0,
  navigate: (page, incidentId) => set((s) => ({ page, incidentId: incidentId === undefined ? s.incidentId : incidentId })),
  openIncident: (incidentId) => set({ page: 'console', incidentId }),
  toggleTheme: () => set((s) => {
    const theme: Theme = s.theme === 'dark' ? 'light' : 'dark';
    return { theme, themeChoice: theme };
  }),
  setThemeChoice: (themeChoice) => {
    set({ themeChoice, theme: resolveTheme(themeChoice, systemTheme()) });
  },
  refreshSystemTheme: () => set((s) => ({ theme: resolveTheme(s.themeChoice, systemTheme()) })),
  setHelpOpen: (helpOpen) => set({ helpOpen }),
  setWallDisplay: (wallDisplay) => set({ wallDisplay }),
  toggleWallDisplay: () => set((s) => ({ wallDisplay: !s.wallDisplay })),
  focusTimeline: () => set((s) => ({ focusTimelineTick: s.focusTimelineTick + 1 })),
}));
