// Metrics dashboard: incidents over time, response times against the plan's targets, update cadence,
// open action items and the yearly pattern for the plan's annual review. Drills are left out unless asked.
import { useMemo, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import {
  cadenceSummary, incidentsOverTime, openActionItems, selectIncidents, timesBySeverity, yearlyPattern, type DashboardFilter, type TargetStats,
} from '@shared/metrics/dashboard';
import { toMinutes } from '@shared/time/duration';
import { useNow } from '../../core/useNow';
import { useUi } from '../../core/ui-store';
import { useActivePlan, usePlanOf, useRestrictedNotices } from '../../db/hooks';
import { useAllIncidentStates } from '../../db/all-incidents';
import './metrics.css';
import { deviceTimeZone, plural } from '../../core/format';
import { UnreadHistoryNotice } from '../sync';

const PALETTE = ['#d62728', '#ff7f0e', '#e6b800', '#2ca02c', '#1f77b4', '#9467bd', '#8c564b', '#7f7f7f'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const deviceZone = deviceTimeZone;
/** "42 min", "3.5 h", "7 d": readable across targets from minutes to a week. */
function mins(ms: number | null): string {
  if (ms === null) return '—';
  const m = toMinutes(ms);
  if (m < 120) return `${m} min`;
  if (m < 48 * 60) return `${Math.round((m / 60) * 10) / 10} h`;
  return `${Math.round((m / 1440) * 10) / 10} d`;
}
const ofTarget = (s: TargetStats) => (s.medianMs === null || !s.targetMs ? null : Math.round((s.medianMs / s.targetMs) * 100));
const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 100)}%`);

type Period = 'last-12' | 'all' | `${number}`;

function periodFilter(period: Period, now: number, timeZoneYear: (y: number) => [number, number]): Pick<DashboardFilter, 'from' | 'to'> {
  if (period === 'all') return {};
  if (period === 'last-12') return { from: now - 365 * 86_400_000 };
  const [from, to] = timeZoneYear(Number(period));
  return { from, to };
}

function TargetCells({ s }: { s: TargetStats }) {
  return (
    <>
      <td>{mins(s.medianMs)}</td>
      <td>{mins(s.targetMs)}</td>
      <td>{s.met}</td>
      <td className={s.missed ? 'missed' : undefined}>{s.missed}</td>
    </>
  );
}

function Chart({ title, children }: { title: string; children: React.ReactElement }) {
  return (
    <figure className="metrics-chart" aria-label={title}>
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={240}>{children}</ResponsiveContainer>
    </figure>
  );
}

export function MetricsPage() {
  const states = useAllIncidentStates();
  const restricted = useRestrictedNotices()?.length ?? 0;
  const plan = useActivePlan();
  const planOf = usePlanOf();
  const now = useNow(60_000);
  const navigate = useUi((s) => s.navigate);
  const timeZone = useMemo(deviceZone, []);
  const [includeDrills, setIncludeDrills] = useState(false);
  const [period, setPeriod] = useState<Period>('last-12');
  const [split, setSplit] = useState<'severity' | 'category'>('severity');

  const years = useMemo(() => [...new Set((states ?? []).map((s) => new Date(s.detectedAt).getFullYear()))].sort((a, b) => b - a), [states]);
  const filter: DashboardFilter = useMemo(() => ({
    includeDrills,
    ...periodFilter(period, now, (y) => [new Date(y, 0, 1).getTime(), new Date(y + 1, 0, 1).getTime()]),
  }), [includeDrills, period, now]);

  const data = useMemo(() => {
    if (!states) return null;
    return {
      count: selectIncidents(states, filter).length,
      overTime: incidentsOverTime(states, plan, timeZone, filter),
      times: timesBySeverity(states, plan, now, filter, planOf),
      cadence: cadenceSummary(states, plan, now, filter, planOf),
      actions: openActionItems(states, plan, now, { includeDrills }, planOf),
      pattern: yearlyPattern(states, plan, timeZone, filter),
    };
  }, [states, plan, planOf, now, filter, includeDrills, timeZone]);

  if (!data) return <p role="status">Loading…</p>;
  const keys = split === 'severity' ? [...plan.severities.map((s) => s.id), 'unset'] : [...plan.categories.map((c) => c.id), 'unset'];
  const label = (k: string) => (k === 'unset' ? 'Unclassified' : split === 'category' ? plan.categories.find((c) => c.id === k)?.name ?? k : k);
  const overTimeRows = data.overTime.map((r) => ({ period: r.period, ...(split === 'severity' ? r.bySeverity : r.byCategory) }));
  const usedKeys = keys.filter((k) => overTimeRows.some((r) => ((r as Record<string, unknown>)[k] as number) > 0));
  const timeRows = data.times.filter((t) => t.incidents > 0).map((t) => ({
    severity: t.severity,
    'Acknowledge (median, % of target)': ofTarget(t.acknowledge),
    'Resolve (median, % of target)': ofTarget(t.resolve),
  }));
  const overdue = data.actions.filter((a) => a.overdue).length;
  const followUps = data.actions.filter((a) => a.followUpOverdue).length;

  return (
    <section className="metrics" aria-labelledby="metrics-title">
      <h2 id="metrics-title">Metrics</h2>
      <UnreadHistoryNotice what="figures" />
      <div className="metrics-filters">
        <label>Period
          <select value={period} onChange={(e) => setPeriod(e.target.value as Period)}>
            <option value="last-12">Last 12 months</option>
            <option value="all">All time</option>
            {years.map((y) => <option key={y} value={String(y)}>{y}</option>)}
          </select>
        </label>
        <label className="checkbox"><input type="checkbox" checked={includeDrills} onChange={(e) => setIncludeDrills(e.target.checked)} /> Include drills</label>
        <span className="muted" aria-label="Incidents counted">{plural(data.count, 'incident')}</span>
        {restricted > 0 && (
          <span className="muted" aria-label="Restricted incidents not counted">
            and {plural(restricted, 'restricted incident')} you are not a participant of, not counted here
          </span>
        )}
      </div>

      <div className="metrics-cards">
        <div className="metrics-card"><strong>{data.count}</strong><span>{data.count === 1 ? 'incident' : 'incidents'}</span></div>
        <div className="metrics-card"><strong>{data.actions.length}</strong><span>open action items</span></div>
        <div className={`metrics-card${overdue ? ' danger' : ''}`}><strong>{overdue}</strong><span>past deadline</span></div>
        <div className={`metrics-card${followUps ? ' warn' : ''}`}><strong>{followUps}</strong><span>due for follow-up</span></div>
        <button type="button" className="link" onClick={() => navigate('actions')}>Go to action items</button>
      </div>

      <div className="metrics-toolbar" role="group" aria-label="Split incidents by">
        <label className="checkbox"><input type="radio" name="split" checked={split === 'severity'} onChange={() => setSplit('severity')} /> By severity</label>
        <label className="checkbox"><input type="radio" name="split" checked={split === 'category'} onChange={() => setSplit('category')} /> By category</label>
      </div>
      <Chart title={`Incidents per month by ${split}`}>
        <BarChart data={overTimeRows}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="period" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Legend />
          {usedKeys.map((k, i) => <Bar key={k} dataKey={k} name={label(k)} stackId="a" fill={PALETTE[i % PALETTE.length]} />)}
        </BarChart>
      </Chart>

      <h3>Response times against the plan's targets</h3>
      <table className="metrics-table" aria-label="Response times by severity">
        <thead>
          <tr><th rowSpan={2}>Severity</th><th rowSpan={2}>Incidents</th><th colSpan={4}>Time to acknowledge</th><th colSpan={4}>Time to resolve</th></tr>
          <tr><th>Median</th><th>Target</th><th>Met</th><th>Missed</th><th>Median</th><th>Target</th><th>Met</th><th>Missed</th></tr>
        </thead>
        <tbody>
          {data.times.map((t) => (
            <tr key={t.severity}><td>{t.severity} {t.name}</td><td>{t.incidents}</td><TargetCells s={t.acknowledge} /><TargetCells s={t.resolve} /></tr>
          ))}
        </tbody>
      </table>
      <Chart title="Median time as a share of the plan's target (100% = at target)">
        <BarChart data={timeRows}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="severity" />
          <YAxis unit="%" />
          <Tooltip />
          <Legend />
          <ReferenceLine y={100} stroke="#d62728" strokeDasharray="4 4" label={{ value: 'target', position: 'right', fill: '#d62728' }} />
          <Bar dataKey="Acknowledge (median, % of target)" fill="#1f77b4" />
          <Bar dataKey="Resolve (median, % of target)" fill="#ff7f0e" />
        </BarChart>
      </Chart>

      <h3>Update-cadence compliance</h3>
      <table className="metrics-table" aria-label="Update cadence compliance">
        <thead><tr><th>Audience</th><th>Updates owed</th><th>On time</th><th>Late</th><th>Missed</th><th>Compliance</th></tr></thead>
        <tbody>
          {data.cadence.map((c) => (
            <tr key={c.audience}><td>{c.name}</td><td>{c.owed}</td><td>{c.onTime}</td><td>{c.late}</td><td>{c.missed}</td><td>{pct(c.ratio)}</td></tr>
          ))}
        </tbody>
      </table>

      <h3>Yearly pattern (annual review)</h3>
      <div className="metrics-pair">
        <Chart title="Incidents by month of year">
          <BarChart data={data.pattern.byMonth.map((m) => ({ month: MONTHS[m.month - 1], Incidents: m.count }))}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="month" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Bar dataKey="Incidents" fill="#9467bd" />
          </BarChart>
        </Chart>
        <Chart title="Incidents by weekday">
          <BarChart data={data.pattern.byWeekday.map((d) => ({ day: d.weekday.slice(0, 3), Incidents: d.count }))}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="day" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Bar dataKey="Incidents" fill="#8c564b" />
          </BarChart>
        </Chart>
      </div>
    </section>
  );
}
