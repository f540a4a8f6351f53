// Compose and post updates (placeholder until the full panel lands).
export function CommsPanel({ incidentId }: { incidentId: string }) {
  return <section aria-label="Communications" data-incident={incidentId}><h2>Communications</h2></section>;
}
