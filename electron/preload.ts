// Sandboxed preload: exposes window.incidentConsole, one narrow typed function per capability, nothing else.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC, MENU_COMMANDS, type MenuCommand } from '@shared/ipc/channels';
import { type DesktopBridge, type SaveResult, type Settings } from '@shared/ipc/contract';

// The main process validates every payload; here we only fix the shapes and the channel per function.
const invoke = <T>(channel: string, payload?: unknown): Promise<T> => ipcRenderer.invoke(channel, payload) as Promise<T>;

const isMenuCommand = (value: unknown): value is MenuCommand =>
  typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);

function subscribe<T>(channel: string, accept: (value: unknown) => value is T, listener: (value: T) => void): () => void {
  // The event object never reaches the page: it carries `sender`, which would leak ipcRenderer.
  const handler = (_event: IpcRendererEvent, value: unknown): void => {
    if (accept(value)) listener(value);
  };
  ipcRenderer.on(channel, handler);
  return () => {
    ipcRenderer.removeListener(channel, handler);
  };
}

const bridge: DesktopBridge = {
  kind: 'electron',
  notify: (payload) => invoke<void>(IPC.notify, payload),
  requestAttention: (level) => invoke<void>(IPC.requestAttention, { level }),
  setTrayStatus: (status) => invoke<void>(IPC.setTrayStatus, status),
  saveFile: (request) => invoke<SaveResult>(IPC.saveFile, request),
  printToPdf: (suggestedName) => invoke<SaveResult>(IPC.printToPdf, { suggestedName }),
  getSettings: () => invoke<Settings>(IPC.getSettings),
  updateSettings: (patch) => invoke<Settings>(IPC.updateSettings, patch),
  openExternal: (url) => invoke<boolean>(IPC.openExternal, { url }),
  setWallDisplay: (on) => invoke<void>(IPC.setWallDisplay, { on }),
  onNotificationClicked: (listener) =>
    subscribe(IPC.notificationClicked, (v): v is string => typeof v === 'string' && v.length > 0, listener),
  onMenuCommand: (listener) => subscribe(IPC.menuCommand, isMenuCommand, listener),
};

contextBridge.exposeInMainWorld('incidentConsole', bridge);
