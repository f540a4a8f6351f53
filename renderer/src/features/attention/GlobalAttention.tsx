// Away from any console (incident list, settings, ...): one line per incident that needs attention, real incidents
// first and drills apart, each marked DRILL; the full alerts are on that incident's console.
import { useUi } from '../../core/ui-store';
import { useClockAlerts } from '../clocks';
import { CLOCK_STATE_LABEL } from '../clocks';
import { attentionFor, type OtherIncident } from './attention';
import './attention.css';
import { plural } from '../../core/format';

export function GlobalAttention() {
  const byIncident = useClockAlerts((s) => s.byIncident);
  const dismissed = useClockAlerts((s) => s.acknowledged);
  const real = attentionFor(null, false, byIncident, dismissed).others;
  const drills = attentionFor(null, true, byIncident, dismissed).others;
  if (real.length + drills.length === 0) return null;
  return (
    <section className="attention attention-global" aria-label="Incidents needing attention">
      {real.length > 0 && <Lines title={`${plural(real.length, 'incident')} ${real.length === 1 ? 'needs' : 'need'} attention`} list={real} />}
      {drills.length > 0 && <Lines title={`DRILL: ${plural(drills.length, 'drill')} ${drills.length === 1 ? 'needs' : 'need'} attention`} list={drills} />}
    </section>
  );
}

function Lines({ title, list }: { title: string; list: OtherIncident[] }) {
  const openIncident = useUi((s) => s.openIncident);
  return (
    <div>
      <strong>{title}</strong>
      <ul aria-label={title}>
        {list.map((o) => (
          <li key={o.incidentId}>
            {o.drill && <span className="badge drill">DRILL</span>} {o.severity ? `[${o.severity}] ` : ''}{o.title}: {CLOCK_STATE_LABEL[o.top.clock.state]}: {o.top.clock.label}
            {o.count > 1 ? ` (and ${plural(o.count - 1, 'more alert')})` : ''}{' '}
            <button type="button" className="small" onClick={() => openIncident(o.incidentId)}>Open its console</button>
          </li>
        ))}
      </ul>
    </div>
  );
}
