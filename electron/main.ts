// Desktop entry point: security before anything loads, then settings, protocol, window, IPC, menu, tray, alerts.
import { app, ipcMain, Menu, nativeImage, powerSaveBlocker, screen, session, type BrowserWindow } from 'electron';
import path from 'node:path';
import { IPC, type MenuCommand } from '@shared/ipc/contract';
import { createAttention } from './attention';
import { createExporter } from './export';
import { registerIpcHandlers, type DesktopServices } from './ipc';
import { buildMenuTemplate } from './menu';
import { createNotifier } from './notifications';
import { registerAppScheme, serveAppProtocol } from './protocol';
import { hardenSession, hardenWebContents, openExternalSafely } from './security';
import { openSettingsStore, readSettings, readWindowBounds, saveWindowBounds, updateSettings } from './settings';
import { createTray, type TrayController, type TrayLevel } from './tray';
import { createWallDisplay } from './wall-display';
import { createMainWindow, focusWindow, restoreBounds } from './windows';

// Layout of the built app: dist/electron/{main,preload}.cjs + assets/, dist/web/ (the renderer).
const here = __dirname;
const webRoot = path.join(here, '..', 'web');
const asset = (name: string): string => path.join(here, 'assets', name);

registerAppScheme();
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  startApp();
}

function startApp(): void {
  let mainWindow: BrowserWindow | null = null;
  let tray: TrayController | null = null;
  const getWindow = (): BrowserWindow | null => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : null);
  const sendToWindow = (channel: string, value: string): void => getWindow()?.webContents.send(channel, value);

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('second-instance', () => focusWindow(getWindow()));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  if (process.platform === 'win32') app.setAppUserModelId('org.incidentconsole.desktop');

  void app.whenReady().then(() => {
    const store = openSettingsStore();
    hardenSession(session.defaultSession);
    serveAppProtocol(webRoot);

    const wall = createWallDisplay({
      getWindow,
      powerSaveBlocker,
      persist: (on) => updateSettings(store, { wallDisplay: on }),
    });
    const notifier = createNotifier({
      getSettings: () => readSettings(store),
      onClick: (incidentId) => {
        focusWindow(getWindow());
        if (incidentId !== undefined) sendToWindow(IPC.notificationClicked, incidentId);
      },
    });
    const attention = createAttention(app, getWindow);
    const exporter = createExporter({ getWindow, defaultDir: () => app.getPath('documents') });
    const trayIcon = (level: TrayLevel) => nativeImage.createFromPath(asset(`tray-${level}.png`));

    const services: DesktopServices = {
      notify: (request) => void notifier.notify(request),
      requestAttention: ({ level }) => attention.request(level),
      setTrayStatus: (status) => tray?.setStatus(status),
      saveFile: (request) => exporter.saveFile(request),
      printToPdf: ({ suggestedName }, { sender }) => exporter.printToPdf(suggestedName, sender),
      getSettings: () => readSettings(store),
      // The raw patch: settings apply only the keys the caller sent.
      updateSettings: (_patch, { raw }) => updateSettings(store, raw),
      openExternal: ({ url }) => openExternalSafely(url),
      setWallDisplay: ({ on }) => wall.set(on),
    };
    registerIpcHandlers(ipcMain, services, (contents) => getWindow()?.webContents.id === contents.id);

    const sendCommand = (command: MenuCommand): void => sendToWindow(IPC.menuCommand, command);
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        buildMenuTemplate({ isMac: process.platform === 'darwin', isDev: !app.isPackaged, appName: app.getName(), send: sendCommand }),
      ),
    );
    tray = createTray({
      iconFor: trayIcon,
      onShow: () => focusWindow(getWindow()),
      onQuit: () => app.quit(),
      platform: process.platform,
    });

    const openWindow = (): void => {
      const saved = readWindowBounds(store);
      const win = createMainWindow({
        preloadPath: path.join(here, 'preload.cjs'),
        iconPath: asset('icon.png'),
        bounds: restoreBounds(saved, screen.getAllDisplays().map((d) => d.workArea)),
        maximized: saved?.maximized ?? false,
        onBoundsChanged: (bounds) => saveWindowBounds(store, bounds),
      });
      mainWindow = win;
      win.on('closed', () => {
        if (mainWindow === win) mainWindow = null;
      });
      // Leaving full screen by hand (Esc) also leaves wall mode: let the renderer switch its layout back.
      win.on('leave-full-screen', () => {
        if (wall.isOn()) sendCommand('toggle-wall-display');
      });
      if (readSettings(store).wallDisplay) win.once('ready-to-show', () => wall.set(true));
    };

    openWindow();
    app.on('activate', () => {
      if (getWindow() === null) openWindow();
    });
  });
}
