// Answers a user could give to every flag of an imported draft, by the flag's kind (the suggestion where there is
// one, else a plain answer of the right shape): what the review's form would hold once every flag is answered.
import { flagKind, suggestionFor, type Answers } from '@shared/plan/markdown/fill';
import type { PlanDraft } from '@shared/plan/markdown/import';

export function answerEveryFlag(draft: PlanDraft): Answers {
  const answers: Answers = {};
  for (const f of draft.flags) {
    const suggestion = suggestionFor(draft, f);
    if (suggestion) {
      answers[f.path] = suggestion.answer;
      continue;
    }
    switch (flagKind(draft, f.path)) {
      case 'duration': answers[f.path] = '1h'; break;
      case 'period': answers[f.path] = { count: '1', unit: 'year' }; break;
      case 'names': answers[f.path] = [{ name: 'General' }]; break;
      case 'roles': answers[f.path] = [{ name: 'Incident Commander', responsibilities: 'Runs the incident', coverage: '24/7', within: '15m' }]; break;
      case 'sections': answers[f.path] = [{ title: 'Summary', prompt: 'What happened?' }]; break;
      case 'levels': answers[f.path] = [{ id: 'SEV1', name: 'Critical', definition: 'Service down', response: '15m', resolution: '4h', escalation: 'Page the on-call engineer' }]; break;
      case 'steps': answers[f.path] = [{ title: 'Respond', items: 'Open the incident channel' }]; break;
      default: answers[f.path] = 'Answered in the review';
    }
  }
  return answers;
}
