// The user's settings as UI state (zustand), loaded from and saved through the platform bridge.
import { create } from 'zustand';
import type { Settings, SettingsPatch } from '@shared/ipc/contract';
import { useUi } from '../../core/ui-store';
import { platform } from '../../platform';
import { DEFAULT_SETTINGS } from '../../platform/browser-settings';

interface SettingsState {
  settings: Settings;
  loaded: boolean;
  error: string | null;
  load(): Promise<Settings>;
  update(patch: SettingsPatch): Promise<Settings | null>;
}

export const useSettings = create<SettingsState>((set, get) => ({
  settings: structuredClone(DEFAULT_SETTINGS),
  loaded: false,
  error: null,
  load: async () => {
    try {
      const settings = await platform.getSettings();
      set({ settings, loaded: true, error: null });
      return settings;
    } catch (err) {
      set({ loaded: true, error: err instanceof Error ? err.message : String(err) });
      return get().settings;
    }
  },
  update: async (patch) => {
    try {
      const settings = await platform.updateSettings(patch);
      set({ settings, error: null });
      return settings;
    } catch (err) {
      set({ error: err instanceof Error ? err.message : String(err) });
      return null;
    }
  },
}));

/** Shows the theme this device last stored before the first paint (settings load asynchronously after it). */
export function restoreTheme(): void {
  useUi.getState().setThemeChoice(platform.lastKnownSettings().theme);
}

/** The notification preferences the clock alert watcher reads at the moment it alerts. */
export function notificationPrefs(): Settings['notifications'] {
  return useSettings.getState().settings.notifications;
}

// The theme toggle (button, "t", menu) changes the UI store; keep the stored setting in step once loaded.
useUi.subscribe((state, previous) => {
  if (state.themeChoice === previous.themeChoice) return;
  const s = useSettings.getState();
  if (s.loaded && s.settings.theme !== state.themeChoice) void s.update({ theme: state.themeChoice });
});
