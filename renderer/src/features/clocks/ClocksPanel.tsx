// Live countdowns of an incident's clocks (placeholder until the full panel lands).
export function ClocksPanel({ incidentId }: { incidentId: string }) {
  return <section aria-label="Clocks" data-incident={incidentId}><h2>Clocks</h2></section>;
}
