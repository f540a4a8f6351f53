// Commands of the Markdown import: publishing a reviewed draft to the team once it validates as a plan.
import type { Plan } from '@shared/plan/schema';
import { validateFilled } from '@shared/plan/markdown/fill';
import type { PlanDraft } from '@shared/plan/markdown/import';
import { CommandRefused } from '../../core/command-failure';
import { publishPlan } from './commands';

/** Fill the draft with the user's answers, validate it, publish it as the team's next plan version. */
export async function publishImportedPlan(draft: PlanDraft, answers: Record<string, string>, sourceName: string): Promise<Plan> {
  const result = validateFilled(draft, answers);
  if (!result.ok) throw new CommandRefused(`The plan is not complete: ${result.errors.join('; ')}`);
  await publishPlan(result.plan, { note: `Imported from ${sourceName}` });
  return result.plan;
}
