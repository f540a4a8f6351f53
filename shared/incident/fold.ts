// fold(events) -> IncidentState: deterministic, independent of arrival order and duplicates.
import { docFromEvents } from './doc';
import type { IncidentEvent } from './events';
import { projectIncident } from './project';
import type { IncidentState } from './state';
import { isIncidentStream } from '../workspace/streams';

export function fold(incidentId: string, events: Iterable<IncidentEvent>): IncidentState {
  return projectIncident(docFromEvents(incidentId, events));
}

/** Group a mixed event stream by incident and fold each (workspace streams such as the team's are skipped). */
export function foldAll(events: Iterable<IncidentEvent>): Map<string, IncidentState> {
  const byIncident = new Map<string, IncidentEvent[]>();
  for (const event of events) {
    if (!isIncidentStream(event.incidentId)) continue;
    const list = byIncident.get(event.incidentId) ?? [];
    list.push(event);
    byIncident.set(event.incidentId, list);
  }
  const out = new Map<string, IncidentState>();
  for (const [id, list] of byIncident) out.set(id, fold(id, list));
  return out;
}
