// First start on an empty store: create the workspace and a one-time admin invite (printed once, stored hashed).
import { sql, type Kysely } from 'kysely';
import type { Database } from './db/schema';
import { countWorkspaces, createInvite, createWorkspace, firstWorkspace, type NewInvite } from './store/workspaces';

export interface Bootstrap {
  workspaceId: string;
  invite: NewInvite;
}

/** Undefined when a workspace already exists: the first invite is shown exactly once. */
export async function bootstrapIfEmpty(db: Kysely<Database>, workspaceName: string): Promise<Bootstrap | undefined> {
  // Two instances starting together on one PostgreSQL must not both create a workspace.
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(4711002)`.execute(trx);
    if ((await countWorkspaces(trx)) > 0) return undefined;
    const workspaceId = await createWorkspace(trx, workspaceName);
    const invite = await createInvite(trx, workspaceId, { role: 'admin', maxUses: 1, expiresInHours: 24 * 7 });
    return { workspaceId, invite };
  });
}

/** Recovery path (`--admin-invite`): a fresh single-use admin invite for the first workspace. */
export async function newAdminInvite(db: Kysely<Database>): Promise<NewInvite | undefined> {
  const ws = await firstWorkspace(db);
  if (!ws) return undefined;
  return createInvite(db, ws.id, { role: 'admin', maxUses: 1, expiresInHours: 24 });
}
