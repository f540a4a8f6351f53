// One alert group in the triage view: what fires, since when, the plan's suggestion and its reason, and the
// three decisions (declare, attach, silence), each a named command run through useCommand.
import { useState, type FormEvent } from 'react';
import { groupTriage, isSilenced, maintenanceOf, type AlertGroup } from '@shared/alerts/group';
import type { Plan } from '@shared/plan/schema';
import { formatDuration } from '@shared/time/duration';
import { SeverityBadge } from '../../components/SeverityBadge';
import { formatDateTime, plural, timeOnDay } from '../../core/format';
import { useCommand } from '../../core/useCommand';
import { useUi } from '../../core/ui-store';
import type { IncidentSummary } from '../../db/types';
import { attachToIncident, declareFromAlert, silenceInConsole, unsilence } from './commands';

const HIDDEN_LABELS = new Set(['alertname', '__name__']);

export function AlertCard({ group, plan, now, incidents }: { group: AlertGroup; plan: Plan; now: number; incidents: IncidentSummary[] }) {
  const openIncident = useUi((s) => s.openIncident);
  const declare = useCommand(declareFromAlert);
  const attach = useCommand(attachToIncident);
  const silence = useCommand(silenceInConsole);
  const lift = useCommand(unsilence);
  const [mode, setMode] = useState<'attach' | 'silence' | null>(null);
  const [target, setTarget] = useState('');
  const [reason, setReason] = useState('');
  const t = groupTriage(group, plan);
  const firing = group.alerts.filter((a) => a.status === 'firing');
  const silenced = isSilenced(group, now);
  const maintenance = maintenanceOf(group);
  const attachedTitle = group.attachedTo ? incidents.find((i) => i.id === group.attachedTo)?.title ?? 'an incident' : null;
  const link = group.alerts.find((a) => a.generatorURL)?.generatorURL;
  const headingId = `alert-${group.id}`;

  const onDeclare = async () => {
    const outcome = await declare.run(group, plan);
    if (outcome.ok) openIncident(outcome.value);
  };
  const onAttach = async (e: FormEvent) => {
    e.preventDefault();
    if ((await attach.run(group, target)).ok) setMode(null);
  };
  const onSilence = async (e: FormEvent) => {
    e.preventDefault();
    if ((await silence.run(group, reason)).ok) { setMode(null); setReason(''); }
  };

  return (
    <article className={`alert-card alert-${group.status}${silenced ? ' alert-silenced' : ''}`} aria-labelledby={headingId}>
      <header className="alert-head">
        <h3 id={headingId}>{group.title}</h3>
        <span className={`badge alert-status-${group.status}`}>{group.status === 'firing' ? `Firing (${firing.length} of ${group.alerts.length})` : 'Resolved'}</span>
        {t.severity && <SeverityBadge plan={plan} severity={t.severity} />}
        {maintenance && <span className="badge alert-maintenance">In maintenance</span>}
      </header>
      {maintenance && (
        <p className="alert-maintenance-note">
          Arrived during planned maintenance “{maintenance.title}”: not declared automatically
          {maintenance.suppressed ? '; suppressed by the plan (no alert raised)' : '; the plan leaves it for a person to judge'}.
        </p>
      )}
      <p className="alert-when">
        {group.status === 'firing' && group.firingSince !== null
          ? <>Firing for <strong>{formatDuration(Math.max(0, now - group.firingSince))}</strong> (since {timeOnDay(group.firingSince, now)})</>
          : <>Resolved <strong>{group.resolvedAt !== null ? timeOnDay(group.resolvedAt, now) : ''}</strong>, after firing from {timeOnDay(group.firstSeenAt, now)}</>}
        {' · '}last seen {timeOnDay(group.lastSeenAt, now)} · {plural(group.count, 'notification')}
      </p>
      <p className="alert-suggestion">
        {t.severity
          ? <>Plan suggests <strong>{t.severity}</strong>: “{t.reason}”{t.value !== undefined ? <> (value {t.value})</> : null}</>
          : <>No intake rule of the plan matched: classify by hand.</>}
        {t.action === 'declare' && <> · the plan declares this at once</>}
        {t.ruleAction === 'declare' && <> · the plan would declare this at once outside maintenance</>}
      </p>
      <ul className="alert-instances" aria-label={`Alerts of ${group.title}`}>
        {group.alerts.map((a) => (
          <li key={a.fingerprint}>
            <span className={`dot dot-${a.status}`} aria-hidden="true" />
            <span className="visually-hidden">{a.status}: </span>
            {Object.entries(a.labels).filter(([k]) => !HIDDEN_LABELS.has(k)).map(([k, v]) => <code key={k} className="label-chip">{k}={v}</code>)}
            {a.annotations.summary && <span className="alert-summary">{a.annotations.summary}</span>}
          </li>
        ))}
      </ul>
      {link && <p><a href={link} target="_blank" rel="noreferrer noopener">Open the source of {group.title}</a></p>}
      {attachedTitle && <p className="alert-attached">Attached to <button type="button" className="link" onClick={() => openIncident(group.attachedTo as string)}>{attachedTitle}</button></p>}
      {silenced && group.silenced && (
        <p className="alert-silence-note">Silenced in the console by {group.silenced.by} at {formatDateTime(group.silenced.at)}: {group.silenced.reason}
          {' '}<button type="button" className="small" disabled={lift.pending} onClick={() => void lift.run(group)}>Lift silence</button></p>
      )}
      {!group.attachedTo && (
        <div className="alert-actions">
          <button type="button" className="primary" disabled={declare.pending} onClick={() => void onDeclare()}>Declare incident from alert</button>
          <button type="button" aria-expanded={mode === 'attach'} onClick={() => setMode(mode === 'attach' ? null : 'attach')}>Attach to incident</button>
          {!silenced && <button type="button" aria-expanded={mode === 'silence'} onClick={() => setMode(mode === 'silence' ? null : 'silence')}>Silence in console</button>}
        </div>
      )}
      {declare.error && <p role="alert" className="error">{declare.error}</p>}
      {mode === 'attach' && (
        <form className="alert-form" aria-label={`Attach ${group.title} to an incident`} onSubmit={(e) => void onAttach(e)}>
          <label>Incident
            <select value={target} onChange={(e) => setTarget(e.target.value)}>
              <option value="">Choose an open incident</option>
              {incidents.map((i) => <option key={i.id} value={i.id}>{i.severity ?? 'Unclassified'} · {i.title}</option>)}
            </select>
          </label>
          <button type="submit" disabled={attach.pending}>Attach</button>
          {attach.error && <p role="alert" className="error">{attach.error}</p>}
        </form>
      )}
      {mode === 'silence' && (
        <form className="alert-form" aria-label={`Silence ${group.title}`} onSubmit={(e) => void onSilence(e)}>
          <label className="grow">Reason for silencing
            <input autoFocus value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} placeholder="e.g. known: load test until 15:00" />
          </label>
          <button type="submit" disabled={silence.pending}>Silence</button>
          {silence.error && <p role="alert" className="error">{silence.error}</p>}
        </form>
      )}
    </article>
  );
}
