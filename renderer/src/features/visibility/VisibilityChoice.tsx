// The declare form's choice of who sees the new incident. It follows the plan (its restricted categories) until the
// declarer picks, and says who will see it.
import { useMemo } from 'react';
import { securityOfficers, startsRestricted } from '@shared/access/participants';
import type { Visibility } from '@shared/incident/events-access';
import type { Plan } from '@shared/plan/schema';
import { useContacts } from '../../db/hooks';

/** 'plan': follow the plan for the chosen category; otherwise the declarer's own choice. */
export type VisibilityPick = 'plan' | Visibility;

export function chosenVisibility(pick: VisibilityPick, plan: Plan, category: string): Visibility {
  if (pick !== 'plan') return pick;
  return startsRestricted(plan, { category }) ? 'restricted' : 'open';
}

export function VisibilityChoice({ plan, category, pick, onPick }: { plan: Plan; category: string; pick: VisibilityPick; onPick: (p: VisibilityPick) => void }) {
  const contacts = useContacts();
  const officers = useMemo(() => securityOfficers(plan, contacts ?? []), [plan, contacts]);
  const value = chosenVisibility(pick, plan, category);
  const categoryName = plan.categories.find((c) => c.id === category)?.name;
  const byPlan = startsRestricted(plan, { category });
  return (
    <fieldset className={`visibility-choice${value === 'restricted' ? ' visibility-restricted' : ''}`}>
      <legend>Who sees it</legend>
      <label className="checkbox">
        <input type="radio" name="visibility" checked={value === 'open'} onChange={() => onPick('open')} />
        Open: everyone in the workspace
      </label>
      <label className="checkbox">
        <input type="radio" name="visibility" checked={value === 'restricted'} onChange={() => onPick('restricted')} />
        Restricted: only the people working it
      </label>
      <p className="muted" role="note">
        {byPlan && pick === 'plan' ? `The plan restricts ${categoryName ?? 'these'} incidents. ` : ''}
        {value === 'restricted'
          ? `${officers.length ? `You, the role holders, the people you invite and the security officers (${officers.join(', ')})` : 'You, the role holders and the people you invite'} see it; every other console learns only that one exists.`
          : 'You can restrict it later from its console.'}
      </p>
    </fieldset>
  );
}
