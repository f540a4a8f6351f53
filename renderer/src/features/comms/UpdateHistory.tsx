// Past updates per audience, newest first: what each audience has been told and when, with where each one went.
import { useState } from 'react';
import type { DeliveryLine } from '@shared/delivery/status';
import type { IncidentState } from '@shared/incident/state';
import type { Plan } from '@shared/plan/schema';
import { formatClockTime, plural, timeOnDay } from '../../core/format';
import { DeliveryStatus } from '../outbound';

const SHOWN = 3;

interface Props { state: IncidentState; plan: Plan; now: number; deliveries: Map<string, DeliveryLine[]>; unsent: ReadonlySet<string> }

export function UpdateHistory({ state, plan, now, deliveries, unsent }: Props) {
  const [expanded, setExpanded] = useState<Record<string, boolean>>({});
  const audiences = plan.audiences.map((a) => ({ ...a, updates: state.updates.filter((u) => u.audience === a.id).sort((x, y) => y.at - x.at) }))
    .filter((a) => a.updates.length > 0);
  if (audiences.length === 0) return null;
  return (
    <div className="comms-history">
      <h3>Update history</h3>
      {audiences.map((a) => {
        const all = expanded[a.id] ?? false;
        const list = all ? a.updates : a.updates.slice(0, SHOWN);
        const last = a.updates[0];
        return (
          <section key={a.id} aria-label={`Updates to ${a.name}`}>
            <h4>{a.name}: {plural(a.updates.length, 'update')}{last ? <span className="muted">, last {timeOnDay(last.at, now)}</span> : null}</h4>
            <ul>
              {list.map((u) => (
                <li key={u.id}>
                  <span className="muted">{formatClockTime(u.at, false)} · {a.name} via {u.channel} · {u.by}</span>
                  <pre className="comms-update-text">{u.text}</pre>
                  <DeliveryStatus incidentId={state.id} lines={deliveries.get(u.id) ?? []} unsent={unsent} />
                </li>
              ))}
            </ul>
            {a.updates.length > SHOWN && (
              <button type="button" className="small" aria-expanded={all} onClick={() => setExpanded((e) => ({ ...e, [a.id]: !all }))}>
                {all ? `Show the latest ${SHOWN}` : `Show all ${a.updates.length} updates to ${a.name}`}
              </button>
            )}
          </section>
        );
      })}
    </div>
  );
}
