// Timeline lines for the outbound-communication events (what was asked to go out, where it went, what failed).
import type { IncidentEvent } from '../incident/events';
import { targetKey } from '../incident/events-delivery';
import type { ChannelAdapter } from './channels/adapter';
import { CHANNELS } from './channels/registry';

type DeliveryEvent = Extract<IncidentEvent, { type: 'delivery.requested' | 'delivery.retried' | 'delivery.sent' | 'delivery.failed' }>;

/** How the timeline names each delivery channel, from the channel registry ('page': the paging gateway's). */
const CHANNEL_NAMES = new Map<string, string>(CHANNELS.map((a) => [(a as ChannelAdapter).deliveryChannel ?? a.kind, a.timelineName]));

/** "Email (stakeholders)", "Slack (incidents)", "Status page": how a target key reads to a person. */
export function targetLabel(key: string): string {
  const [channel, rest] = key.split(':', 2) as [string, string | undefined];
  const name = CHANNEL_NAMES.get(channel) ?? channel;
  return rest ? `${name} (${rest})` : name;
}

export function describeDeliveryEvent(event: DeliveryEvent): string {
  switch (event.type) {
    case 'delivery.requested': {
      const where = event.payload.targets.map((t) => targetLabel(targetKey(t)));
      return `Send requested: ${where.join(', ')}`;
    }
    case 'delivery.retried':
      return `Retry requested: ${targetLabel(event.payload.target)}`;
    case 'delivery.sent':
      return `${event.payload.sandbox ? 'Drill sandbox: ' : ''}Sent via ${targetLabel(event.payload.target)}${event.payload.detail ? ` (${event.payload.detail})` : ''}`;
    case 'delivery.failed':
      return `Not sent via ${targetLabel(event.payload.target)} (attempt ${event.payload.attempt}): ${event.payload.reason}${event.payload.nextAttemptAt ? `; retrying at ${event.payload.nextAttemptAt}` : '; gave up'}`;
  }
}
