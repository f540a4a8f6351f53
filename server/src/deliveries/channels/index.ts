// Channel by target: one module per kind of destination.
import type { DeliveryChannel } from '@shared/incident/events-delivery';
import type { Channel } from '../types';
import { emailChannel } from './email';
import { statusPageChannel } from './status-page';

const notYet = (what: string): Channel => ({ async send() { return { ok: false, reason: `${what} delivery is not available on this server yet`, permanent: true }; } });

export const CHANNELS: Record<DeliveryChannel, Channel> = {
  email: emailChannel,
  'status-page': statusPageChannel,
  slack: notYet('Slack'),
  teams: notYet('Microsoft Teams'),
  webhook: notYet('Webhook'),
  'statuspage-io': notYet('Statuspage.io'),
};
