// The plan page (placeholder until the full page lands).
export function PlanPage() {
  return <main aria-label="Plan"><h1>Plan</h1></main>;
}
