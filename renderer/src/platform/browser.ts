// Browser fallbacks for the platform bridge: Notification API, Blob downloads, window.print.
import type { MenuCommand, NotifyPayload, SaveFileRequest, SaveResult, TrayStatus } from '@shared/ipc/contract';
import { readSettings, writeSettings } from './browser-settings';
import { localStore } from './local-store';
import type { Platform } from './';

const clickListeners = new Set<(incidentId: string) => void>();
const menuListeners = new Set<(command: MenuCommand) => void>();

async function notify(payload: NotifyPayload): Promise<void> {
  if (typeof Notification === 'undefined') return;
  if (Notification.permission === 'default') {
    try { await Notification.requestPermission(); } catch { return; }
  }
  if (Notification.permission !== 'granted') return;
  const n = new Notification(payload.title, { body: payload.body, tag: payload.key, requireInteraction: payload.urgency === 'critical' });
  n.onclick = () => {
    window.focus();
    if (payload.incidentId) for (const cb of clickListeners) cb(payload.incidentId);
  };
}

function base64ToBytes(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function saveFile(request: SaveFileRequest): Promise<SaveResult> {
  const data = request.encoding === 'base64' ? base64ToBytes(request.content) : request.content;
  const blob = new Blob([data], { type: 'application/octet-stream' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = request.suggestedName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { saved: true };
}

/** Full screen through the Fullscreen API when the browser allows it; refusals (no user gesture, iframe) are ignored. */
async function setWallDisplay(on: boolean): Promise<void> {
  if (typeof document === 'undefined') return;
  try {
    if (on && !document.fullscreenElement && typeof document.documentElement.requestFullscreen === 'function') {
      await document.documentElement.requestFullscreen();
    } else if (!on && document.fullscreenElement && typeof document.exitFullscreen === 'function') {
      await document.exitFullscreen();
    }
  } catch { /* not allowed here: the wall layout still shows, just not full screen */ }
}

export function browserPlatform(): Platform {
  return {
    kind: 'browser',
    notify,
    requestAttention: async () => undefined,
    setTrayStatus: async (status: TrayStatus) => {
      if (typeof document !== 'undefined') document.title = status.level === 'ok' ? 'Incident Console' : `(${status.level}) ${status.text}`;
    },
    saveFile,
    printToPdf: async () => { window.print(); return { saved: false }; },
    openExternal: async ({ url }) => {
      if (!/^https?:\/\//i.test(url)) return false;
      return window.open(url, '_blank', 'noopener,noreferrer') !== null;
    },
    getSettings: async () => readSettings(localStore()),
    lastKnownSettings: () => readSettings(localStore()),
    updateSettings: async (patch) => writeSettings(localStore(), patch),
    setWallDisplay: ({ on }) => setWallDisplay(on),
    onNotificationClicked: (cb) => { clickListeners.add(cb); return () => clickListeners.delete(cb); },
    onMenuCommand: (cb) => { menuListeners.add(cb); return () => menuListeners.delete(cb); },
  };
}
