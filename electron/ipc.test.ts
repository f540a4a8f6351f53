// IPC handlers reject senders other than the console's top frame and payloads that do not match the contract.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC } from '@shared/ipc/contract';
import { type DesktopServices as Services } from './ipc';

vi.mock('electron', () => ({}));

const { registerIpcHandlers, InvalidPayloadError, UntrustedSenderError } = await import('./ipc');

type Handler = (event: unknown, payload?: unknown) => Promise<unknown>;

const OUR_CONTENTS_ID = 1;
const defaults = { displayName: '', callsign: '', syncServerUrl: '', notifications: { enabled: true, sound: true, dueSoon: true }, theme: 'dark' as const, wallDisplay: false };

function setup() {
  const handlers = new Map<string, Handler>();
  const services = {
    notify: vi.fn(),
    requestAttention: vi.fn(),
    setTrayStatus: vi.fn(),
    saveFile: vi.fn(async () => ({ saved: true, path: '/tmp/x' })),
    printToPdf: vi.fn(async () => ({ saved: false })),
    getSettings: vi.fn(() => defaults),
    updateSettings: vi.fn(() => defaults),
    openExternal: vi.fn(async () => true),
    setWallDisplay: vi.fn(),
  } satisfies Services;
  registerIpcHandlers({ handle: (channel: string, h: Handler) => void handlers.set(channel, h) } as never, services, (c) => c.id === OUR_CONTENTS_ID);
  const call = (channel: string, payload?: unknown, event: unknown = trustedEvent()) => {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler(event, payload);
  };
  return { handlers, services, call };
}

function trustedEvent(overrides: { id?: number; url?: string; parent?: unknown; frame?: null } = {}) {
  const frame = overrides.frame === null ? null : { url: overrides.url ?? 'app://console/index.html', parent: overrides.parent ?? null };
  return { sender: { id: overrides.id ?? OUR_CONTENTS_ID }, senderFrame: frame };
}

let s: ReturnType<typeof setup>;
beforeEach(() => {
  s = setup();
});

describe('IPC handlers', () => {
  it('registers a handler for every renderer-to-main channel of the contract', () => {
    const toMain = Object.entries(IPC).filter(([name]) => !['notificationClicked', 'menuCommand'].includes(name)).map(([, ch]) => ch);
    expect([...s.handlers.keys()].sort()).toEqual(toMain.sort());
  });

  it('passes parsed payloads (with contract defaults) to the service', async () => {
    await s.call(IPC.notify, { key: 'inc-1:update:due', title: 'Update due', body: 'P1 status update due now' });
    expect(s.services.notify).toHaveBeenCalledWith(expect.objectContaining({ key: 'inc-1:update:due', urgency: 'normal' }), expect.anything());
    await s.call(IPC.requestAttention, { level: 'critical' });
    expect(s.services.requestAttention).toHaveBeenCalledWith({ level: 'critical' }, expect.objectContaining({ sender: { id: OUR_CONTENTS_ID } }));
    expect(await s.call(IPC.openExternal, { url: 'https://example.com' })).toBe(true);
    expect(await s.call(IPC.getSettings)).toEqual(defaults);
    await s.call(IPC.setWallDisplay, { on: true });
    expect(s.services.setWallDisplay).toHaveBeenCalledWith({ on: true }, expect.anything());
  });

  it('hands the raw settings patch on, so only sent keys change', async () => {
    await s.call(IPC.updateSettings, { theme: 'light' });
    expect(s.services.updateSettings).toHaveBeenCalledWith(expect.anything(), expect.objectContaining({ raw: { theme: 'light' } }));
  });

  it('rejects a sender that is not our window', async () => {
    await expect(s.call(IPC.getSettings, undefined, trustedEvent({ id: 99 }))).rejects.toBeInstanceOf(UntrustedSenderError);
    expect(s.services.getSettings).not.toHaveBeenCalled();
  });

  it('rejects our window when its frame shows a foreign page, is a sub-frame, or is gone', async () => {
    const events = [
      trustedEvent({ url: 'https://evil.example/' }),
      trustedEvent({ url: 'file:///tmp/page.html' }),
      trustedEvent({ parent: { url: 'app://console/index.html' } }),
      trustedEvent({ frame: null }),
    ];
    for (const event of events) {
      await expect(s.call(IPC.openExternal, { url: 'https://example.com' }, event)).rejects.toBeInstanceOf(UntrustedSenderError);
    }
    expect(s.services.openExternal).not.toHaveBeenCalled();
  });

  it('rejects malformed payloads before any service runs', async () => {
    const bad: Array<[string, unknown]> = [
      [IPC.notify, { title: 'no key', body: '' }],
      [IPC.notify, { key: 'k', title: 'x', body: 'y', urgency: 'panic' }],
      [IPC.notify, 'just a string'],
      [IPC.requestAttention, { level: 'loud' }],
      [IPC.setTrayStatus, { text: 'x'.repeat(500), level: 'ok' }],
      [IPC.saveFile, { suggestedName: 'a.txt', content: 'x', encoding: 'hex' }],
      [IPC.saveFile, { suggestedName: 'a', content: 'x', filters: [{ name: 'bad', extensions: ['../sh'] }] }],
      [IPC.printToPdf, { suggestedName: '' }],
      [IPC.openExternal, { url: 42 }],
      [IPC.openExternal, undefined],
      [IPC.setWallDisplay, { on: 'yes' }],
      [IPC.getSettings, { sneaky: true }],
      [IPC.updateSettings, { theme: 'neon' }],
      [IPC.updateSettings, null],
    ];
    for (const [channel, payload] of bad) {
      await expect(s.call(channel, payload), `${channel} ${JSON.stringify(payload)}`).rejects.toBeInstanceOf(InvalidPayloadError);
    }
    for (const fn of Object.values(s.services)) expect(fn).not.toHaveBeenCalled();
  });
});
