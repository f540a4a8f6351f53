// The console window: locked-down web preferences, restored bounds, shown when ready to paint.
import { BrowserWindow, type Rectangle } from 'electron';
import { APP_ENTRY_URL } from './app-url';
import { hardenWebContents } from './security';
import { type WindowBounds } from './settings';

const DEFAULT_SIZE = { width: 1280, height: 800 };

/**
 * Keeps saved bounds only when the window would still be mostly on a connected display (a war-room
 * laptop is often undocked); otherwise keeps the size and lets the OS place it.
 */
export function restoreBounds(saved: WindowBounds | null, workAreas: Rectangle[]): Partial<Rectangle> {
  if (saved === null) return { ...DEFAULT_SIZE };
  const size = { width: saved.width, height: saved.height };
  if (saved.x === undefined || saved.y === undefined) return size;
  const { x, y } = saved;
  const visible = workAreas.some((area) => {
    const overlapW = Math.min(x + saved.width, area.x + area.width) - Math.max(x, area.x);
    const overlapH = Math.min(y + saved.height, area.y + area.height) - Math.max(y, area.y);
    return overlapW >= Math.min(200, saved.width) && overlapH >= Math.min(100, saved.height);
  });
  return visible ? { ...size, x, y } : size;
}

export interface MainWindowOptions {
  preloadPath: string;
  iconPath?: string;
  bounds: Partial<Rectangle>;
  maximized: boolean;
  onBoundsChanged(bounds: WindowBounds): void;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    ...options.bounds,
    minWidth: 800,
    minHeight: 560,
    show: false,
    title: 'Incident Console',
    backgroundColor: '#0f1115',
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    // Written out literally (not built by a helper) so the security scan can see every switch.
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true,
    },
  });
  hardenWebContents(win.webContents);
  if (options.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());

  let timer: NodeJS.Timeout | undefined;
  const save = (): void => {
    if (win.isDestroyed() || win.isFullScreen()) return;
    const b = win.getNormalBounds();
    options.onBoundsChanged({ x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() });
  };
  const saveSoon = (): void => {
    clearTimeout(timer);
    timer = setTimeout(save, 500);
  };
  win.on('resize', saveSoon);
  win.on('move', saveSoon);
  win.on('close', () => {
    clearTimeout(timer);
    save();
  });

  void win.loadURL(APP_ENTRY_URL);
  return win;
}

/** Brings the window to the front, restoring it when minimised (second instance, notification click). */
export function focusWindow(win: BrowserWindow | null): void {
  if (win === null || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}
