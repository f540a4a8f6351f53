// An incident opened whose history this console has not read yet (it joined without it, issue #27): the read starts
// on opening, and this says where the timeline is until it is here; once read, it stays (offline after).
import { useEffect } from 'react';
import { useIncidentSummary } from '../../db/hooks';
import { formatCount } from '../../core/format';
import { syncService } from './instance';
import { useSyncView } from './useSync';
import './sync.css';

export function HistoryNotice({ incidentId }: { incidentId: string }) {
  const summary = useIncidentSummary(incidentId);
  const { connection, status } = useSyncView();
  const unread = summary?.unread;
  const owed = unread !== undefined && connection !== null;
  // Owed once on opening; the engine keeps it owed (stored) until read, across rounds, restarts and outages.
  useEffect(() => {
    if (owed) void syncService.readIncident(incidentId);
  }, [incidentId, owed]);
  if (unread === undefined) return null;
  const reachable = connection !== null && status !== null && status.state !== 'offline' && status.state !== 'error';
  return (
    <p role="status" className={`history-notice${reachable ? '' : ' history-waiting'}`}>
      {reachable
        ? `Reading this incident's timeline from the server (${formatCount(unread)} events)…`
        : `This incident's timeline (${formatCount(unread)} events) is on the server; it is read when this console is connected. Until then only its status is here.`}
    </p>
  );
}
