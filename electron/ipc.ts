// IPC handlers: each checks the sender frame, parses its payload from `unknown`, then calls one service.
import { type IpcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { z } from 'zod';
import {
  IPC,
  attentionPayload,
  notifyPayload,
  openExternalPayload,
  printToPdfPayload,
  saveFilePayload,
  settingsPatch,
  trayStatusPayload,
  wallDisplayPayload,
  type SaveResult,
  type Settings,
  type TrayStatus,
} from '@shared/ipc/contract';
import { isAppUrl } from './app-url';

export type NotifyRequest = z.infer<typeof notifyPayload>;
export type SaveFileInput = z.infer<typeof saveFilePayload>;
export type AttentionLevel = z.infer<typeof attentionPayload>['level'];

/** What the handlers call; main.ts wires these to the real modules. */
export interface DesktopServices {
  notify(request: NotifyRequest): void;
  requestAttention(level: AttentionLevel): void;
  setTrayStatus(status: TrayStatus): void;
  saveFile(request: SaveFileInput, sender: WebContents): Promise<SaveResult>;
  printToPdf(suggestedName: string, sender: WebContents): Promise<SaveResult>;
  getSettings(): Settings;
  /** Receives the raw patch: settings apply only the keys the caller sent (see settings.ts). */
  updateSettings(rawPatch: unknown): Settings;
  openExternal(url: string): Promise<boolean>;
  setWallDisplay(on: boolean): void;
}

export class UntrustedSenderError extends Error {
  constructor(channel: string) {
    super(`Refused ${channel}: the sender is not the console window`);
  }
}

export class InvalidPayloadError extends Error {
  constructor(channel: string) {
    super(`Refused ${channel}: malformed payload`);
  }
}

/**
 * Trusted means: the message comes from the top frame of one of our windows, and that frame shows the
 * app's own origin (not a page it was somehow navigated to, nor an embedded frame).
 */
export function isTrustedSender(event: IpcMainInvokeEvent, isOurWindow: (contents: WebContents) => boolean): boolean {
  const frame = event.senderFrame;
  if (frame === null || frame.parent !== null) return false;
  if (!isAppUrl(frame.url)) return false;
  return isOurWindow(event.sender);
}

const noPayload = z.undefined();

export function registerIpcHandlers(
  ipcMain: Pick<IpcMain, 'handle'>,
  services: DesktopServices,
  isOurWindow: (contents: WebContents) => boolean,
): void {
  const handle = <S extends z.ZodType, R>(
    channel: string,
    schema: S,
    run: (payload: z.infer<S>, event: IpcMainInvokeEvent, raw: unknown) => R | Promise<R>,
  ): void => {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, raw: unknown) => {
      if (!isTrustedSender(event, isOurWindow)) throw new UntrustedSenderError(channel);
      const parsed = schema.safeParse(raw);
      if (!parsed.success) throw new InvalidPayloadError(channel);
      return run(parsed.data, event, raw);
    });
  };

  handle(IPC.notify, notifyPayload, (p) => services.notify(p));
  handle(IPC.requestAttention, attentionPayload, (p) => services.requestAttention(p.level));
  handle(IPC.setTrayStatus, trayStatusPayload, (p) => services.setTrayStatus(p));
  handle(IPC.saveFile, saveFilePayload, (p, e) => services.saveFile(p, e.sender));
  handle(IPC.printToPdf, printToPdfPayload, (p, e) => services.printToPdf(p.suggestedName, e.sender));
  handle(IPC.getSettings, noPayload, () => services.getSettings());
  // Validated here; the raw patch goes on so settings.ts can keep only the keys the caller sent.
  handle(IPC.updateSettings, settingsPatch, (_p, _e, raw) => services.updateSettings(raw));
  handle(IPC.openExternal, openExternalPayload, (p) => services.openExternal(p.url));
  handle(IPC.setWallDisplay, wallDisplayPayload, (p) => services.setWallDisplay(p.on));
}
