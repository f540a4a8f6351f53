// A modal dialog over the console: labelled by its title, Escape and Close dismiss it, focus moves in when it
// opens and back to where it was when it closes. The body scrolls as one page (no scroll box inside a box), so
// what must be read before acting (a briefing, what becomes public) is read in full.
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import './dialog.css';

interface Props {
  title: string;
  onClose(): void;
  children: ReactNode;
  /** Buttons pinned at the bottom of the dialog (the act it leads to). */
  footer?: ReactNode;
  wide?: boolean;
}

export function Dialog({ title, onClose, children, footer, wide = false }: Props) {
  const titleId = useId();
  const box = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    box.current?.focus();
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') { e.stopPropagation(); close.current(); } };
    window.addEventListener('keydown', onKey, true);
    return () => { window.removeEventListener('keydown', onKey, true); before?.focus(); };
  }, []);
  return createPortal(
    <div className="dialog-layer">
      <div ref={box} tabIndex={-1} className={`dialog${wide ? ' dialog-wide' : ''}`} role="dialog" aria-modal="true" aria-labelledby={titleId}>
        <header className="dialog-head">
          <h2 id={titleId}>{title}</h2>
          <button type="button" onClick={onClose}>Close</button>
        </header>
        {/* Focusable, so a keyboard scrolls a long body (a briefing) as a mouse does. */}
        <div className="dialog-body" tabIndex={0} role="region" aria-labelledby={titleId}>{children}</div>
        {footer && <footer className="dialog-foot">{footer}</footer>}
      </div>
    </div>,
    document.body,
  );
}
