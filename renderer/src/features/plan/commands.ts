// Plan commands: publish a plan to the team (a plan.published event in the team stream) and adopt a newer
// published plan for one open incident (plan.adopted in the incident's stream), and publishing a reviewed Markdown import.
import type { IncidentEvent } from '@shared/incident/events';
import { parsePlan } from '@shared/plan/load';
import type { Plan } from '@shared/plan/schema';
import { TEAM_STREAM_ID } from '@shared/workspace/streams';
import type { PlanVersion } from '@shared/workspace/team';
import { validateFilled, type Answers } from '@shared/plan/markdown/fill';
import type { PlanDraft } from '@shared/plan/markdown/import';
import { CommandRefused } from '../../core/command-failure';
import { recordEvents } from '../../db/commands';
import { plural } from '../../core/format';

/** A plan that failed validation: every problem with its path (`severities[0].responseTarget: ...`). */
export class PlanRejectedError extends CommandRefused {
  override readonly name = 'PlanRejectedError';
  constructor(readonly problems: string[]) {
    super(`The plan was not published: ${plural(problems.length, 'problem')} (${problems[0] ?? ''})`, problems);
  }
}

/**
 * Publish a plan as the team's next version. It is validated whole (schema and cross-references) first;
 * an invalid plan throws PlanRejectedError and nothing is recorded. Open incidents keep their plan until
 * their IC adopts this one; new incidents pin it.
 */
export async function publishPlan(plan: unknown, opts: { note?: string } = {}): Promise<IncidentEvent> {
  const checked = parsePlan(plan);
  if (!checked.ok) throw new PlanRejectedError(checked.errors);
  const [event] = await recordEvents([{ incidentId: TEAM_STREAM_ID, type: 'plan.published', payload: { plan: checked.plan as Plan, note: opts.note?.trim() ?? '' } }]);
  return event as IncidentEvent;
}

/** Run this incident on a newer published plan from now on ("Adopt plan vN"), recorded in its timeline. */
export async function adoptPlan(incidentId: string, version: Pick<PlanVersion, 'publishedId' | 'version' | 'plan'>): Promise<IncidentEvent> {
  const [event] = await recordEvents([{
    incidentId, type: 'plan.adopted',
    payload: { publishedId: version.publishedId, version: version.version, planId: version.plan.id },
  }]);
  return event as IncidentEvent;
}

/** Markdown import: fill the reviewed draft with the user's answers, validate it, publish it as the next version. */
export async function publishImportedPlan(draft: PlanDraft, answers: Answers, sourceName: string): Promise<Plan> {
  const result = validateFilled(draft, answers);
  if (!result.ok) throw new CommandRefused(`The plan is not complete: ${result.errors.join('; ')}`);
  await publishPlan(result.plan, { note: `Imported from ${sourceName}` });
  return result.plan;
}
