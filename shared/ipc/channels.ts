// IPC channel names and menu commands: plain constants, importable by the preload without pulling in zod.
export const IPC = {
  notify: 'ic:notify',
  requestAttention: 'ic:request-attention',
  setTrayStatus: 'ic:set-tray-status',
  saveFile: 'ic:save-file',
  printToPdf: 'ic:print-to-pdf',
  getSettings: 'ic:get-settings',
  updateSettings: 'ic:update-settings',
  openExternal: 'ic:open-external',
  setWallDisplay: 'ic:set-wall-display',
  /** main -> renderer */
  notificationClicked: 'ic:notification-clicked',
  menuCommand: 'ic:menu-command',
} as const;

export const MENU_COMMANDS = ['new-incident', 'focus-timeline', 'post-update', 'toggle-wall-display', 'open-settings', 'export-pir'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];
