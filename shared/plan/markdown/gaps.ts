// What a plan does not have, and what that means while an incident runs: a plan runs only what it states, so the
// review says which automatic behaviour is absent (no alert rules: nothing is declared automatically).
import type { Plan } from '../schema';

export interface Gap {
  what: string;
  means: string;
}

export function planGaps(plan: Plan): Gap[] {
  const gaps: Gap[] = [];
  const add = (when: boolean, what: string, means: string) => { if (when) gaps.push({ what, means }); };
  add(!plan.intake || plan.intake.rules.length === 0, 'No alert rules', 'alerts are triaged by hand; nothing is declared automatically');
  add(!plan.compliance.breachNotification, 'No notification deadline', 'no notification clock runs (no regulator or incident-response team deadline)');
  add(plan.distributionLists.length === 0, 'No email distribution lists', 'an email update reaches no one until a list is added');
  add(plan.statusPage.components.length === 0, 'No status-page components', 'status-page updates name no affected component');
  add(plan.rotations.length === 0, 'No on-call rotation', 'the contact sheet, not a rotation, says who is on call');
  add(plan.scenarios.length === 0, 'No scenario runbooks', 'no runbook is attached to an incident or an alert');
  add(plan.monitoring.length === 0, 'No monitors', 'the plan names no thresholds to watch');
  add(plan.exercises.length === 0, 'No drills or exercises', 'no practice is scheduled');
  for (const s of plan.severities) add(s.updateCadences.length === 0, `No update cadence for ${s.label}`, 'no update clock runs at that level');
  return gaps;
}
