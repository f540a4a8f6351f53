// Sandboxed preload: exposes window.incidentConsole, one narrow typed function per capability, nothing else.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_CHANNELS, INVOKE_CHANNELS, MENU_COMMANDS, type MenuCommand } from '@shared/ipc/channels';
import { type DesktopBridge, type InvokeApi } from '@shared/ipc/contract';

// One method per channel of the contract's table, the payload passed as is: main validates every payload.
const calls = Object.fromEntries(
  Object.entries(INVOKE_CHANNELS).map(([method, channel]) => [method, (payload?: unknown) => ipcRenderer.invoke(channel, payload)]),
) as InvokeApi;

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
  ...calls,
  onNotificationClicked: (listener) =>
    subscribe(EVENT_CHANNELS.notificationClicked, (v): v is string => typeof v === 'string' && v.length > 0, listener),
  onMenuCommand: (listener) => subscribe(EVENT_CHANNELS.menuCommand, isMenuCommand, listener),
};

contextBridge.exposeInMainWorld('incidentConsole', bridge);
