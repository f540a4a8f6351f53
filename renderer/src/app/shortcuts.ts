// Global keyboard shortcuts (ignored while typing in a field) and the desktop menu's commands.
import { useEffect } from 'react';
import type { MenuCommand } from '@shared/ipc/contract';
import { platform } from '../platform';
import { exportPirCommand } from './export-pir';
import { useUi } from '../core/ui-store';

export const SHORTCUTS: Array<{ keys: string; does: string }> = [
  { keys: 'n', does: 'Declare a new incident' },
  { keys: '/', does: 'Focus the timeline entry box (in an incident)' },
  { keys: 'Ctrl+/', does: 'Jump to the timeline entry box from anywhere, even while typing elsewhere (in an incident)' },
  { keys: 'i', does: 'Go to the incident list' },
  { keys: 'c', does: 'Go to contacts' },
  { keys: 'p', does: 'Go to the plan' },
  { keys: 't', does: 'Toggle dark / light theme' },
  { keys: 'w', does: 'Toggle wall display (large clocks and latest entries, full screen)' },
  { keys: ',', does: 'Open settings' },
  { keys: '?', does: 'Show this help' },
  { keys: 'Esc', does: 'Close dialogs; leave wall display' },
  { keys: 'Ctrl+Shift+F', does: 'Desktop menu: toggle wall display' },
  { keys: 'Ctrl+,', does: 'Desktop menu: open settings' },
  { keys: 'Ctrl+Shift+E', does: 'Desktop menu: export the post-incident review (resolved incident or its review)' },
  { keys: 'd: / a: / e:', does: 'In the entry box: log a decision / action / evidence (default: note)' },
  { keys: 'Enter', does: 'In the entry box: log the entry and keep typing' },
  { keys: 'u', does: 'Compose a status update (in an incident)' },
  { keys: 'Ctrl+Enter', does: 'In the update composer: post the update' },
];

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

function run(command: MenuCommand | 'incidents' | 'contacts' | 'plan' | 'help' | 'theme'): void {
  const ui = useUi.getState();
  switch (command) {
    case 'toggle-wall-display': ui.toggleWallDisplay(); return;
    case 'open-settings': ui.setWallDisplay(false); ui.navigate('settings'); return;
    case 'export-pir': void exportPirCommand(); return;
    default:
      // Going somewhere else leaves the wall; the theme and the help dialog work on the wall itself.
      if (ui.wallDisplay && command !== 'theme' && command !== 'help') ui.setWallDisplay(false);
      runNavigation(command);
  }
}

function runNavigation(command: MenuCommand | 'incidents' | 'contacts' | 'plan' | 'help' | 'theme'): void {
  const ui = useUi.getState();
  switch (command) {
    case 'new-incident': ui.navigate('declare'); break;
    case 'focus-timeline': if (ui.page === 'console') ui.focusTimeline(); break;
    case 'incidents': ui.navigate('incidents'); break;
    case 'contacts': ui.navigate('contacts'); break;
    case 'plan': ui.navigate('plan'); break;
    case 'help': ui.setHelpOpen(true); break;
    case 'theme': ui.toggleTheme(); break;
    default: break;
  }
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
      // Ctrl+/ reaches the entry box from any field: the one key a stressed scribe needs to remember.
      if (e.key === '/' && (e.ctrlKey || e.metaKey) && !e.altKey) { e.preventDefault(); run('focus-timeline'); return; }
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      const map: Record<string, Parameters<typeof run>[0]> = {
        n: 'new-incident', '/': 'focus-timeline', i: 'incidents', c: 'contacts', p: 'plan', t: 'theme', '?': 'help',
        w: 'toggle-wall-display', ',': 'open-settings',
      };
      const command = map[e.key];
      if (!command) return;
      e.preventDefault();
      run(command);
    };
    window.addEventListener('keydown', onKey);
    const offMenu = platform.onMenuCommand((command) => run(command));
    return () => { window.removeEventListener('keydown', onKey); offMenu(); };
  }, []);
}
