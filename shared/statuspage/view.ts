// The public status page as Atlassian Statuspage's v2 API shapes it (field names and enums), built from the
// plan's components and the incidents' published updates. The hosted page (/status) renders the same model.
import type { ComponentStatus, PublicIncidentStatus } from '../incident/events-delivery';
import type { MaintenanceStatus } from '../incident/events-maintenance';
import { isActive, type MaintenanceWindow } from '../maintenance/windows';
import { buildMaintenances, type ApiMaintenance } from './maintenance-view';
import type { StatusComponent } from '../plan/schema-outbound';
import { neutraliseInvisible as visible } from '../text/invisible';
import type { PublishedUpdate } from './published';

export type Indicator = 'none' | 'minor' | 'major' | 'critical';
/** The page's rollup: an incident's impact, or `maintenance` ("Service Under Maintenance") while only a window is active. */
export type PageIndicator = Indicator | 'maintenance';
/** A component's state: an incident's word, or Statuspage's `under_maintenance` inside an active window. */
export type ApiComponentStatus = ComponentStatus | 'under_maintenance';

export interface PageInfo { id: string; name: string; url: string; time_zone: string; updated_at: string }
export interface ApiComponent {
  id: string; name: string; status: ApiComponentStatus; created_at: string; updated_at: string; position: number;
  description: string | null; showcase: boolean; start_date: string | null; group_id: string | null; page_id: string;
  group: boolean; only_show_if_degraded: boolean;
}
export interface AffectedComponent { code: string; name: string; old_status: ComponentStatus; new_status: ComponentStatus }
export interface ApiIncidentUpdate {
  id: string; status: PublicIncidentStatus; body: string; incident_id: string; created_at: string; updated_at: string;
  display_at: string; affected_components: AffectedComponent[]; deliver_notifications: boolean; custom_tweet: null; tweet_id: null;
}
export interface ApiIncident {
  id: string; name: string; status: PublicIncidentStatus; impact: Indicator; created_at: string; updated_at: string;
  monitoring_at: string | null; resolved_at: string | null; started_at: string; shortlink: string; page_id: string;
  incident_updates: ApiIncidentUpdate[]; components: ApiComponent[];
  /** Not in Statuspage's schema (extra fields are ignored by its clients): the plan's two forward-looking fields. */
  estimated_resolution_at: string | null; next_update_at: string | null;
}
export interface StatusPageModel {
  page: PageInfo;
  status: { indicator: PageIndicator; description: string };
  components: ApiComponent[];
  incidents: ApiIncident[];
  /** Every window, newest first (scheduled-maintenances.json); summary.json lists the upcoming and active ones. */
  scheduled_maintenances: ApiMaintenance[];
}
export type { ApiMaintenance, MaintenanceStatus };

export interface IncidentInput { id: string; title: string; updates: PublishedUpdate[] }

const SEVERITY: Record<ComponentStatus, number> = { operational: 0, degraded_performance: 1, partial_outage: 2, major_outage: 3 };
const IMPACT: Indicator[] = ['none', 'minor', 'major', 'critical'];
const DESCRIPTION: Record<PageIndicator, string> = {
  none: 'All Systems Operational', minor: 'Partially Degraded Service', major: 'Partial System Outage', critical: 'Major Service Outage',
  maintenance: 'Service Under Maintenance',
};
const iso = (ms: number) => new Date(ms).toISOString();

export function buildStatusPage(args: {
  page: { id: string; name: string; url: string }; components: StatusComponent[]; incidents: IncidentInput[]; maintenances?: MaintenanceWindow[]; now: number;
}): StatusPageModel {
  const { page, now } = args;
  const names = new Map(args.components.map((c) => [c.id, visible(c.name)]));
  const current = new Map<string, ComponentStatus>(args.components.map((c) => [c.id, 'operational']));
  const changedAt = new Map<string, number>();
  const pageId = page.id;
  const incidents: ApiIncident[] = [];
  let updatedAt = 0;

  for (const inc of args.incidents) {
    if (inc.updates.length === 0) continue;
    const last = inc.updates[inc.updates.length - 1] as PublishedUpdate;
    const states = new Map<string, ComponentStatus>();
    const updates: ApiIncidentUpdate[] = inc.updates.map((u) => {
      const affected = u.fields.components.map((c) => {
        const old = states.get(c.id) ?? 'operational';
        states.set(c.id, c.status);
        return { code: c.id, name: names.get(c.id) ?? c.id, old_status: old, new_status: c.status };
      });
      return {
        id: u.requestId, status: u.fields.status, body: visible(u.body), incident_id: inc.id, created_at: iso(u.at), updated_at: iso(u.at),
        display_at: iso(u.at), affected_components: affected, deliver_notifications: true, custom_tweet: null, tweet_id: null,
      };
    });
    const resolved = last.fields.status === 'resolved';
    const worst = Math.max(0, ...last.fields.components.map((c) => SEVERITY[c.status]));
    // While unresolved, the incident's latest word on each component is the component's state.
    if (!resolved) {
      for (const c of last.fields.components) {
        if (!current.has(c.id)) continue;
        if (SEVERITY[c.status] > SEVERITY[current.get(c.id) as ComponentStatus]) current.set(c.id, c.status);
      }
    }
    for (const c of last.fields.components) changedAt.set(c.id, Math.max(changedAt.get(c.id) ?? 0, last.at));
    updatedAt = Math.max(updatedAt, last.at);
    const monitoring = inc.updates.find((u) => u.fields.status === 'monitoring');
    incidents.push({
      id: inc.id, name: visible(inc.title), status: last.fields.status, impact: IMPACT[worst] as Indicator,
      created_at: iso((inc.updates[0] as PublishedUpdate).at), updated_at: iso(last.at),
      monitoring_at: monitoring ? iso(monitoring.at) : null, resolved_at: resolved ? iso(last.at) : null,
      started_at: last.fields.startedAt, shortlink: `${page.url}#incident-${inc.id}`, page_id: pageId,
      incident_updates: [...updates].reverse(),
      components: [], // filled below, once component states are known
      estimated_resolution_at: resolved ? null : last.fields.estimatedResolutionAt ?? null,
      next_update_at: resolved ? null : last.fields.nextUpdateAt ?? null,
    });
  }

  // Inside an active window a component no incident speaks of is under maintenance (an incident's word wins).
  const windows = args.maintenances ?? [];
  const underMaintenance = new Set(windows.filter((w) => isActive(w, now)).flatMap((w) => w.componentIds));
  for (const w of windows) {
    for (const id of w.componentIds) changedAt.set(id, Math.max(changedAt.get(id) ?? 0, Math.min(now, w.changedAt)));
    updatedAt = Math.max(updatedAt, Math.min(now, w.changedAt));
  }
  const stateOf = (id: string): ApiComponentStatus => {
    const s = current.get(id) ?? 'operational';
    return s === 'operational' && underMaintenance.has(id) ? 'under_maintenance' : s;
  };
  const components: ApiComponent[] = args.components.map((c, position) => ({
    id: c.id, name: visible(c.name), status: stateOf(c.id), created_at: iso(0), updated_at: iso(changedAt.get(c.id) ?? 0),
    position: position + 1, description: c.description === undefined ? null : visible(c.description), showcase: true, start_date: null, group_id: null, page_id: pageId,
    group: false, only_show_if_degraded: false,
  }));
  const byId = new Map(components.map((c) => [c.id, c]));
  for (const inc of incidents) {
    const ids = new Set(inc.incident_updates.flatMap((u) => u.affected_components.map((a) => a.code)));
    inc.components = [...ids].map((id) => byId.get(id)).filter((c): c is ApiComponent => c !== undefined);
  }
  const unresolved = incidents.filter((i) => i.status !== 'resolved');
  const worstIncident = IMPACT[Math.max(0, ...components.map((c) => (c.status === 'under_maintenance' ? 0 : SEVERITY[c.status])), ...unresolved.map((i) => IMPACT.indexOf(i.impact)))] as Indicator;
  const indicator: PageIndicator = worstIncident === 'none' && components.some((c) => c.status === 'under_maintenance') ? 'maintenance' : worstIncident;
  // Newest first, as Statuspage lists them.
  incidents.sort((a, b) => (a.updated_at < b.updated_at ? 1 : a.updated_at > b.updated_at ? -1 : 0));
  return {
    page: { id: pageId, name: visible(page.name), url: page.url, time_zone: 'Etc/UTC', updated_at: iso(Math.max(updatedAt, 0) || now) },
    status: { indicator, description: DESCRIPTION[indicator] },
    components,
    incidents,
    scheduled_maintenances: buildMaintenances(windows, byId, { pageId, pageUrl: page.url, now }),
  };
}
