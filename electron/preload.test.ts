// The preload exposes exactly the contract's functions, each on its own channel, and filters main's messages.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC, type DesktopBridge } from '@shared/ipc/contract';

const fake = vi.hoisted(() => {
  type Listener = (event: unknown, value: unknown) => void;
  const listeners = new Map<string, Set<Listener>>();
  return {
    exposed: new Map<string, unknown>(),
    listeners,
    calls: [] as unknown[][],
    emit(channel: string, value: unknown) {
      for (const l of listeners.get(channel) ?? []) l({ sender: 'ipcRenderer internals' }, value);
    },
  };
});
vi.mock('electron', () => {
  return {
    contextBridge: { exposeInMainWorld: (name: string, api: unknown) => fake.exposed.set(name, api) },
    ipcRenderer: {
      invoke: async (...args: unknown[]) => void fake.calls.push(args),
      on: (channel: string, l: (event: unknown, value: unknown) => void) => {
        if (!fake.listeners.has(channel)) fake.listeners.set(channel, new Set());
        fake.listeners.get(channel)?.add(l);
      },
      removeListener: (channel: string, l: (event: unknown, value: unknown) => void) => fake.listeners.get(channel)?.delete(l),
    },
  };
});

await import('./preload');
const bridge = fake.exposed.get('incidentConsole') as DesktopBridge;

beforeEach(() => {
  fake.calls.length = 0;
});

describe('preload bridge', () => {
  it('exposes only window.incidentConsole with the contract functions (no generic send)', () => {
    expect([...fake.exposed.keys()]).toEqual(['incidentConsole']);
    expect(Object.keys(bridge).sort()).toEqual([
      'getSettings', 'kind', 'notify', 'onMenuCommand', 'onNotificationClicked', 'openExternal', 'printToPdf',
      'requestAttention', 'saveFile', 'setTrayStatus', 'setWallDisplay', 'updateSettings',
    ]);
    expect(bridge.kind).toBe('electron');
  });

  it('sends each call on its own channel with the payload shape main parses', async () => {
    await bridge.requestAttention({ level: 'critical' });
    await bridge.printToPdf({ suggestedName: 'INC-7 PIR' });
    await bridge.openExternal({ url: 'https://example.com' });
    await bridge.setWallDisplay({ on: true });
    await bridge.getSettings();
    expect(fake.calls).toEqual([
      [IPC.requestAttention, { level: 'critical' }],
      [IPC.printToPdf, { suggestedName: 'INC-7 PIR' }],
      [IPC.openExternal, { url: 'https://example.com' }],
      [IPC.setWallDisplay, { on: true }],
      [IPC.getSettings, undefined],
    ]);
  });

  it('passes only known menu commands to the page, never the IPC event', () => {
    const seen: unknown[] = [];
    const off = bridge.onMenuCommand((command) => seen.push(command));
    fake.emit(IPC.menuCommand, 'post-update');
    fake.emit(IPC.menuCommand, 'rm -rf');
    fake.emit(IPC.menuCommand, { command: 'post-update' });
    expect(seen).toEqual(['post-update']);
    off();
    fake.emit(IPC.menuCommand, 'new-incident');
    expect(seen).toEqual(['post-update']);
  });

  it('passes notification clicks as incident id strings only', () => {
    const seen: unknown[] = [];
    bridge.onNotificationClicked((id) => seen.push(id));
    fake.emit(IPC.notificationClicked, 'inc-7');
    fake.emit(IPC.notificationClicked, 7);
    fake.emit(IPC.notificationClicked, '');
    expect(seen).toEqual(['inc-7']);
  });
});
