// Confirmed status-page subscribers put straight into a store, many at once, for the crash test and
// bench:deliveries: what thousands of people who subscribed and confirmed on /status leave behind (the page's own
// double opt-in is tested through its form in subscribers.test.ts and the e2e).
import type { Kysely } from 'kysely';
import { randomUUID } from 'node:crypto';
import type { Database } from '../src/db/schema';

/** `count` confirmed subscribers (reader-0@example.test, …) of `componentIds` (none: every component); their ids. */
export async function seedConfirmedSubscribers(db: Kysely<Database>, workspaceId: string, count: number, componentIds: string[] = []): Promise<string[]> {
  const confirmedAt = new Date(Date.now() - 60_000);
  const ids: string[] = [];
  for (let start = 0; start < count; start += 1_000) {
    const rows = Array.from({ length: Math.min(1_000, count - start) }, (_, k) => {
      const email = `reader-${start + k}@example.test`;
      const id = randomUUID();
      ids.push(id);
      return { workspace_id: workspaceId, id, email, email_key: email, component_ids: JSON.stringify(componentIds), confirmed_at: confirmedAt, created_at: confirmedAt };
    });
    await db.insertInto('subscribers').values(rows).execute();
  }
  return ids;
}
