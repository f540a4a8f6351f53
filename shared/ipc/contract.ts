// The contract between the renderer and the desktop shell: one narrow, typed function per capability.
// The preload exposes `window.incidentConsole: DesktopBridge`; main parses every payload with these schemas.
import { z } from 'zod';
import { INVOKE_CHANNELS, type InvokeMethod, type MenuCommand } from './channels';

// Channel names live in ./channels (no zod) so the sandboxed preload bundle stays small; re-exported here.
export { EVENT_CHANNELS, INVOKE_CHANNELS, IPC, MENU_COMMANDS, type InvokeMethod, type MenuCommand } from './channels';

export const notifyPayload = z.object({
  /** Stable key (incident + clock + state) so one due clock notifies once. */
  key: z.string().min(1).max(200),
  title: z.string().min(1).max(200),
  body: z.string().max(1000),
  incidentId: z.string().max(100).optional(),
  urgency: z.enum(['normal', 'critical']).default('normal'),
});

export const attentionPayload = z.object({ level: z.enum(['critical', 'informational', 'none']) });

export const trayStatusPayload = z.object({
  text: z.string().max(120),
  level: z.enum(['ok', 'due-soon', 'overdue']),
});

export const saveFilePayload = z.object({
  suggestedName: z.string().min(1).max(200),
  filters: z.array(z.object({ name: z.string().max(60), extensions: z.array(z.string().regex(/^[a-z0-9]+$/i)).max(10) })).max(10).default([]),
  /** Text content (UTF-8) or base64 for binary content. */
  content: z.string(),
  encoding: z.enum(['utf8', 'base64']).default('utf8'),
});

export const printToPdfPayload = z.object({ suggestedName: z.string().min(1).max(200) });

export const openExternalPayload = z.object({ url: z.string().max(2048) });

export const wallDisplayPayload = z.object({ on: z.boolean() });

export const settingsSchema = z.object({
  displayName: z.string().max(80).default(''),
  callsign: z.string().max(40).default(''),
  syncServerUrl: z.string().max(2048).default(''),
  notifications: z.object({ enabled: z.boolean().default(true), sound: z.boolean().default(true), dueSoon: z.boolean().default(true) }).default({ enabled: true, sound: true, dueSoon: true }),
  theme: z.enum(['dark', 'light', 'system']).default('dark'),
  wallDisplay: z.boolean().default(false),
});
export const settingsPatch = settingsSchema.partial();

export type NotifyPayload = z.input<typeof notifyPayload>;
export type TrayStatus = z.infer<typeof trayStatusPayload>;
export type SaveFileRequest = z.input<typeof saveFilePayload>;
export type Settings = z.infer<typeof settingsSchema>;
export type SettingsPatch = z.infer<typeof settingsPatch>;

export interface SaveResult { saved: boolean; path?: string }

/**
 * The table of renderer -> main calls: per bridge method, its channel and the schema main parses the payload with.
 * Main registers a handler per row (electron/ipc.ts); the preload exposes a method per channel (electron/preload.ts).
 */
export const INVOKE_CONTRACT = {
  notify: { channel: INVOKE_CHANNELS.notify, schema: notifyPayload },
  requestAttention: { channel: INVOKE_CHANNELS.requestAttention, schema: attentionPayload },
  setTrayStatus: { channel: INVOKE_CHANNELS.setTrayStatus, schema: trayStatusPayload },
  saveFile: { channel: INVOKE_CHANNELS.saveFile, schema: saveFilePayload },
  printToPdf: { channel: INVOKE_CHANNELS.printToPdf, schema: printToPdfPayload },
  getSettings: { channel: INVOKE_CHANNELS.getSettings, schema: z.undefined() },
  updateSettings: { channel: INVOKE_CHANNELS.updateSettings, schema: settingsPatch },
  openExternal: { channel: INVOKE_CHANNELS.openExternal, schema: openExternalPayload },
  setWallDisplay: { channel: INVOKE_CHANNELS.setWallDisplay, schema: wallDisplayPayload },
} as const satisfies { [K in InvokeMethod]: { channel: (typeof INVOKE_CHANNELS)[K]; schema: z.ZodType } };

/** What each call resolves to. */
export interface InvokeResults {
  notify: void;
  requestAttention: void;
  setTrayStatus: void;
  saveFile: SaveResult;
  printToPdf: SaveResult;
  getSettings: Settings;
  updateSettings: Settings;
  openExternal: boolean;
  setWallDisplay: void;
}

/** The payload a caller sends (schema input: defaults may be left out) and main receives (schema output). */
export type InvokePayload<K extends InvokeMethod> = z.input<(typeof INVOKE_CONTRACT)[K]['schema']>;
export type ParsedPayload<K extends InvokeMethod> = z.output<(typeof INVOKE_CONTRACT)[K]['schema']>;

/** One method per row of the table; calls without a payload take none. */
export type InvokeApi = {
  [K in InvokeMethod]: undefined extends InvokePayload<K>
    ? (payload?: InvokePayload<K>) => Promise<InvokeResults[K]>
    : (payload: InvokePayload<K>) => Promise<InvokeResults[K]>;
};

/** What the preload exposes on `window.incidentConsole`: the calls of the table plus main's two events. */
export interface DesktopBridge extends InvokeApi {
  readonly kind: 'electron';
  onNotificationClicked(listener: (incidentId: string) => void): () => void;
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}
