// Attention requests, wall-display mode and the tray react to the renderer's status as a commander expects.
import { describe, expect, it, vi } from 'vitest';

const trays = vi.hoisted(() => [] as Array<{ image: unknown; tooltip: string; title: string }>);
vi.mock('electron', () => {
  class Tray {
    image: unknown; tooltip = ''; title = '';
    constructor(image: unknown) { this.image = image; trays.push(this); }
    setToolTip(t: string) { this.tooltip = t; }
    setTitle(t: string) { this.title = t; }
    setImage(i: unknown) { this.image = i; }
    setContextMenu() {}
    on() {}
    destroy() {}
  }
  return { Tray, Menu: { buildFromTemplate: (t: unknown) => t } };
});

const { createAttention } = await import('./attention');
const { createWallDisplay } = await import('./wall-display');
const { createTray } = await import('./tray');

function fakeWindow(focused = false) {
  return { flashFrame: vi.fn(), isFocused: () => focused, setFullScreen: vi.fn(), setMenuBarVisibility: vi.fn() };
}

describe('attention', () => {
  it('flashes the taskbar and bounces the dock for an overdue clock, and stops on "none"', () => {
    const win = fakeWindow();
    const dock = { bounce: vi.fn(() => 7), cancelBounce: vi.fn() };
    const attention = createAttention({ dock } as never, () => win as never);
    attention.request('critical');
    expect(win.flashFrame).toHaveBeenCalledWith(true);
    expect(dock.bounce).toHaveBeenCalledWith('critical');
    attention.request('none');
    expect(win.flashFrame).toHaveBeenLastCalledWith(false);
    expect(dock.cancelBounce).toHaveBeenCalledWith(7);
  });

  it('does not nag when the window already has focus', () => {
    const win = fakeWindow(true);
    createAttention({ dock: undefined } as never, () => win as never).request('critical');
    expect(win.flashFrame).not.toHaveBeenCalled();
  });
});

describe('wall display', () => {
  it('goes full screen, keeps the display awake and remembers the choice', () => {
    const win = fakeWindow();
    const blocker = { start: vi.fn(() => 3), stop: vi.fn(), isStarted: vi.fn(() => true) };
    const persist = vi.fn();
    const wall = createWallDisplay({ getWindow: () => win as never, powerSaveBlocker: blocker, persist });
    wall.set(true);
    wall.set(true);
    expect(win.setFullScreen).toHaveBeenLastCalledWith(true);
    expect(blocker.start).toHaveBeenCalledTimes(1);
    expect(blocker.start).toHaveBeenCalledWith('prevent-display-sleep');
    expect(wall.isOn()).toBe(true);
    wall.set(false);
    expect(win.setFullScreen).toHaveBeenLastCalledWith(false);
    expect(blocker.stop).toHaveBeenCalledWith(3);
    expect(persist.mock.calls).toEqual([[true], [true], [false]]);
  });
});

describe('tray', () => {
  it('shows the most urgent clock in the icon and tooltip (and title on macOS)', () => {
    const icon = (level: string) => ({ level });
    const tray = createTray({ iconFor: icon as never, onShow: vi.fn(), onQuit: vi.fn(), platform: 'darwin' });
    const native = trays[trays.length - 1];
    expect(native?.image).toEqual({ level: 'ok' });
    tray.setStatus({ text: 'INC-7 update overdue 4m', level: 'overdue' });
    expect(native?.image).toEqual({ level: 'overdue' });
    expect(native?.tooltip).toBe('Incident Console: INC-7 update overdue 4m');
    expect(native?.title).toBe('INC-7 update overdue 4m');
    tray.setStatus({ text: '', level: 'ok' });
    expect(native?.tooltip).toBe('Incident Console');
  });
});
