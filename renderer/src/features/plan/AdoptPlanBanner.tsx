// In an incident's console: which plan version judges this incident, whether the pinned plan is missing on
// this laptop, and "Adopt plan vN" when the team published a newer one (the incident never switches silently).
import { diffPlans } from '@shared/plan/diff';
import type { IncidentState } from '@shared/incident/state';
import { useCommand } from '../../core/useCommand';
import { useIncidentPlanInfo } from '../../db/hooks';
import { formatDateTime } from '../../core/format';
import { adoptPlan } from './commands';
import './plan.css';
import { plural } from '../../core/format';

export function AdoptPlanBanner({ state }: { state: IncidentState }) {
  const info = useIncidentPlanInfo(state);
  const adopt = useCommand(adoptPlan);
  if (!info) return null;
  const name = info.version === null ? 'an unknown version' : info.version === 0 ? 'the built-in plan (v0)' : `plan v${info.version}`;
  const how = info.source === 'adopted' ? 'adopted' : info.source === 'declared' ? 'declared under it' : 'declared before plans were pinned';
  const isDone = state.status === 'resolved' || state.status === 'closed';

  if (info.missing) {
    const pinned = info.missing.version === null ? 'its pinned plan' : `plan v${info.missing.version}`;
    return (
      <div className="plan-pin warning" role="alert" aria-label="Plan of this incident">
        This incident runs on {pinned}, which has not reached this laptop yet: clocks and checklists use the team's current plan
        ({info.plan.name} {info.plan.version}) until it syncs.
      </div>
    );
  }
  const newer = info.newer;
  // What adopting would change for this incident: targets, cadences and steps first (not the version text).
  const changes = newer ? diffPlans(info.plan, newer.plan).filter((c) => c.area !== 'Plan') : [];
  return (
    <div className={`plan-pin${newer && !isDone ? ' newer' : ''}`} role="region" aria-label="Plan of this incident">
      <span>Runs on <strong>{name}</strong> ({how}).</span>
      {newer && !isDone && (
        <>
          <span>
            {' '}The team published <strong>v{newer.version}</strong> ({newer.publishedBy.name}, {formatDateTime(Date.parse(newer.publishedAt))}):
            {' '}{changes.length === 0 ? 'no differences in targets, cadences or steps.' : `${plural(changes.length, 'change')}: `}
            {changes.slice(0, 2).map((c) => `${c.what} ${c.from ?? '(none)'} → ${c.to ?? '(removed)'}`).join('; ')}{changes.length > 2 ? ' (all on the Plan page)' : ''}
          </span>
          <button type="button" className="primary" disabled={adopt.pending} onClick={() => void adopt.run(state.id, newer)}>Adopt plan v{newer.version}</button>
        </>
      )}
      {adopt.error && <p role="alert" className="error">{adopt.error}</p>}
    </div>
  );
}
