// The status-page subscribers API shared by the server and the console's Server page (admins only, but for the
// count): what an admin sees of a subscriber, and the export files made from it. Addresses are personal data: they
// reach the console only through these admin calls, never through events, and nothing here carries a token or key.
import { z } from 'zod';
import { csvRow } from '../pir/csv';

export const SUBSCRIBER_STATES = ['confirmed', 'waiting for confirmation'] as const;

export const subscriberRecordSchema = z.object({
  id: z.string(),
  email: z.string(),
  /** Component ids chosen; empty: every component. */
  components: z.array(z.string()),
  state: z.enum(SUBSCRIBER_STATES),
  createdAt: z.string(),
  confirmedAt: z.string().nullable(),
});
export type SubscriberRecord = z.infer<typeof subscriberRecordSchema>;

export const subscriberListSchema = z.object({ subscribers: z.array(subscriberRecordSchema) });
export const subscriberSummarySchema = z.object({ confirmed: z.number().int().nonnegative(), waiting: z.number().int().nonnegative() });
export type SubscriberSummary = z.infer<typeof subscriberSummarySchema>;

/** The body POST /subscribers/delete-all insists on, so no stray request empties the list. */
export const deleteAllSubscribersSchema = z.object({ confirm: z.literal('delete every subscriber', { message: 'send {"confirm": "delete every subscriber"}' }) });

const componentWords = (ids: readonly string[], names: ReadonlyMap<string, string>) =>
  ids.length === 0 ? 'All components' : ids.map((id) => names.get(id) ?? `${id} (no longer on the page)`).join('; ');

export const SUBSCRIBERS_CSV_HEADER = ['Email', 'Components', 'Component ids', 'State', 'Subscribed at', 'Confirmed at'] as const;

/** RFC 4180, CRLF line ends, no cell a spreadsheet evaluates (csvRow): one row per address. */
export function subscribersCsv(subscribers: readonly SubscriberRecord[], componentNames: ReadonlyMap<string, string>): string {
  const rows = [csvRow(SUBSCRIBERS_CSV_HEADER)];
  for (const s of subscribers) {
    rows.push(csvRow([s.email, componentWords(s.components, componentNames), s.components.join(' '), s.state, s.createdAt, s.confirmedAt ?? '']));
  }
  return `${rows.join('\r\n')}\r\n`;
}

/** The same as JSON, for moving to another tool: each address with its components (named) and times. */
export function subscribersJson(subscribers: readonly SubscriberRecord[], componentNames: ReadonlyMap<string, string>, exportedAt: Date): string {
  return `${JSON.stringify({
    exportedAt: exportedAt.toISOString(),
    subscribers: subscribers.map((s) => ({
      email: s.email,
      allComponents: s.components.length === 0,
      components: s.components.map((id) => ({ id, name: componentNames.get(id) ?? null })),
      state: s.state,
      subscribedAt: s.createdAt,
      confirmedAt: s.confirmedAt,
    })),
  }, null, 2)}\n`;
}
