// The "?" dialog listing keyboard shortcuts. Focus moves to Close on open and back to the opener on close.
import { useEffect, useRef } from 'react';
import { SHORTCUTS } from './shortcuts';
import { useUi } from '../core/ui-store';

export function ShortcutHelp() {
  const open = useUi((s) => s.helpOpen);
  const setOpen = useUi((s) => s.setHelpOpen);
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return undefined;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeRef.current?.focus();
    return () => { if (opener?.isConnected) opener.focus(); };
  }, [open]);
  if (!open) return null;
  return (
    <div className="modal-backdrop" onClick={() => setOpen(false)}>
      <div role="dialog" aria-modal="true" aria-labelledby="shortcut-help-title" className="modal" onClick={(e) => e.stopPropagation()}>
        <h2 id="shortcut-help-title">Keyboard shortcuts</h2>
        <dl className="shortcut-list">
          {SHORTCUTS.map((s) => (
            <div key={s.keys}><dt><kbd>{s.keys}</kbd></dt><dd>{s.does}</dd></div>
          ))}
        </dl>
        <button ref={closeRef} type="button" onClick={() => setOpen(false)}>Close</button>
      </div>
    </div>
  );
}
