// IPC handlers: each checks the sender frame, parses its payload from `unknown`, then calls one service.
import { type IpcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { z } from 'zod';
import {
  INVOKE_CONTRACT,
  type InvokeMethod,
  type InvokeResults,
  type ParsedPayload,
  type notifyPayload,
  type saveFilePayload,
  type attentionPayload,
} from '@shared/ipc/contract';
import { isAppUrl } from './app-url';

export type NotifyRequest = z.infer<typeof notifyPayload>;
export type SaveFileInput = z.infer<typeof saveFilePayload>;
export type AttentionLevel = z.infer<typeof attentionPayload>['level'];

/** Who called, for services that need the window (print, save) or the raw payload (settings patches). */
export interface CallContext {
  sender: WebContents;
  /** The payload as sent: settings apply only the keys the caller sent (see settings.ts). */
  raw: unknown;
}

/** What the handlers call, one service per row of the contract's table; main.ts wires these to the real modules. */
export type DesktopServices = {
  [K in InvokeMethod]: (payload: ParsedPayload<K>, call: CallContext) => InvokeResults[K] | Promise<InvokeResults[K]>;
};

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

export function registerIpcHandlers(
  ipcMain: Pick<IpcMain, 'handle'>,
  services: DesktopServices,
  isOurWindow: (contents: WebContents) => boolean,
): void {
  for (const method of Object.keys(INVOKE_CONTRACT) as InvokeMethod[]) {
    const { channel, schema } = INVOKE_CONTRACT[method];
    // One row's service, seen through the row's own types (TypeScript cannot correlate method and row here).
    const run = services[method] as (payload: unknown, call: CallContext) => unknown;
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, raw: unknown) => {
      if (!isTrustedSender(event, isOurWindow)) throw new UntrustedSenderError(channel);
      const parsed = (schema as z.ZodType).safeParse(raw);
      if (!parsed.success) throw new InvalidPayloadError(channel);
      return run(parsed.data, { sender: event.sender, raw });
    });
  }
}
