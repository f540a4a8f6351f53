// Start-up: load settings, apply the theme choice and the wall-display default, follow the OS colour scheme.
import { useEffect } from 'react';
import { useUi } from '../../core/ui-store';
import { useSettings } from './settings-store';

export function useSettingsBootstrap(): void {
  useEffect(() => {
    let cancelled = false;
    void useSettings.getState().load().then((settings) => {
      if (cancelled) return;
      const ui = useUi.getState();
      // Settings are the theme's record (the toggle writes through to them, settings-store.ts).
      ui.setThemeChoice(settings.theme);
      if (settings.wallDisplay) ui.setWallDisplay(true);
    });
    let media: MediaQueryList | null = null;
    const onChange = () => useUi.getState().refreshSystemTheme();
    try { media = window.matchMedia('(prefers-color-scheme: light)'); media.addEventListener('change', onChange); } catch { media = null; }
    return () => { cancelled = true; media?.removeEventListener('change', onChange); };
  }, []);
}
