// The plan's steps as checklists (placeholder until the full tracker lands).
export function StepTracker({ incidentId }: { incidentId: string }) {
  return <section aria-label="Steps" data-incident={incidentId}><h2>Steps</h2></section>;
}
