// The console for one incident: header, attention strip, clocks and timeline (its list scrolls on its own), and the
// step tracker, roles and comms panels in a column that scrolls on its own, so the top never scrolls away.
import { useMemo } from 'react';
import { useIncidentPlan, useIncidentState, useRestrictedNotice } from '../../db/hooks';
import { AttachedAlerts, alertTimelineEntries, useAttachedGroups } from '../alerts';
import { AttentionStrip } from '../attention';
import { ClocksPanel } from '../clocks';
import { CommsPanel } from '../comms';
import { RolesPanel } from '../roles';
import { DrillBanner } from '../drills';
import { CommandPanel } from '../handover';
import { AdoptPlanBanner } from '../plan';
import { StepTracker } from '../steps';
import { HistoryNotice } from '../sync';
import { TasksPanel } from '../tasks';
import { Timeline } from '../timeline';
import { RestrictedIncidentNotice, VisibilityPanel } from '../visibility';
import { ConsoleHeader } from './ConsoleHeader';
import './console.css';

export function ConsolePage({ incidentId }: { incidentId: string }) {
  const state = useIncidentState(incidentId);
  const plan = useIncidentPlan(state);
  const alerts = useAttachedGroups(incidentId);
  const alertEntries = useMemo(() => alertTimelineEntries(alerts), [alerts]);
  const restricted = useRestrictedNotice(incidentId);
  if (restricted) return <RestrictedIncidentNotice row={restricted} />;
  if (!state) return <p role="status">Loading incident…</p>;
  if (!state.opened) return <p role="status">This incident has not been fully received yet.</p>;
  return (
    <div className="console">
      <DrillBanner incidentId={incidentId} />
      <HistoryNotice incidentId={incidentId} />
      <ConsoleHeader state={state} plan={plan} />
      <AdoptPlanBanner state={state} />
      <AttentionStrip state={state} plan={plan} />
      <div className="console-grid">
        <div className="console-main">
          <ClocksPanel incidentId={incidentId} />
          <Timeline incidentId={incidentId} state={state} plan={plan} extraEntries={alertEntries} />
        </div>
        <aside className="console-side" aria-label="Response">
          <CommandPanel state={state} plan={plan} />
          <AttachedAlerts state={state} groups={alerts} />
          <TasksPanel state={state} />
          <StepTracker incidentId={incidentId} />
          <RolesPanel incidentId={incidentId} />
          <VisibilityPanel state={state} plan={plan} />
          <CommsPanel incidentId={incidentId} />
        </aside>
      </div>
    </div>
  );
}
