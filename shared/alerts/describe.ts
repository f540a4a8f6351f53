// One line of text for each alert event (timeline CSV, PIR export, the event log view).
import type { EventOf } from '../incident/events';
import { plural } from '../text/plural';

export type AlertEvent = EventOf<'alert.notified'> | EventOf<'alert.seen'> | EventOf<'alert.silenced'> | EventOf<'alert.unsilenced'> | EventOf<'alert.attached'>;

export function alertName(labels: Record<string, string>, fallback = 'alert'): string {
  return labels.alertname ?? fallback;
}

export function describeAlertEvent(event: AlertEvent): string {
  switch (event.type) {
    case 'alert.notified': {
      const p = event.payload;
      const name = p.title ?? alertName(p.labels);
      const why = p.triage.severity ? ` (plan suggests ${p.triage.severity}${p.triage.reason ? `: ${p.triage.reason}` : ''})` : '';
      return p.status === 'firing' ? `Alert firing: ${name}${why}` : `Alert resolved: ${name}`;
    }
    case 'alert.seen':
      return `Alert notification received (${event.payload.status}, ${plural(event.payload.fingerprints.length, 'alert')})`;
    case 'alert.silenced':
      return `Alert silenced in the console: ${event.payload.reason}`;
    case 'alert.unsilenced':
      return `Alert silence lifted${event.payload.reason ? `: ${event.payload.reason}` : ''}`;
    case 'alert.attached':
      return 'Alert attached to an incident';
  }
}
