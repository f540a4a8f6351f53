// Assign and relieve roles (placeholder until the full panel lands).
export function RolesPanel({ incidentId }: { incidentId: string }) {
  return <section aria-label="Roles" data-incident={incidentId}><h2>Roles</h2></section>;
}
