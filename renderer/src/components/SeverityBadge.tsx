// Severity and status badges, coloured by severity rank.
import type { Plan } from '@shared/plan/schema';

export function SeverityBadge({ plan, severity }: { plan: Plan; severity: string | null }) {
  const def = plan.severities.find((s) => s.id === severity);
  const rank = def?.rank ?? 9;
  return (
    <span className={`badge sev sev-${Math.min(rank, 3)}`} title={def?.label ?? 'Not classified yet'}>
      {severity ?? 'Unclassified'}
    </span>
  );
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge status status-${status}`}>{status}</span>;
}
