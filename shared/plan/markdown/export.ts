// Plan -> Markdown document in the customer's shape, plus a final appendix (a fenced JSON block of pointer edits)
// holding whatever the document's shape has no place for, so that import(export(plan)) equals the plan.
import type { Plan } from '../schema';
import { APPENDIX_FORMAT, APPENDIX_HEADING, diffPlans, type Appendix } from './appendix';
import { importPlanMarkdown } from './import';
import { writeVisibility } from './export-visibility';
import { writeCompliance, writeContacts, writeExercises, writeHeader, writeReviewTemplate, writeScenarios, writeSeverities, writeSteps, writeTeam, writeTools } from './export-sections';

function writeBody(plan: Plan): string {
  const inSteps = plan.steps.some((s) => s.usesSeverityEscalation);
  const sections = [
    writeHeader(plan),
    writeSeverities(plan, inSteps),
    writeSteps(plan),
    ...(plan.scenarios.length ? [writeScenarios(plan)] : []),
    writeTeam(plan),
    ...(plan.tools.length ? [writeTools(plan)] : []),
    ...(plan.exercises.length ? [writeExercises(plan)] : []),
    writeReviewTemplate(plan),
    `${writeCompliance(plan)}\n\n${writeVisibility(plan)}`,
    writeContacts(plan),
  ];
  return sections.join('\n\n---\n\n');
}

function writeAppendix(appendix: Appendix): string {
  return `## ${APPENDIX_HEADING}\n\nValues this document has no place for (identifiers, product settings, plan sections of the console). The console reads them back when the document is imported; change them in the console, not here.\n\n\`\`\`json\n${JSON.stringify(appendix, null, 2)}\n\`\`\``;
}

export function exportPlanMarkdown(plan: Plan): string {
  const body = writeBody(plan);
  // The appendix is what the body, read back, lacks: computed against the very reading import will make.
  const empty = `${body}\n\n---\n\n${writeAppendix({ format: APPENDIX_FORMAT, set: {}, unset: [] })}\n`;
  const read = importPlanMarkdown(empty);
  if (!read.ok) throw new Error(`the exported document does not read back: ${read.problems.map((p) => `line ${p.line}: ${p.message}`).join('; ')}`);
  const appendix = diffPlans(plan, read.draft.plan);
  if (!Object.keys(appendix.set).length && !appendix.unset.length) return `${body}\n`;
  return `${body}\n\n---\n\n${writeAppendix(appendix)}\n`;
}
