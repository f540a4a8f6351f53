// File names and save requests for the review's exports.
import type { IncidentState } from '@shared/incident/state';

export function slug(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'incident';
}

export function exportName(state: IncidentState, kind: 'pir' | 'timeline' | 'archive' | 'activity-log', ext: string): string {
  const date = new Date(state.detectedAt).toISOString().slice(0, 10);
  return `${kind}-${date}-${slug(state.title)}.${ext}`;
}
