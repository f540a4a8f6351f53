// Planned maintenance windows as Atlassian Statuspage's v2 API shapes a scheduled maintenance: an incident's
// fields with `status` scheduled | in_progress | verifying | completed, `impact` "maintenance", `scheduled_for`
// and `scheduled_until`, and the updates newest first (test/fixtures/statuspage/ holds real answers to compare).
import type { MaintenanceStatus } from '../incident/events-maintenance';
import { completedAt, maintenanceStatus, maintenanceUpdates, type MaintenanceWindow } from '../maintenance/windows';
import { neutraliseInvisible as visible } from '../text/invisible';
import type { AffectedComponent, ApiComponent, ApiComponentStatus } from './view';

export interface ApiMaintenanceUpdate {
  id: string; status: MaintenanceStatus; body: string; incident_id: string; created_at: string; updated_at: string; display_at: string;
  affected_components: Array<Omit<AffectedComponent, 'old_status' | 'new_status'> & { old_status: ApiComponentStatus; new_status: ApiComponentStatus }>;
  deliver_notifications: boolean; custom_tweet: null; tweet_id: null;
}

export interface ApiMaintenance {
  id: string; name: string; status: MaintenanceStatus; impact: 'maintenance'; created_at: string; updated_at: string;
  monitoring_at: string | null; resolved_at: string | null; started_at: string; shortlink: string; page_id: string;
  incident_updates: ApiMaintenanceUpdate[]; components: ApiComponent[]; scheduled_for: string; scheduled_until: string;
}

const iso = (ms: number) => new Date(ms).toISOString();
/** What a component is during each status of its window (an update's affected_components). */
const DURING: Record<MaintenanceStatus, ApiComponentStatus> = { scheduled: 'operational', in_progress: 'under_maintenance', verifying: 'under_maintenance', completed: 'operational' };

export function buildMaintenances(windows: MaintenanceWindow[], components: Map<string, ApiComponent>, opts: { pageId: string; pageUrl: string; now: number }): ApiMaintenance[] {
  return windows.map((w) => {
    const updates = maintenanceUpdates(w, opts.now);
    let before: ApiComponentStatus = 'operational';
    const apiUpdates: ApiMaintenanceUpdate[] = updates.map((u) => {
      const after = DURING[u.status];
      const affected = w.componentIds.map((id) => ({ code: id, name: components.get(id)?.name ?? id, old_status: before, new_status: after }));
      before = after;
      return {
        id: u.id, status: u.status, body: visible(u.text), incident_id: w.id, created_at: iso(u.at), updated_at: iso(u.at), display_at: iso(u.at),
        affected_components: affected, deliver_notifications: u.notify, custom_tweet: null, tweet_id: null,
      };
    });
    const verifying = updates.find((u) => u.status === 'verifying');
    const done = completedAt(w, opts.now);
    const last = updates.at(-1);
    return {
      id: w.id, name: visible(w.title), status: maintenanceStatus(w, opts.now), impact: 'maintenance',
      created_at: iso(w.createdAt), updated_at: iso(Math.max(w.changedAt, last?.at ?? 0)),
      monitoring_at: verifying ? iso(verifying.at) : null, resolved_at: done === null ? null : iso(done),
      started_at: iso(w.startsAt), shortlink: `${opts.pageUrl}#maintenance-${w.id}`, page_id: opts.pageId,
      incident_updates: apiUpdates.reverse(),
      components: w.componentIds.map((id) => components.get(id)).filter((c): c is ApiComponent => c !== undefined),
      scheduled_for: iso(w.startsAt), scheduled_until: iso(w.endsAt),
    };
  });
}

/** upcoming.json: still scheduled. */
export const upcomingMaintenances = (all: ApiMaintenance[]) => all.filter((m) => m.status === 'scheduled');
/** active.json: in progress or verifying. */
export const activeMaintenances = (all: ApiMaintenance[]) => all.filter((m) => m.status === 'in_progress' || m.status === 'verifying');
