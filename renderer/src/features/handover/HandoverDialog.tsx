// The incoming commander's side of a handover: the whole briefing, read as one page (no small scroll box), and
// "Accept command" once its end has been on screen. Opened from the attention strip and from the Command panel of
// the console of the person the handover names; nobody else can accept it.
import { useEffect, useId, useRef, useState, type RefObject } from 'react';
import type { Handover } from '@shared/warroom/handover';
import { Dialog } from '../../components/Dialog';
import { formatClockTime } from '../../core/format';
import { useCommand } from '../../core/useCommand';
import { acceptHandover } from './commands';

/** True once `target` has been inside `root`'s visible area (the reader reached it). */
function useSeen(root: RefObject<HTMLElement | null>, target: RefObject<HTMLElement | null>): boolean {
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    const el = target.current;
    if (!el || seen) return undefined;
    const scroller = root.current?.closest('.dialog-body') ?? null;
    const observer = new IntersectionObserver((entries) => { if (entries.some((e) => e.isIntersecting)) setSeen(true); }, { root: scroller, threshold: 1 });
    observer.observe(el);
    return () => observer.disconnect();
  }, [root, target, seen]);
  return seen;
}

export function HandoverDialog({ incidentId, handover, me, onClose }: { incidentId: string; handover: Handover; me: string; onClose(): void }) {
  const accept = useCommand(acceptHandover);
  const body = useRef<HTMLDivElement>(null);
  const end = useRef<HTMLParagraphElement>(null);
  const readToEnd = useSeen(body, end);
  const hintId = useId();
  const run = async () => {
    const outcome = await accept.run(incidentId, handover, me);
    if (outcome.ok) onClose();
  };
  return (
    <Dialog wide title={`Command handover from ${handover.from}`} onClose={onClose} footer={(
      <>
        <button type="button" className="primary" disabled={!readToEnd || accept.pending} aria-describedby={readToEnd ? undefined : hintId} onClick={() => void run()}>Accept command</button>
        {!readToEnd && <span className="muted" id={hintId}>Read the briefing to its end to accept.</span>}
        {accept.error && <p role="alert" className="error">{accept.error}</p>}
      </>
    )}>
      <div ref={body}>
        <p>
          <strong>{handover.from}</strong> offered you command at {formatClockTime(handover.offeredAt, false)}. Accepting makes you the incident
          commander on every console; the record says you accepted, on your console, after this briefing.
        </p>
        <pre className="handover-briefing" aria-label="Briefing">{handover.briefing}</pre>
        <p ref={end} className="muted handover-end">End of the briefing.</p>
      </div>
    </Dialog>
  );
}
