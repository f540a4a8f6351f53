// Pure rules of the attention strip: which alerts a console shows (its own incident's, most urgent first) and
// which other incidents it points to, keeping drills and real incidents apart.
import { compareUrgency } from '@shared/clocks/priority';
import type { ActiveAlert } from '../clocks';

/** Most urgent first (compareUrgency: overdue, then the plan's commitments before the room's reminders, then due first). */
export function byUrgency(alerts: readonly ActiveAlert[]): ActiveAlert[] {
  return [...alerts].sort((a, b) => compareUrgency(a.clock, b.clock) || (a.key < b.key ? -1 : 1));
}

export interface OtherIncident { incidentId: string; title: string; severity: string | null; drill: boolean; top: ActiveAlert; count: number }

export interface Attention {
  /** This incident's alerts, most urgent first (dismissed ones left out). */
  own: ActiveAlert[];
  /** Other incidents of the same kind (real beside real, drill beside drill) with something alerting. */
  others: OtherIncident[];
  /** On a drill's console only: real incidents that need attention (a real incident always outranks a drill). */
  realElsewhere: OtherIncident[];
}

function summarise(alerts: ActiveAlert[]): OtherIncident | null {
  const sorted = byUrgency(alerts);
  const top = sorted[0];
  return top ? { incidentId: top.incidentId, title: top.incidentTitle, severity: top.severity, drill: top.drill, top, count: sorted.length } : null;
}

/**
 * What the console of `incidentId` shows. A drill's alerts never appear on a real incident's console: a real
 * console lists only other real incidents; a drill console lists other drills, and real incidents apart.
 */
export function attentionFor(
  incidentId: string | null, drill: boolean, byIncident: Readonly<Record<string, ActiveAlert[]>>, dismissed: ReadonlySet<string>,
): Attention {
  const visible = (list: ActiveAlert[]) => list.filter((a) => !dismissed.has(a.key));
  const own = incidentId ? byUrgency(visible(byIncident[incidentId] ?? [])) : [];
  const others: OtherIncident[] = [];
  const realElsewhere: OtherIncident[] = [];
  for (const [id, list] of Object.entries(byIncident)) {
    if (id === incidentId) continue;
    const summary = summarise(visible(list));
    if (!summary) continue;
    if (summary.drill === drill) others.push(summary);
    else if (drill && !summary.drill) realElsewhere.push(summary);
  }
  const order = (a: OtherIncident, b: OtherIncident) => compareUrgency(a.top.clock, b.top.clock);
  return { own, others: others.sort(order), realElsewhere: realElsewhere.sort(order) };
}

