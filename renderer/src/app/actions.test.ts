// The shell's action table: one action per key and per desktop menu command, every menu command handled, and
// the help lists every key that runs something.
import { describe, expect, it } from 'vitest';
import { MENU_COMMANDS } from '@shared/ipc/contract';
import { useUi } from '../core/ui-store';
import { actionForKey, runAction, SHELL_ACTIONS } from './actions';
import { SHORTCUTS } from './shortcuts';

describe('shell actions', () => {
  it('give each key and each menu command to exactly one action, and handle every menu command', () => {
    const keys = SHELL_ACTIONS.flatMap((a) => (a.key ? [a.key] : []));
    expect(new Set(keys).size).toBe(keys.length);
    const menus = SHELL_ACTIONS.flatMap((a) => (a.menu ? [a.menu] : []));
    expect(new Set(menus).size).toBe(menus.length);
    expect([...menus].sort()).toEqual([...MENU_COMMANDS].sort());
  });

  it('are all in the help, with their keys', () => {
    for (const action of SHELL_ACTIONS.filter((a) => a.key)) expect(SHORTCUTS).toContainEqual({ keys: action.key, does: action.does });
    expect(SHORTCUTS.map((s) => s.keys)).toEqual(expect.arrayContaining(['Ctrl+/', 'Esc', 'Ctrl+Shift+F', 'Ctrl+,', 'Ctrl+Shift+E', 'Enter', 'Ctrl+Enter']));
  });

  it('leave the wall display to navigate, but toggle the theme on it', () => {
    useUi.setState({ wallDisplay: true, page: 'console', theme: 'dark' });
    runAction(actionForKey('t')!);
    expect(useUi.getState()).toMatchObject({ wallDisplay: true, theme: 'light' });
    runAction(actionForKey('c')!);
    expect(useUi.getState()).toMatchObject({ wallDisplay: false, page: 'contacts' });
  });

  it('focus the entry box only in an incident', () => {
    useUi.setState({ page: 'contacts', focusTimelineTick: 0 });
    runAction(actionForKey('/')!);
    expect(useUi.getState().focusTimelineTick).toBe(0);
    useUi.setState({ page: 'console' });
    runAction(actionForKey('/')!);
    expect(useUi.getState().focusTimelineTick).toBe(1);
  });
});
