// The paging gateway's server side: "Send test" (a signed `page.test` POST). Pages themselves are not updates: the
// worker hands a page.requested row to server/src/paging/page.ts, which resolves who is on call and signs the same way.
import { testMessage } from '@shared/delivery/channels/message';
import type { Channel } from '../types';
import { postMessage } from './http-kind';

export const PAGING_GATEWAY = { what: 'Paging gateway', signed: true } as const;

export const pagingChannel: Channel = {
  async test({ destination, by }, settings) {
    if (!destination) return { ok: false, detail: 'Paging gateway: no such destination' };
    const now = new Date();
    const m = testMessage({ publicUrl: settings.publicUrl, now, by });
    const message = { body: { type: 'page.test', sentAt: now.toISOString(), message: m.text, test: true } };
    const r = await postMessage(PAGING_GATEWAY, message, destination, settings);
    return r.ok ? { ok: true, detail: r.detail } : { ok: false, detail: r.reason };
  },
};
