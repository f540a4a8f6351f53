// The ICS-214-style activity log, per person: the positions each held and what each did, when, from the event log.
// It opens over the console; printing (Save as PDF in the desktop app) gives the log alone, for when screens fail.
import { useEffect, useId, useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import type { IncidentState } from '@shared/incident/state';
import type { Plan } from '@shared/plan/schema';
import { formatInstant } from '@shared/pir/markdown';
import { activityLog, type Position } from '@shared/warroom/activity-log';
import { deviceTimeZone } from '../../core/format';
import { platform } from '../../platform';
import { exportName } from '../pir';
import './activity-log.css';

const deviceZone = deviceTimeZone;

function positionText(p: Position, zone: string): string {
  return `${p.role} (from ${formatInstant(p.from, zone)}${p.to !== null ? ` to ${formatInstant(p.to, zone)}` : ''})`;
}

export function ActivityLogDialog({ state, plan, preparedBy, onClose }: { state: IncidentState; plan: Plan; preparedBy: string; onClose: () => void }) {
  // A snapshot of the moment it was opened: the paper copy says when it was prepared.
  const [preparedAt] = useState(() => Date.now());
  const zone = useMemo(deviceZone, []);
  const log = useMemo(() => activityLog(state, plan, preparedAt), [state, plan, preparedAt]);
  const titleId = useId();
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') { e.stopPropagation(); onClose(); } };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [onClose]);
  const print = async () => {
    try {
      const result = await platform.printToPdf({ suggestedName: exportName(state, 'activity-log', 'pdf') });
      setMessage(result.saved ? `Activity log saved${result.path ? ` to ${result.path}` : ''}.` : null);
    } catch (e) {
      setMessage(`Printing failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const severity = plan.severities.find((s) => s.id === state.severity);
  return createPortal(
    <div className="activity-log-layer">
      <div className="activity-log-dialog" role="dialog" aria-modal="true" aria-labelledby={titleId}>
        <div className="activity-log-tools">
          <button type="button" className="primary" autoFocus onClick={() => void print()}>Print activity log</button>
          <button type="button" onClick={onClose}>Close</button>
          {message && <span role="status" className="muted">{message}</span>}
        </div>
        <article className="activity-log-doc" aria-labelledby={titleId}>
          <h1 id={titleId}>Activity log (ICS 214): {state.title}{state.drill ? ' (DRILL)' : ''}</h1>
          <dl className="activity-log-meta">
            <div><dt>Incident:</dt>{' '}<dd>{severity ? `${severity.id} ${severity.name}` : 'Unclassified'} · {state.status}</dd></div>
            <div><dt>Operational period:</dt>{' '}<dd>{formatInstant(log.from, zone)} to {state.resolvedAt !== null ? formatInstant(log.to, zone) : `${formatInstant(log.to, zone)} (still open)`}</dd></div>
            <div><dt>Prepared by:</dt>{' '}<dd>{preparedBy}, {formatInstant(preparedAt, zone)}</dd></div>
          </dl>
          {log.people.map((p) => (
            <section key={p.person} className="activity-log-person" aria-label={`Activity of ${p.person}`}>
              <h2>{p.person}</h2>
              <p className="activity-log-positions">ICS position: {p.positions.length ? p.positions.map((x) => positionText(x, zone)).join('; ') : 'no role assigned'}</p>
              {p.activities.length === 0 ? <p>No recorded activity.</p> : (
                <table>
                  <thead><tr><th scope="col">Date/time</th><th scope="col">Notable activity</th></tr></thead>
                  <tbody>{p.activities.map((a) => <tr key={a.eventId}><td>{formatInstant(a.at, zone)}</td><td>{a.text}</td></tr>)}</tbody>
                </table>
              )}
            </section>
          ))}
        </article>
      </div>
    </div>,
    document.body,
  );
}
