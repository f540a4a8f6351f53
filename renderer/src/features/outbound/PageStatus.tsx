// Under a role: the pages sent for it, each with where it went (or why not, with Retry once the server gave up),
// "Queued" while it waits in this laptop's outbox, and the paged person's acknowledgement.
import { useCommand } from '../../core/useCommand';
import type { PageStatus } from '@shared/delivery/status';
import { formatClockTime } from '../../core/format';
import { retryDelivery } from './commands';
import './outbound.css';

const fmt = (ms: number) => formatClockTime(ms, false);

function lineText(p: PageStatus, unsent: boolean): string {
  const l = p.line;
  switch (l.state) {
    case 'sent': return `${l.sandbox ? 'Drill sandbox' : 'Sent'} ${fmt(l.at)}${l.detail ? ` · ${l.detail}` : ''}`;
    case 'retrying': return `Failed ${fmt(l.at)}: ${l.reason ?? ''} · retrying ${l.nextAttemptAt ? fmt(l.nextAttemptAt) : ''}`;
    case 'failed': return `Not paged ${fmt(l.at)}: ${l.reason ?? ''}`;
    case 'queued': return unsent ? 'Queued: goes out when this laptop reaches the server' : 'Queued on the server';
  }
}

export function PageStatusList({ incidentId, pages, unsent, roleName }: { incidentId: string; pages: PageStatus[]; unsent: ReadonlySet<string>; roleName: string }) {
  const retry = useCommand(retryDelivery);
  if (pages.length === 0) return null;
  return (
    <ul className="delivery-lines page-lines" aria-label={`Pages for ${roleName}`}>
      {pages.map((p) => (
        <li key={p.pageId} className={`delivery-line delivery-${p.line.state}`}>
          <span className="delivery-target">Page {p.person ?? 'on-call'} {fmt(p.requestedAt)}</span>
          <span className="delivery-state">{lineText(p, unsent.has(p.pageId))}</span>
          {p.acknowledged && <strong className="page-acknowledged">Acknowledged by {p.acknowledged.by} {fmt(p.acknowledged.at)}</strong>}
          {p.line.state === 'failed' && (
            <button type="button" className="delivery-retry small" disabled={retry.pending} aria-label={`Retry page to ${p.person ?? 'on-call'}`}
              onClick={() => void retry.run(incidentId, p.pageId, p.line.target)}>Retry</button>
          )}
        </li>
      ))}
      {retry.error && <li role="alert" className="error">{retry.error}</li>}
    </ul>
  );
}
