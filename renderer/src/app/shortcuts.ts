// Global keyboard shortcuts (ignored while typing in a field) and the desktop menu's commands, both from the one
// action table (actions.ts); the help lists the same table plus the keys that work inside a field.
import { useEffect } from 'react';
import { platform } from '../platform';
import { useUi } from '../core/ui-store';
import { actionForChord, actionForKey, actionForMenu, runAction, SHELL_ACTIONS } from './actions';

/** Keys handled where they apply (in a field, a dialog, the comms panel), listed in the help only. */
const KEYS_IN_PLACE: Array<{ keys: string; does: string }> = [
  { keys: 'Esc', does: 'Close dialogs; leave wall display' },
  { keys: 'd: / a: / e:', does: 'In the entry box: log a decision / action / evidence (default: note)' },
  { keys: 'Enter', does: 'In the entry box: log the entry and keep typing' },
  { keys: 'u', does: 'Compose a status update (in an incident)' },
  { keys: 'Ctrl+Enter', does: 'In the update composer: post the update' },
];

export const SHORTCUTS: Array<{ keys: string; does: string }> = [
  ...SHELL_ACTIONS.filter((a) => a.key).flatMap((a) => [
    { keys: a.key as string, does: a.does },
    ...(a.chordKey ? [{ keys: `Ctrl+${a.chordKey}`, does: a.chordDoes ?? a.does }] : []),
  ]),
  ...KEYS_IN_PLACE.slice(0, 1),
  ...SHELL_ACTIONS.filter((a) => a.menuKeys).map((a) => ({ keys: a.menuKeys as string, does: `Desktop menu: ${a.does.charAt(0).toLowerCase()}${a.does.slice(1)}` })),
  ...KEYS_IN_PLACE.slice(1),
];

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        const ui = useUi.getState();
        if (ui.helpOpen) ui.setHelpOpen(false);
        else if (ui.wallDisplay) ui.setWallDisplay(false);
        return;
      }
      const chord = (e.ctrlKey || e.metaKey) && !e.altKey ? actionForChord(e.key) : undefined;
      if (chord) { e.preventDefault(); runAction(chord); return; }
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      const action = actionForKey(e.key);
      if (!action) return;
      e.preventDefault();
      runAction(action);
    };
    window.addEventListener('keydown', onKey);
    const offMenu = platform.onMenuCommand((command) => {
      const action = actionForMenu(command);
      if (action) runAction(action);
    });
    return () => { window.removeEventListener('keydown', onKey); offMenu(); };
  }, []);
}
