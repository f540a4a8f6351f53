// Next to a posted update: where it went and when, what is still queued, and what failed with the reason
// and a Retry (delivery.retried) once the server gave up.
import { targetLabel } from '@shared/delivery/describe';
import type { DeliveryLine } from '@shared/delivery/status';
import { useCommand } from '../../core/useCommand';
import { formatClockTime } from '../../core/format';
import { retryDelivery } from './commands';
import './outbound.css';

function lineText(line: DeliveryLine, unsent: boolean): string {
  switch (line.state) {
    case 'sent':
      return `${line.sandbox ? 'Drill sandbox, sent' : 'Sent'} ${formatClockTime(line.at, false)}${line.detail ? ` · ${line.detail}` : ''}`;
    case 'retrying':
      return `Failed ${formatClockTime(line.at, false)} (attempt ${line.attempt}): ${line.reason ?? ''} · retrying ${line.nextAttemptAt ? formatClockTime(line.nextAttemptAt, false) : ''}`;
    case 'failed':
      return `Failed ${formatClockTime(line.at, false)} (attempt ${line.attempt}): ${line.reason ?? ''}`;
    case 'queued':
      return unsent ? 'Queued: goes out when this laptop reaches the server' : 'Queued on the server';
  }
}

export function DeliveryStatus({ incidentId, lines, unsent }: { incidentId: string; lines: DeliveryLine[]; unsent: ReadonlySet<string> }) {
  const retry = useCommand(retryDelivery);
  if (lines.length === 0) return null;
  return (
    <ul className="delivery-lines" aria-label="Deliveries">
      {lines.map((line) => (
        <li key={`${line.requestId}|${line.target}`} className={`delivery-line delivery-${line.state}`}>
          <span className="delivery-target">{targetLabel(line.target)}</span>
          <span className="delivery-state">{lineText(line, unsent.has(line.requestId))}</span>
          {line.state === 'failed' && (
            <button type="button" className="delivery-retry" disabled={retry.pending}
              aria-label={`Retry ${targetLabel(line.target)}`}
              onClick={() => void retry.run(incidentId, line.requestId, line.target)}>Retry</button>
          )}
        </li>
      ))}
      {retry.error && <li role="alert" className="error">{retry.error}</li>}
    </ul>
  );
}
