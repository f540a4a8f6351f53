// Tray icon whose image and tooltip show the most urgent clock; menu to show the window or quit.
import { Menu, Tray, type NativeImage } from 'electron';
import { type TrayStatus } from '@shared/ipc/contract';

export type TrayLevel = TrayStatus['level'];

export interface TrayOptions {
  iconFor(level: TrayLevel): NativeImage;
  onShow(): void;
  onQuit(): void;
  platform: NodeJS.Platform;
}

export interface TrayController {
  setStatus(status: TrayStatus): void;
  destroy(): void;
}

const APP_NAME = 'Incident Console';

export function createTray(options: TrayOptions): TrayController {
  const tray = new Tray(options.iconFor('ok'));
  tray.setToolTip(APP_NAME);
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: `Show ${APP_NAME}`, click: () => options.onShow() },
      { type: 'separator' },
      { label: 'Quit', click: () => options.onQuit() },
    ]),
  );
  tray.on('click', () => options.onShow());
  let level: TrayLevel = 'ok';

  return {
    setStatus(status) {
      if (status.level !== level) {
        tray.setImage(options.iconFor(status.level));
        level = status.level;
      }
      tray.setToolTip(status.text === '' ? APP_NAME : `${APP_NAME}: ${status.text}`);
      // Only macOS shows text next to the tray icon.
      if (options.platform === 'darwin') tray.setTitle(status.text);
    },
    destroy() {
      tray.destroy();
    },
  };
}
