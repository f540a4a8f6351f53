// The application menu carries every console command with its shortcut, plus the platform's roles.
import { describe, expect, it, vi } from 'vitest';
import { type MenuItemConstructorOptions as Item } from 'electron';
import { MENU_COMMANDS, type MenuCommand } from '@shared/ipc/contract';

vi.mock('electron', () => ({}));
const { buildMenuTemplate } = await import('./menu');

function flatten(items: Item[]): Item[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

function build(isMac: boolean, isDev = false) {
  const sent: MenuCommand[] = [];
  const items = flatten(buildMenuTemplate({ isMac, isDev, appName: 'Incident Console', send: (c) => sent.push(c) }));
  return { items, sent };
}

describe('application menu', () => {
  it.each([false, true])('offers every console command once, with a distinct shortcut (mac: %s)', (isMac) => {
    const { items, sent } = build(isMac);
    const commandItems = items.filter((i) => i.click);
    expect(commandItems).toHaveLength(MENU_COMMANDS.length);
    for (const item of commandItems) item.click?.({} as never, undefined, {} as never);
    expect([...sent].sort()).toEqual([...MENU_COMMANDS].sort());
    const accelerators = commandItems.map((i) => i.accelerator);
    expect(accelerators.every((a) => typeof a === 'string' && a.length > 0)).toBe(true);
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });

  it('keeps the usual edit, window and quit roles', () => {
    const roles = build(false).items.map((i) => i.role);
    expect(roles).toEqual(expect.arrayContaining(['editMenu', 'windowMenu', 'quit', 'reload', 'togglefullscreen']));
    expect(build(true).items.map((i) => i.role)).toEqual(expect.arrayContaining(['about', 'hide', 'quit', 'close']));
  });

  it('offers developer tools only in development builds', () => {
    expect(build(false, false).items.some((i) => i.role === 'toggleDevTools')).toBe(false);
    expect(build(false, true).items.some((i) => i.role === 'toggleDevTools')).toBe(true);
  });
});
