// The shell's actions, one entry each (after excalidraw's actions/register): what it does, its key and desktop
// menu command, and when it applies. The keyboard handler, the menu handler and the "?" help all read this table.
import type { MenuCommand } from '@shared/ipc/contract';
import { useUi, type UiState } from '../core/ui-store';
import { exportPirCommand } from './export-pir';

export interface ShellAction {
  id: string;
  /** What the help says it does. */
  does: string;
  /** The key that runs it outside a text field (matched to KeyboardEvent.key). */
  key?: string;
  /** With Ctrl (or Cmd) this key runs it from anywhere, even while typing in a field. */
  chordKey?: string;
  /** What the help says the chord does. */
  chordDoes?: string;
  /** The desktop menu command that runs it (the menu shows its own accelerator). */
  menu?: MenuCommand;
  /** How the help spells the menu accelerator. */
  menuKeys?: string;
  /** Runs on the wall display without leaving it (theme, help); everything else leaves the wall first. */
  onWall?: boolean;
  /** When false, the key does nothing (e.g. focusing the entry box outside an incident). */
  predicate?: (ui: UiState) => boolean;
  perform: (ui: UiState) => void;
}

const actions: ShellAction[] = [];
function register(action: ShellAction): ShellAction {
  actions.push(action);
  return action;
}

register({ id: 'new-incident', key: 'n', menu: 'new-incident', does: 'Declare a new incident', perform: (ui) => ui.navigate('declare') });
register({
  id: 'focus-timeline', key: '/', menu: 'focus-timeline', does: 'Focus the timeline entry box (in an incident)',
  // Ctrl+/ reaches the entry box from any field: the one key a stressed scribe needs to remember.
  chordKey: '/', chordDoes: 'Jump to the timeline entry box from anywhere, even while typing elsewhere (in an incident)',
  predicate: (ui) => ui.page === 'console', perform: (ui) => ui.focusTimeline(),
});
register({ id: 'incidents', key: 'i', does: 'Go to the incident list', perform: (ui) => ui.navigate('incidents') });
register({ id: 'contacts', key: 'c', does: 'Go to contacts', perform: (ui) => ui.navigate('contacts') });
register({ id: 'plan', key: 'p', does: 'Go to the plan', perform: (ui) => ui.navigate('plan') });
register({ id: 'theme', key: 't', onWall: true, does: 'Toggle dark / light theme', perform: (ui) => ui.toggleTheme() });
register({
  id: 'toggle-wall-display', key: 'w', menu: 'toggle-wall-display', menuKeys: 'Ctrl+Shift+F', onWall: true,
  does: 'Toggle wall display (large clocks and latest entries, full screen)', perform: (ui) => ui.toggleWallDisplay(),
});
register({
  id: 'open-settings', key: ',', menu: 'open-settings', menuKeys: 'Ctrl+,', does: 'Open settings',
  perform: (ui) => ui.navigate('settings'),
});
register({ id: 'help', key: '?', onWall: true, does: 'Show this help', perform: (ui) => ui.setHelpOpen(true) });
register({
  id: 'export-pir', menu: 'export-pir', menuKeys: 'Ctrl+Shift+E', onWall: true,
  does: 'Export the post-incident review (resolved incident or its review)', perform: () => { void exportPirCommand(); },
});

// The comms panel focuses its composer on this menu command itself; here it only leaves the wall display first.
register({ id: 'post-update', menu: 'post-update', does: 'Compose a status update (in an incident)', perform: () => {} });

export const SHELL_ACTIONS: readonly ShellAction[] = actions;

/** Run an action: leave the wall display first unless the action works on it, then perform it if it applies. */
export function runAction(action: ShellAction): void {
  const ui = useUi.getState();
  if (ui.wallDisplay && !action.onWall) ui.setWallDisplay(false);
  const now = useUi.getState();
  if (action.predicate && !action.predicate(now)) return;
  action.perform(now);
}

export const actionForKey = (key: string) => SHELL_ACTIONS.find((a) => a.key === key);
export const actionForChord = (key: string) => SHELL_ACTIONS.find((a) => a.chordKey === key);
export const actionForMenu = (command: MenuCommand) => SHELL_ACTIONS.find((a) => a.menu === command);
