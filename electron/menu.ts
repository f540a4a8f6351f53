// Application menu: the platform's usual roles plus the console's own commands and shortcuts.
import { type MenuItemConstructorOptions } from 'electron';
import { type MenuCommand } from '@shared/ipc/contract';

/** The console's shortcuts, one per menu command (also listed in docs/electron.md). */
export const MENU_SHORTCUTS: Readonly<Record<MenuCommand, { label: string; accelerator: string }>> = {
  'new-incident': { label: 'New Incident…', accelerator: 'CmdOrCtrl+N' },
  'post-update': { label: 'Post Status Update…', accelerator: 'CmdOrCtrl+U' },
  'export-pir': { label: 'Export Post-Incident Review…', accelerator: 'CmdOrCtrl+Shift+E' },
  'open-settings': { label: 'Settings…', accelerator: 'CmdOrCtrl+,' },
  'focus-timeline': { label: 'Focus Timeline', accelerator: 'CmdOrCtrl+L' },
  'toggle-wall-display': { label: 'Wall Display', accelerator: 'CmdOrCtrl+Shift+F' },
};

export interface MenuOptions {
  isMac: boolean;
  /** Developer tools only in unpackaged builds. */
  isDev: boolean;
  appName: string;
  send(command: MenuCommand): void;
}

export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const command = (name: MenuCommand): MenuItemConstructorOptions => ({
    label: MENU_SHORTCUTS[name].label,
    accelerator: MENU_SHORTCUTS[name].accelerator,
    click: () => options.send(name),
  });
  const sep: MenuItemConstructorOptions = { type: 'separator' };

  const appMenu: MenuItemConstructorOptions[] = options.isMac
    ? [{
        label: options.appName,
        submenu: [{ role: 'about' }, sep, command('open-settings'), sep, { role: 'services' }, sep,
          { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, sep, { role: 'quit' }],
      }]
    : [];

  const fileMenu: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      command('new-incident'),
      command('post-update'),
      sep,
      command('export-pir'),
      ...(options.isMac ? [sep, { role: 'close' } as const] : [sep, command('open-settings'), sep, { role: 'quit' } as const]),
    ],
  };

  const viewMenu: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      command('focus-timeline'),
      command('toggle-wall-display'),
      sep,
      { role: 'reload' },
      ...(options.isDev ? [{ role: 'toggleDevTools' } as const] : []),
      sep,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      sep,
      { role: 'togglefullscreen' },
    ],
  };

  return [
    ...appMenu,
    fileMenu,
    { role: 'editMenu' },
    viewMenu,
    { role: 'windowMenu' },
  ];
}
