// Channel by target: one module per kind of destination (Statuspage.io keeps its incident ids in the database).
// Pages are not updates: the worker hands them to paging/page.ts.
import type { Kysely } from 'kysely';
import type { DeliveryChannel } from '@shared/incident/events-delivery';
import type { Database } from '../../db/schema';
import type { Channel } from '../types';
import { emailChannel } from './email';
import { slackChannel } from './slack';
import { statusPageChannel } from './status-page';
import { statuspageChannel } from './statuspage-io';
import { teamsChannel } from './teams';
import { webhookChannel } from './webhook';

export function createChannels(db: Kysely<Database>): Record<Exclude<DeliveryChannel, 'page'>, Channel> {
  return {
    email: emailChannel,
    'status-page': statusPageChannel,
    slack: slackChannel,
    teams: teamsChannel,
    webhook: webhookChannel,
    'statuspage-io': statuspageChannel(db),
  };
}
