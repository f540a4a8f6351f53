// Visibility feature: who sees an incident (open or restricted), its panel, badge, declare choice and the notices
// of incidents this console may no longer see.
export { VisibilityPanel } from './VisibilityPanel';
export { RestrictedBadge } from './RestrictedBadge';
export { RestrictedIncidentNotice, RestrictedIncidents } from './RestrictedNotice';
export { VisibilityChoice, chosenVisibility, type VisibilityPick } from './VisibilityChoice';
