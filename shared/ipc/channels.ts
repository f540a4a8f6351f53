// IPC channel names and menu commands: plain constants, importable by the preload without pulling in zod.

/**
 * Renderer -> main: one channel per bridge method. The preload exposes exactly these methods (one invoke each)
 * and main handles exactly these channels; contract.ts pairs each with the schema main parses its payload with.
 */
export const INVOKE_CHANNELS = {
  notify: 'ic:notify',
  requestAttention: 'ic:request-attention',
  setTrayStatus: 'ic:set-tray-status',
  saveFile: 'ic:save-file',
  printToPdf: 'ic:print-to-pdf',
  getSettings: 'ic:get-settings',
  updateSettings: 'ic:update-settings',
  openExternal: 'ic:open-external',
  setWallDisplay: 'ic:set-wall-display',
} as const;
export type InvokeMethod = keyof typeof INVOKE_CHANNELS;

/** main -> renderer. */
export const EVENT_CHANNELS = {
  notificationClicked: 'ic:notification-clicked',
  menuCommand: 'ic:menu-command',
} as const;

export const IPC = { ...INVOKE_CHANNELS, ...EVENT_CHANNELS } as const;

export const MENU_COMMANDS = ['new-incident', 'focus-timeline', 'post-update', 'toggle-wall-display', 'open-settings', 'export-pir'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];
