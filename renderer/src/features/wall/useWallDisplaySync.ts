// Keeps the platform in step with the UI store's wall-display flag (Electron full screen, or the Fullscreen API),
// and leaves wall mode when the browser's full screen is left by hand.
import { useEffect, useRef } from 'react';
import { useUi } from '../../core/ui-store';
import { platform } from '../../platform';

export function useWallDisplaySync(): void {
  const on = useUi((s) => s.wallDisplay);
  const first = useRef(true);
  useEffect(() => {
    // Start-up with the flag off needs no call (Electron's window starts windowed).
    if (first.current && !on) { first.current = false; return; }
    first.current = false;
    void platform.setWallDisplay({ on }).catch(() => undefined);
  }, [on]);

  useEffect(() => {
    if (platform.kind !== 'browser' || typeof document === 'undefined') return;
    const onChange = () => {
      if (!document.fullscreenElement && useUi.getState().wallDisplay) useUi.getState().setWallDisplay(false);
    };
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);
}
