// What this console shows of an incident it may no longer see: that one was restricted, when this console learned it,
// and how many of its own unsent entries went with it. Nothing else of it is left on this laptop.
import { formatDateTime, plural } from '../../core/format';
import './visibility.css';
import { useRestrictedNotices } from '../../db/hooks';
import type { RestrictedRow } from '../../db/types';

function what(row: RestrictedRow): string {
  const dropped = row.droppedUnsent ? ` ${plural(row.droppedUnsent, 'entry', 'entries')} written here and not yet sent went with it.` : '';
  return `Removed from this console at ${formatDateTime(row.hiddenAt)}: you are not among its participants.${dropped}`;
}

/** On the console page of an incident that was restricted. */
export function RestrictedIncidentNotice({ row }: { row: RestrictedRow }) {
  return (
    <section className="panel restricted-notice" role="status" aria-label="Incident restricted">
      <h2>An incident was restricted</h2>
      <p>{what(row)}</p>
      <p className="muted">Ask its incident commander to invite you if you need to work on it; it comes back whole when they do.</p>
    </section>
  );
}

/** On the incident list: one line per restricted incident, no title (this console never had the right to keep it). */
export function RestrictedIncidents() {
  const rows = useRestrictedNotices();
  if (!rows?.length) return null;
  return (
    <section aria-label="Restricted incidents" className="incident-section restricted-incidents">
      <h2>Restricted incidents</h2>
      <ul>
        {rows.map((r) => <li key={r.id}><strong>An incident was restricted.</strong> <span className="muted">{what(r)}</span></li>)}
      </ul>
    </section>
  );
}
