// Watches every active incident's clocks: notifies once per (incident, clock, state), shows an alert banner until
// dismissed or snoozed, asks for attention when a P0/P1 clock is overdue and keeps the tray on the worst clock.
// Notifications, due-soon notices and the overdue sound follow the user's settings (nothing is sent before they load).
import { useEffect, useMemo, useRef, useState } from 'react';
import { computeClocks, mostUrgent } from '@shared/clocks/clocks';
import { useNow } from '../../core/useNow';
import { useUi } from '../../core/ui-store';
import { recordEvent } from '../../db/commands';
import { useActivePlan, useIncidentList, useIncidentState } from '../../db/hooks';
import { platform } from '../../platform';
import { alertOutputs, notificationPrefs, playAlertSound, useSettings } from '../settings';
import { alertKey, needsCriticalAttention, trayStatusFor } from './alerts';
import { useClockAlerts, type ActiveAlert } from './alert-store';
import { CLOCK_STATE_LABEL, formatTime } from './format';
import { SnoozeForm } from './SnoozeForm';
import './clocks.css';

const ignore = (p: Promise<unknown>) => { p.catch(() => undefined); };

export function ClockAlertsWatcher() {
  const list = useIncidentList();
  const active = useMemo(() => (list ?? []).filter((s) => s.opened && s.status !== 'resolved' && s.status !== 'closed'), [list]);
  const plan = useActivePlan();
  const tops = useClockAlerts((s) => s.tops);
  const byIncident = useClockAlerts((s) => s.byIncident);
  const forget = useClockAlerts((s) => s.forget);

  // Incidents that stopped being active drop their alerts.
  const activeIds = active.map((s) => s.id).join(',');
  useEffect(() => {
    const ids = new Set(activeIds ? activeIds.split(',') : []);
    for (const id of Object.keys(useClockAlerts.getState().tops)) if (!ids.has(id)) forget(id);
  }, [activeIds, forget]);

  // Tray: the most urgent clock across incidents; only sent when it changes.
  const tray = trayStatusFor(Object.values(tops).filter((t): t is NonNullable<typeof t> => t !== null));
  const traySignature = `${tray.level}|${tray.text}`;
  useEffect(() => {
    const [level, ...rest] = traySignature.split('|');
    ignore(platform.setTrayStatus({ level: level as typeof tray.level, text: rest.join('|') }));
  }, [traySignature]);

  // Critical attention while any P0/P1 clock is overdue and alerting; released when none is.
  const critical = Object.values(byIncident).flat().some((a) => needsCriticalAttention(plan, a.severity, a.clock));
  const wasCritical = useRef(false);
  useEffect(() => {
    if (critical === wasCritical.current) return;
    wasCritical.current = critical;
    ignore(platform.requestAttention(critical ? 'critical' : 'none'));
  }, [critical]);

  return (
    <>
      {active.map((s) => <IncidentClockWatch key={s.id} incidentId={s.id} />)}
      <AlertBanner />
    </>
  );
}

/** Computes one incident's clocks each second and reports its alerting ones; notifies new alert keys. */
function IncidentClockWatch({ incidentId }: { incidentId: string }) {
  const state = useIncidentState(incidentId);
  const plan = useActivePlan();
  const now = useNow(1000);
  const report = useClockAlerts((s) => s.report);
  const settingsLoaded = useSettings((s) => s.loaded);
  const clocks = useMemo(() => (state ? computeClocks(state, plan, now) : []), [state, plan, now]);
  const alerts: ActiveAlert[] = state
    ? clocks.filter((c) => c.alerting).map((clock) => ({ key: alertKey(incidentId, clock, state.snoozes[clock.id]?.until ?? null), incidentId, incidentTitle: state.title, severity: state.severity, clock }))
    : [];
  const top = mostUrgent(clocks);

  const alertsRef = useRef(alerts);
  alertsRef.current = alerts;
  const signature = alerts.map((a) => a.key).join(',');
  const topSignature = top && state ? `${top.id}|${top.state}|${state.title}|${state.severity ?? ''}` : '';
  const topRef = useRef(top);
  topRef.current = top;

  useEffect(() => {
    const current = topRef.current;
    report(incidentId, alertsRef.current, current && state ? { incidentId, title: state.title, severity: state.severity, clock: current } : null);
    // Only when the set of alerts or the top clock changes, not every tick.
  }, [signature, topSignature, incidentId, report]);

  useEffect(() => {
    if (!settingsLoaded) return;
    const { claimNotification } = useClockAlerts.getState();
    const prefs = notificationPrefs();
    let sound = false;
    for (const a of alertsRef.current) {
      // Claimed even when muted, so turning notifications back on does not replay old alerts.
      if (!claimNotification(a.key)) continue;
      const out = alertOutputs(prefs, a.clock.state);
      sound ||= out.sound;
      if (!out.notify) continue;
      const critical = needsCriticalAttention(plan, a.severity, a.clock);
      ignore(platform.notify({
        key: a.key,
        title: `${CLOCK_STATE_LABEL[a.clock.state]}: ${a.clock.label}`,
        body: `${a.severity ? `[${a.severity}] ` : ''}${a.incidentTitle}: ${a.clock.hint}`,
        incidentId,
        urgency: critical ? 'critical' : 'normal',
      }));
    }
    if (sound) playAlertSound();
  }, [signature, incidentId, plan, settingsLoaded]);

  return null;
}

/** Visible alerts until acted on: dismiss, snooze (with a reason), open the incident or, for a response target, acknowledge the incident. */
function AlertBanner() {
  const byIncident = useClockAlerts((s) => s.byIncident);
  const acknowledged = useClockAlerts((s) => s.acknowledged);
  const acknowledge = useClockAlerts((s) => s.acknowledge);
  const openIncident = useUi((s) => s.openIncident);
  const [snoozing, setSnoozing] = useState<string | null>(null);
  const [ackError, setAckError] = useState<string | null>(null);
  // Acknowledging the incident (the plan's step) records incident.acknowledged, which completes the response clock.
  const acknowledgeIncident = (incidentId: string) => {
    setAckError(null);
    recordEvent(incidentId, 'incident.acknowledged', {}).catch((err: unknown) => setAckError(err instanceof Error ? err.message : String(err)));
  };
  const alerts = Object.values(byIncident).flat().filter((a) => !acknowledged.has(a.key))
    .sort((a, b) => Number(b.clock.state === 'overdue') - Number(a.clock.state === 'overdue') || a.clock.dueAt - b.clock.dueAt);
  if (alerts.length === 0) return null;
  return (
    <section className="clock-alerts" aria-label="Clock alerts">
      {alerts.map((a) => (
        <div key={a.key} role="alert" className={`clock-alert clock-alert-${a.clock.state}`}>
          <span className="clock-alert-text">
            <strong>{CLOCK_STATE_LABEL[a.clock.state]}:</strong> {a.clock.label} (due at {formatTime(a.clock.dueAt)})
            {' — '}{a.severity ? `[${a.severity}] ` : ''}{a.incidentTitle}
          </span>
          <span className="clock-alert-actions">
            <button type="button" onClick={() => openIncident(a.incidentId)} aria-label="Go to incident">Go to incident</button>
            {a.clock.kind === 'response' && (
              <button type="button" className="primary" onClick={() => acknowledgeIncident(a.incidentId)}
                aria-label={`Acknowledge incident: ${a.incidentTitle}`}>Acknowledge incident</button>
            )}
            <button type="button" onClick={() => acknowledge(a.key)} aria-label={`Dismiss alert: ${a.clock.label}`}>Dismiss alert</button>
            <button type="button" onClick={() => setSnoozing(snoozing === a.key ? null : a.key)} aria-label={`Snooze alert: ${a.clock.label}`}>Snooze…</button>
          </span>
          {snoozing === a.key && (
            <SnoozeForm incidentId={a.incidentId} clockId={a.clock.id} clockLabel={a.clock.label} onDone={() => setSnoozing(null)} />
          )}
        </div>
      ))}
      {ackError && <p role="alert" className="error">Could not acknowledge the incident: {ackError}</p>}
    </section>
  );
}
