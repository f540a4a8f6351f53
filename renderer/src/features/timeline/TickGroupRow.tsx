// One collapsed run of checklist ticks: "Step 3 (Escalation & Notification): 4 of 5 checked by Alex, 16:12–16:14",
// with a button that shows the ticks beneath it.
import type { IncidentState } from '@shared/incident/state';
import type { Plan } from '@shared/plan/schema';
import type { TickGroup } from '@shared/warroom/tick-groups';
import { formatClockTime, formatDateTime, plural } from '../../core/format';
import { stepSections } from '../steps';
import { groupLine } from './display-rows';

interface Props { group: TickGroup; state: IncidentState; plan: Plan; open: boolean; onToggle: (groupId: string) => void }

export function TickGroupRow({ group, state, plan, open, onToggle }: Props) {
  const step = plan.steps.find((s) => s.id === group.stepId);
  const total = step ? stepSections(plan, step, state.severity).reduce((n, s) => n + s.items.length, 0) : null;
  const line = groupLine(plan, group, total || null);
  return (
    <div className="tl-row tl-group kind-system">
      <time className="tl-time" dateTime={new Date(group.to).toISOString()} title={formatDateTime(group.to)}>{formatClockTime(group.to)}</time>
      <span className="tl-kind tag-system">Checks</span>
      <span className="tl-author">{group.actors.join(', ')}</span>
      <span className="tl-text"><span className="tl-body">{line}</span></span>
      <span className="tl-actions">
        <button type="button" className="small" aria-expanded={open} aria-label={`${open ? 'Hide' : 'Show'} ${plural(group.entries.length, 'tick')}: ${line}`}
          onClick={() => onToggle(group.id)}>{open ? 'Hide ticks' : `Show ${plural(group.entries.length, 'tick')}`}</button>
      </span>
    </div>
  );
}
