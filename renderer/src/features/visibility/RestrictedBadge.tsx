// The console header's mark of a restricted incident: seen at a glance, named for screen readers.
import './visibility.css';
export function RestrictedBadge({ restricted }: { restricted: boolean }) {
  if (!restricted) return null;
  return <span className="badge restricted" title="Only its participants see this incident" aria-label="Restricted to its participants">RESTRICTED</span>;
}
