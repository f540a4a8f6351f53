// Reviews: resolved incidents with their review status and due time; opens the review editor.
import { useMemo } from 'react';
import type { IncidentState } from '@shared/incident/state';
import { reviewStatusOf } from '@shared/pir/model';
import { parseDuration } from '@shared/time/duration';
import { useNow } from '../../core/useNow';
import { formatDateTime } from '../../core/format';
import { useActivePlan, usePlanOf } from '../../db/hooks';
import { ArchiveImport } from './ArchiveImport';
import { PirEditor } from './PirEditor';
import { useReviewNav } from '../../core/review-nav';
import { useAllIncidentStates } from '../../db/all-incidents';
import './pir.css';
import { UnreadHistoryNotice } from '../sync';

const needsReview = (s: IncidentState) => s.resolvedAt !== null;

export function ReviewsPage() {
  const selected = useReviewNav((s) => s.incidentId);
  const select = useReviewNav((s) => s.select);
  if (selected) {
    return (
      <div className="reviews">
        <button type="button" className="pir-back" onClick={() => select(null)}>All reviews</button>
        <PirEditor key={selected} incidentId={selected} />
      </div>
    );
  }
  return <ReviewList onOpen={select} />;
}

function ReviewList({ onOpen }: { onOpen: (id: string) => void }) {
  const states = useAllIncidentStates();
  const plan = useActivePlan();
  const planOf = usePlanOf();
  const now = useNow(60_000);
  const rows = useMemo(() => (states ?? []).filter(needsReview).sort((a, b) => (b.resolvedAt ?? 0) - (a.resolvedAt ?? 0)), [states]);
  return (
    <section className="reviews" aria-labelledby="reviews-title">
      <h2 id="reviews-title">Post-incident reviews</h2>
      <UnreadHistoryNotice what="reviews" />
      <p className="muted">{plan.pir.dueAfterResolutionText}. Attendees: {plan.pir.attendees.join(', ')}.</p>
      {!states ? <p role="status">Loading…</p> : rows.length === 0 ? <p>No resolved incidents yet.</p> : (
        <table className="reviews-table" aria-label="Reviews">
          <thead><tr><th>Incident</th><th>Severity</th><th>Resolved</th><th>Review</th><th>Due</th><th>Action items</th></tr></thead>
          <tbody>
            {rows.map((s) => {
              const status = reviewStatusOf(s);
              // Due as the incident's own (pinned) plan says.
              const dueAt = (s.resolvedAt ?? 0) + parseDuration(planOf(s).timers.pirDueAfterResolution);
              const open = s.actionItems.filter((a) => a.status === 'open' || a.status === 'in-progress').length;
              return (
                <tr key={s.id}>
                  <td>
                    <button type="button" className="link" onClick={() => onOpen(s.id)} aria-label={`Open review of ${s.title}`}>{s.title}</button>
                    {s.drill && <span className="badge"> drill</span>}
                  </td>
                  <td>{s.severity ?? '—'}</td>
                  <td>{s.resolvedAt !== null ? formatDateTime(s.resolvedAt) : '—'}</td>
                  <td>{status === 'in-review' ? 'in review' : status}</td>
                  <td>{status === 'final' ? <span className="muted">done</span> : <span className={dueAt < now ? 'badge danger' : ''}>{formatDateTime(dueAt)}</span>}</td>
                  <td>{open} open</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <h3>Archives</h3>
      <ArchiveImport />
    </section>
  );
}
