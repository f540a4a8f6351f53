// Channel by target: one module per kind of destination.
import type { DeliveryChannel } from '@shared/incident/events-delivery';
import type { Channel } from '../types';
import { emailChannel } from './email';
import { slackChannel } from './slack';
import { statusPageChannel } from './status-page';
import { teamsChannel } from './teams';
import { webhookChannel } from './webhook';

const notYet = (what: string): Channel => ({ async send() { return { ok: false, reason: `${what} delivery is not available on this server yet`, permanent: true }; } });

export const CHANNELS: Record<DeliveryChannel, Channel> = {
  email: emailChannel,
  'status-page': statusPageChannel,
  slack: slackChannel,
  teams: teamsChannel,
  webhook: webhookChannel,
  'statuspage-io': notYet('Statuspage.io'),
};
