// Watches every active incident's clocks: notifies once per (incident, clock, state), reports alerting clocks for the
// attention strip (features/attention), asks for attention when a P0/P1 clock is overdue and keeps the tray on the worst clock.
// Notifications, due-soon notices and the overdue sound follow the user's settings (nothing is sent before they load).
import { useEffect, useMemo, useRef } from 'react';
import { computeClocks, mostUrgent } from '@shared/clocks/clocks';
import { useNow } from '../../core/useNow';
import { useActiveIncidentList, useActivePlan, useIncidentPlan, useIncidentState, useTeam } from '../../db/hooks';
import { platform } from '../../platform';
import { alertOutputs, notificationPrefs, playAlertSound, useSettings } from '../settings';
import { alertKey, needsCriticalAttention, trayStatusFor } from './alerts';
import { useClockAlerts, type ActiveAlert } from './alert-store';
import { CLOCK_STATE_LABEL } from './format';
import './clocks.css';

const ignore = (p: Promise<unknown>) => { p.catch(() => undefined); };

export function ClockAlertsWatcher() {
  const list = useActiveIncidentList();
  const active = useMemo(() => (list ?? []).filter((s) => s.opened), [list]);
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
    ignore(platform.requestAttention({ level: critical ? 'critical' : 'none' }));
  }, [critical]);

  return (
    <>
      {active.map((s) => <IncidentClockWatch key={s.id} incidentId={s.id} />)}
    </>
  );
}

/** Computes one incident's clocks each second and reports its alerting ones; notifies new alert keys. */
function IncidentClockWatch({ incidentId }: { incidentId: string }) {
  const state = useIncidentState(incidentId);
  const plan = useIncidentPlan(state);
  // No clocks until the team stream is read: the incident's pinned plan is not known before (no false alerts).
  const planKnown = useTeam() !== undefined;
  const now = useNow(1000);
  const report = useClockAlerts((s) => s.report);
  const settingsLoaded = useSettings((s) => s.loaded);
  const clocks = useMemo(() => (state && planKnown ? computeClocks(state, plan, now) : []), [state, planKnown, plan, now]);
  const alerts: ActiveAlert[] = state
    ? clocks.filter((c) => c.alerting).map((clock) => ({ key: alertKey(incidentId, clock, state.snoozes[clock.id]?.until ?? null), incidentId, incidentTitle: state.title, severity: state.severity, drill: state.drill, clock }))
    : [];
  const top = mostUrgent(clocks);

  const alertsRef = useRef(alerts);
  alertsRef.current = alerts;
  const signature = alerts.map((a) => a.key).join(',');
  const topSignature = top && state ? `${top.id}|${top.state}|${state.title}|${state.severity ?? ''}|${state.drill}` : '';
  const topRef = useRef(top);
  topRef.current = top;

  useEffect(() => {
    const current = topRef.current;
    report(incidentId, alertsRef.current, current && state ? { incidentId, title: state.title, severity: state.severity, drill: state.drill, clock: current } : null);
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
        title: `${a.drill ? 'DRILL: ' : ''}${CLOCK_STATE_LABEL[a.clock.state]}: ${a.clock.label}`,
        body: `${a.severity ? `[${a.severity}] ` : ''}${a.incidentTitle}: ${a.clock.hint}`,
        incidentId,
        urgency: critical ? 'critical' : 'normal',
      }));
    }
    if (sound) playAlertSound();
  }, [signature, incidentId, plan, settingsLoaded]);

  return null;
}
