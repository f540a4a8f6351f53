// "Status page": where the comms lead plans maintenance and runs it. In progress first (what the public sees as
// happening now, and whose alerts are not declared), then what is scheduled, soonest first, then the last completed
// or cancelled windows. Everything saved here is public at once on the hosted /status page and its API.
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { noticeOutcomes } from '@shared/maintenance/notices';
import { maintenanceStatus, type MaintenanceWindow } from '@shared/maintenance/windows';
import { useNow } from '../../core/useNow';
import { useActivePlan, useMaintenance } from '../../db/hooks';
import { db } from '../../db/instance';
import { readSyncConnection } from '../../db/sync-connection';
import { platform } from '../../platform';
import { WindowCard } from './WindowCard';
import { WindowForm } from './WindowForm';
import './maintenance.css';

const PAST_SHOWN = 10;

function publicPageUrl(baseUrl: string): string {
  const origin = baseUrl || (typeof location !== 'undefined' ? location.origin : '');
  return `${origin.replace(/\/$/, '')}/status`;
}

export function MaintenancePage() {
  const stream = useMaintenance();
  const plan = useActivePlan();
  const now = useNow(15_000);
  const connection = useLiveQuery(() => readSyncConnection(db), []);
  const [planning, setPlanning] = useState(false);
  const outcomes = useMemo(() => noticeOutcomes(stream?.events ?? []), [stream]);
  const groups = useMemo(() => {
    const by = { active: [] as MaintenanceWindow[], scheduled: [] as MaintenanceWindow[], past: [] as MaintenanceWindow[] };
    for (const w of stream?.windows ?? []) {
      const s = maintenanceStatus(w, now);
      (s === 'scheduled' ? by.scheduled : s === 'completed' ? by.past : by.active).push(w);
    }
    by.scheduled.sort((a, b) => a.startsAt - b.startsAt);
    by.active.sort((a, b) => a.endsAt - b.endsAt);
    return by; // past: newest start first, as folded
  }, [stream, now]);
  const noComponents = plan.statusPage.components.length === 0;
  const card = (w: MaintenanceWindow) => <WindowCard key={w.id} w={w} plan={plan} now={now} outcomes={outcomes} />;

  return (
    <section className="maint-page" aria-labelledby="maint-heading">
      <header className="maint-top">
        <h2 id="maint-heading">Status page: maintenance</h2>
        {!planning && <button type="button" className="primary" disabled={noComponents} onClick={() => setPlanning(true)}>Schedule maintenance</button>}
      </header>
      <p className="muted maint-intro">
        A window is public as soon as it is saved: on{' '}
        {connection ? (
          <a href={publicPageUrl(connection.baseUrl)} target="_blank" rel="noreferrer noopener"
            onClick={(e) => { e.preventDefault(); void platform.openExternal({ url: publicPageUrl(connection.baseUrl) }); }}>the status page</a>
        ) : 'the status page'}{' '}
        and its Statuspage-compatible API. Alerts about its components that arrive while it runs are never declared.
      </p>
      {connection === null && <p className="maint-note" role="note">This device is not connected to a server: windows are kept here and published when it connects (Server page).</p>}
      {noComponents && <p className="maint-note" role="note">The plan lists no status-page components, so there is nothing to put under maintenance. Add them to the plan (Plan page).</p>}
      {planning && <WindowForm plan={plan} onDone={() => setPlanning(false)} />}
      {!stream && <p role="status">Loading…</p>}
      {stream && (
        <>
          <section className="maint-group" aria-labelledby="maint-active">
            <h3 id="maint-active">In progress</h3>
            {groups.active.length ? groups.active.map(card) : <p className="muted">No maintenance in progress.</p>}
          </section>
          <section className="maint-group" aria-labelledby="maint-scheduled">
            <h3 id="maint-scheduled">Scheduled</h3>
            {groups.scheduled.length ? groups.scheduled.map(card) : <p className="muted">Nothing scheduled.</p>}
          </section>
          {groups.past.length > 0 && (
            <section className="maint-group maint-past" aria-labelledby="maint-past">
              <h3 id="maint-past">Completed and cancelled</h3>
              {groups.past.slice(0, PAST_SHOWN).map(card)}
              {groups.past.length > PAST_SHOWN && <p className="muted">{groups.past.length - PAST_SHOWN} older windows are on the status page’s API (scheduled-maintenances.json).</p>}
            </section>
          )}
        </>
      )}
    </section>
  );
}
