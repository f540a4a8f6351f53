// Start-up: load settings, apply the theme choice and the wall-display default, follow the OS colour scheme.
import { useEffect } from 'react';
import { useUi } from '../../core/ui-store';
import { platform } from '../../platform';
import { useSettings } from './settings-store';

export function useSettingsBootstrap(): void {
  useEffect(() => {
    let cancelled = false;
    void useSettings.getState().load().then((settings) => {
      if (cancelled) return;
      const ui = useUi.getState();
      // Desktop: settings.json is the record. Browser: the theme key the toggle always wrote is, so older choices survive.
      if (platform.kind === 'electron') ui.setThemeChoice(settings.theme);
      else if (settings.theme !== ui.themeChoice) void useSettings.getState().update({ theme: ui.themeChoice });
      if (settings.wallDisplay) ui.setWallDisplay(true);
    });
    let media: MediaQueryList | null = null;
    const onChange = () => useUi.getState().refreshSystemTheme();
    try { media = window.matchMedia('(prefers-color-scheme: light)'); media.addEventListener('change', onChange); } catch { media = null; }
    return () => { cancelled = true; media?.removeEventListener('change', onChange); };
  }, []);
}
