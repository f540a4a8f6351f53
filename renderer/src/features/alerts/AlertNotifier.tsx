// A desktop notification for each new firing group that waits for triage, naming who is on call now
// (the plan's rotation), through the platform's one notification path. Mounted once by the app shell.
import { useEffect } from 'react';
import { groupTriage, maintenanceOf, needsTriage } from '@shared/alerts/group';
import { onCallAt } from '@shared/oncall/rotation';
import { useActivePlan } from '../../db/hooks';
import { platform, readLocal, writeLocal } from '../../platform';
import { useAlertGroups } from './useAlertGroups';

const NOTIFIED_KEY = 'incident-console.alerts.notified';
/** A group first seen by this console long after it began firing (an old backlog synced in) is not news. */
const FRESH_WITHIN_MS = 15 * 60_000;

function readNotified(): Set<string> {
  const raw = readLocal(NOTIFIED_KEY);
  return new Set(Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string') : []);
}

/** Private mode: per session. */
function writeNotified(ids: Set<string>): void {
  writeLocal(NOTIFIED_KEY, [...ids].slice(-500));
}

export function AlertNotifier() {
  const groups = useAlertGroups();
  const plan = useActivePlan();
  useEffect(() => {
    if (!groups) return;
    const now = Date.now();
    const notified = readNotified();
    let changed = false;
    for (const g of groups) {
      if (notified.has(g.id) || !needsTriage(g, now)) continue;
      notified.add(g.id);
      changed = true;
      if (now - g.lastSeenAt > FRESH_WITHIN_MS) continue;
      const t = groupTriage(g, plan);
      const onCall = onCallAt(plan, 'on-call-engineer', now);
      const maintenance = maintenanceOf(g);
      const body = [
        maintenance ? `In planned maintenance "${maintenance.title}".` : '',
        t.severity ? `Plan suggests ${t.severity}: ${t.reason ?? ''}.` : 'No intake rule matched: triage by hand.',
        onCall ? `On call now: ${onCall.member}.` : '',
      ].filter(Boolean).join(' ');
      void platform.notify({ key: `alert:${g.id}`, title: `Alert firing: ${g.title}`.slice(0, 200), body: body.slice(0, 1000), urgency: t.action === 'declare' ? 'critical' : 'normal' }).catch(() => undefined);
    }
    if (changed) writeNotified(notified);
  }, [groups, plan]);
  return null;
}
