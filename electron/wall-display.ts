// Wall-display mode: full screen, display kept awake, for a war-room screen; the layout is the renderer's.
import { type BrowserWindow, type PowerSaveBlocker } from 'electron';

export interface WallDisplayOptions {
  getWindow(): BrowserWindow | null;
  powerSaveBlocker: Pick<PowerSaveBlocker, 'start' | 'stop' | 'isStarted'>;
  /** Persists the choice so the wall screen comes back in wall mode after a restart. */
  persist(on: boolean): void;
}

export interface WallDisplay {
  set(on: boolean): void;
  isOn(): boolean;
}

export function createWallDisplay(options: WallDisplayOptions): WallDisplay {
  let on = false;
  let blockerId: number | null = null;

  return {
    set(next) {
      const win = options.getWindow();
      on = next;
      win?.setFullScreen(next);
      win?.setMenuBarVisibility(!next);
      if (next && blockerId === null) {
        blockerId = options.powerSaveBlocker.start('prevent-display-sleep');
      } else if (!next && blockerId !== null) {
        if (options.powerSaveBlocker.isStarted(blockerId)) options.powerSaveBlocker.stop(blockerId);
        blockerId = null;
      }
      options.persist(next);
    },
    isOn: () => on,
  };
}
