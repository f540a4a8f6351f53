// Taskbar flash / dock bounce for overdue high-severity clocks, cancelled when the renderer says "none".
import { type App, type BrowserWindow } from 'electron';
import { type AttentionLevel } from './ipc';

export interface AttentionController {
  request(level: AttentionLevel): void;
}

export function createAttention(app: Pick<App, 'dock'>, getWindow: () => BrowserWindow | null): AttentionController {
  let bounceId: number | null = null;
  const stopBounce = (): void => {
    if (bounceId !== null) app.dock?.cancelBounce(bounceId);
    bounceId = null;
  };

  return {
    request(level) {
      const win = getWindow();
      if (level === 'none') {
        stopBounce();
        win?.flashFrame(false);
        return;
      }
      // Focused window: the commander is already looking at it.
      if (win?.isFocused()) return;
      stopBounce();
      const id = app.dock?.bounce(level);
      bounceId = typeof id === 'number' ? id : null;
      win?.flashFrame(true);
    },
  };
}
