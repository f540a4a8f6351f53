// Aggregations for the metrics dashboard and the plan's annual review, as pure functions of incident states.
import type { ActionItem, IncidentState } from '../incident/state';
import type { Plan } from '../plan/schema';
import { parseDuration } from '../time/duration';
import { WEEKDAYS, zonedParts, type Weekday } from '../time/zoned';
import { incidentMetrics } from './incident-metrics';

export interface DashboardFilter {
  /** Drills and exercises are left out unless asked for. */
  includeDrills?: boolean;
  /** Only incidents detected in [from, to). */
  from?: number;
  to?: number;
}

/** The plan that judges one incident (its pinned plan: see shared/workspace/incident-plan.ts planForIncident). */
export type PlanOf = (state: IncidentState) => Plan;

export function selectIncidents(states: Iterable<IncidentState>, filter: DashboardFilter = {}): IncidentState[] {
  const out: IncidentState[] = [];
  for (const s of states) {
    if (!s.opened) continue;
    if (s.drill && !filter.includeDrills) continue;
    if (filter.from !== undefined && s.detectedAt < filter.from) continue;
    if (filter.to !== undefined && s.detectedAt >= filter.to) continue;
    out.push(s);
  }
  return out.sort((a, b) => a.detectedAt - b.detectedAt || (a.id < b.id ? -1 : 1));
}

const pad = (n: number) => String(n).padStart(2, '0');
const UNSET = 'unset';

export interface PeriodRow {
  /** "2026-03" for months. */
  period: string;
  total: number;
  bySeverity: Record<string, number>;
  byCategory: Record<string, number>;
}

/** Incidents per calendar month (in `timeZone`), by severity and category; months with none are included as zeros. */
export function incidentsOverTime(states: Iterable<IncidentState>, plan: Plan, timeZone = 'UTC', filter: DashboardFilter = {}): PeriodRow[] {
  const incidents = selectIncidents(states, filter);
  const empty = (period: string): PeriodRow => ({
    period, total: 0,
    bySeverity: Object.fromEntries([...plan.severities.map((s) => s.id), UNSET].map((id) => [id, 0])),
    byCategory: Object.fromEntries([...plan.categories.map((c) => c.id), UNSET].map((id) => [id, 0])),
  });
  const rows = new Map<string, PeriodRow>();
  let first: { year: number; month: number } | null = null;
  let last: { year: number; month: number } | null = null;
  for (const s of incidents) {
    const p = zonedParts(s.detectedAt, timeZone);
    const key = `${p.year}-${pad(p.month)}`;
    const row = rows.get(key) ?? empty(key);
    row.total++;
    const sev = s.severity ?? UNSET;
    const cat = s.category ?? UNSET;
    row.bySeverity[sev] = (row.bySeverity[sev] ?? 0) + 1;
    row.byCategory[cat] = (row.byCategory[cat] ?? 0) + 1;
    rows.set(key, row);
    if (!first) first = { year: p.year, month: p.month };
    last = { year: p.year, month: p.month };
  }
  if (!first || !last) return [];
  const out: PeriodRow[] = [];
  for (let y = first.year, m = first.month; y < last.year || (y === last.year && m <= last.month); m === 12 ? (y++, m = 1) : m++) {
    const key = `${y}-${pad(m)}`;
    out.push(rows.get(key) ?? empty(key));
  }
  return out;
}

export interface TargetStats {
  /** Incidents where the milestone happened. */
  count: number;
  medianMs: number | null;
  meanMs: number | null;
  targetMs: number | null;
  met: number;
  missed: number;
  /** Not yet happened, and the target not yet passed. */
  pending: number;
}

export interface SeverityTimes {
  severity: string;
  name: string;
  incidents: number;
  acknowledge: TargetStats;
  resolve: TargetStats;
}

function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Each value is judged against its own incident's target (`target`, from its pinned plan) when given. */
function stats(values: Array<{ ms: number | null; detectedAt: number; target?: number | null }>, targetMs: number | null, now: number): TargetStats {
  const done = values.map((v) => v.ms).filter((v): v is number => v !== null);
  let met = 0, missed = 0, pending = 0;
  for (const v of values) {
    const target = v.target === undefined ? targetMs : v.target;
    if (target === null) continue;
    if (v.ms !== null) { if (v.ms <= target) met++; else missed++; }
    else if (now - v.detectedAt > target) missed++;
    else pending++;
  }
  return {
    count: done.length, medianMs: median(done), meanMs: done.length ? done.reduce((a, b) => a + b, 0) / done.length : null,
    targetMs, met, missed, pending,
  };
}

/**
 * Time to acknowledge and to resolve per severity, judged as the live clocks judge them: from detection,
 * against the plan's response and resolution targets. An unfinished milestone past its target counts as missed.
 */
export function timesBySeverity(states: Iterable<IncidentState>, plan: Plan, now: number, filter: DashboardFilter = {}, planOf: PlanOf = () => plan): SeverityTimes[] {
  const incidents = selectIncidents(states, filter);
  return plan.severities.map((severity) => {
    const mine = incidents.filter((s) => s.severity === severity.id);
    const metrics = mine.map((s) => {
      const own = planOf(s).severities.find((x) => x.id === severity.id);
      return { s, m: incidentMetrics(s, planOf(s), now), own };
    });
    const target = (own: Plan['severities'][number] | undefined, key: 'responseTarget' | 'resolutionTarget') => (own ? parseDuration(own[key]) : null);
    return {
      severity: severity.id,
      name: severity.name,
      incidents: mine.length,
      acknowledge: stats(metrics.map(({ s, m, own }) => ({ ms: m.responseTime, detectedAt: s.detectedAt, target: target(own, 'responseTarget') })), parseDuration(severity.responseTarget), now),
      resolve: stats(metrics.map(({ s, m, own }) => ({ ms: m.resolutionTime, detectedAt: s.detectedAt, target: target(own, 'resolutionTarget') })), parseDuration(severity.resolutionTarget), now),
    };
  });
}

export interface CadenceRow {
  audience: string;
  name: string;
  owed: number;
  onTime: number;
  late: number;
  missed: number;
  ratio: number | null;
}

/** Update-cadence compliance summed over incidents, per audience of the plan. */
export function cadenceSummary(states: Iterable<IncidentState>, plan: Plan, now: number, filter: DashboardFilter = {}, planOf: PlanOf = () => plan): CadenceRow[] {
  const rows = new Map<string, CadenceRow>(plan.audiences.map((a) => [a.id, { audience: a.id, name: a.name, owed: 0, onTime: 0, late: 0, missed: 0, ratio: null }]));
  for (const s of selectIncidents(states, filter)) {
    for (const c of incidentMetrics(s, planOf(s), now).cadence) {
      const row = rows.get(c.audience) ?? { audience: c.audience, name: c.audience, owed: 0, onTime: 0, late: 0, missed: 0, ratio: null };
      row.owed += c.owed; row.onTime += c.onTime; row.late += c.late; row.missed += c.missed;
      rows.set(c.audience, row);
    }
  }
  return [...rows.values()].map((r) => ({ ...r, ratio: r.owed ? r.onTime / r.owed : null }));
}

export interface OpenActionItem {
  incidentId: string;
  incidentTitle: string;
  drill: boolean;
  item: ActionItem;
  /** Past its deadline. */
  overdue: boolean;
  /** When the plan's follow-up (1 week after creation or the last follow-up) is due. */
  followUpDueAt: number;
  followUpOverdue: boolean;
}

/** Open and in-progress action items across incidents: overdue first, then by deadline, then follow-up. */
export function openActionItems(states: Iterable<IncidentState>, plan: Plan, now: number, filter: DashboardFilter = {}, planOf: PlanOf = () => plan): OpenActionItem[] {
  const out: OpenActionItem[] = [];
  for (const s of selectIncidents(states, filter)) {
    const followUp = parseDuration(planOf(s).timers.actionItemFollowUp);
    for (const item of s.actionItems) {
      if (item.status !== 'open' && item.status !== 'in-progress') continue;
      const followUpDueAt = (item.followedUpAt ?? item.createdAt) + followUp;
      out.push({
        incidentId: s.id, incidentTitle: s.title, drill: s.drill, item,
        overdue: item.deadline !== null && item.deadline < now,
        followUpDueAt, followUpOverdue: followUpDueAt < now,
      });
    }
  }
  const rank = (a: OpenActionItem) => (a.overdue ? 0 : a.followUpOverdue ? 1 : 2);
  return out.sort((a, b) => rank(a) - rank(b) || (a.item.deadline ?? Infinity) - (b.item.deadline ?? Infinity) || a.followUpDueAt - b.followUpDueAt
    || (a.item.id < b.item.id ? -1 : 1));
}

export interface YearlyPattern {
  /** Index 0 = January. */
  byMonth: Array<{ month: number; count: number; bySeverity: Record<string, number> }>;
  /** Monday first, as a review reads a week. */
  byWeekday: Array<{ weekday: Weekday; count: number }>;
  /** Hour of day of detection, 0-23. */
  byHour: number[];
}

/** When incidents happen, folded over the calendar (for the plan's annual review). */
export function yearlyPattern(states: Iterable<IncidentState>, plan: Plan, timeZone = 'UTC', filter: DashboardFilter = {}): YearlyPattern {
  const severities = [...plan.severities.map((s) => s.id), UNSET];
  const byMonth = Array.from({ length: 12 }, (_, i) => ({ month: i + 1, count: 0, bySeverity: Object.fromEntries(severities.map((id) => [id, 0])) as Record<string, number> }));
  const weekdayOrder: Weekday[] = [...WEEKDAYS.slice(1), WEEKDAYS[0]];
  const weekdayCounts = new Map<Weekday, number>(weekdayOrder.map((d) => [d, 0]));
  const byHour = Array.from({ length: 24 }, () => 0);
  for (const s of selectIncidents(states, filter)) {
    const p = zonedParts(s.detectedAt, timeZone);
    const month = byMonth[p.month - 1];
    if (month) {
      month.count++;
      const sev = s.severity ?? UNSET;
      month.bySeverity[sev] = (month.bySeverity[sev] ?? 0) + 1;
    }
    weekdayCounts.set(p.weekday, (weekdayCounts.get(p.weekday) ?? 0) + 1);
    byHour[p.hour] = (byHour[p.hour] ?? 0) + 1;
  }
  return { byMonth, byWeekday: weekdayOrder.map((weekday) => ({ weekday, count: weekdayCounts.get(weekday) ?? 0 })), byHour };
}
