// An update email's subject, one function for the console (which shows it in the preview and records it in the
// request) and the server (for requests from before subjects were recorded): the internal audiences read the
// severity and the incident's title; the public reads the public title only, never an internal name.
import type { IncidentStatus } from '../incident/events';

const STATUS_WORDS: Record<IncidentStatus, string> = {
  investigating: 'Investigating', identified: 'Identified', mitigating: 'Mitigating', monitoring: 'Monitoring', resolved: 'Resolved', closed: 'Resolved',
};

export function emailSubject(s: { severity: string | null; status: IncidentStatus; title: string }, publicTitle: string | null = null): string {
  if (publicTitle !== null) return `${STATUS_WORDS[s.status]}: ${publicTitle}`;
  return `${s.severity ? `[${s.severity}] ` : ''}${STATUS_WORDS[s.status]}: ${s.title}`;
}
