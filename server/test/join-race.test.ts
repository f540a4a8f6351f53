// Two consoles joining at the same moment under the same name, each with an invite of its own, on PostgreSQL with real
// concurrent connections: the name is a console's identity to the server (whose acts it may record, what restricted
// incidents it reads), so exactly one gets it and the other is refused (409 name_taken). Each join checks that the
// name is free and then inserts its device, in a transaction; only the per-workspace advisory lock in joinWithInvite
// (server/src/store/workspaces.ts) keeps both from finding it free.
//
// The race is made to happen every time, not by luck: both consoles bring the same device id (a console adopts its
// own id when it is free), and a third connection holds an uncommitted device row with that id. Each join then stops
// at its insert, after its name check, until that row goes away (PostgreSQL makes an insert wait for an uncommitted
// row with its key). Without the lock both joins pass the check and wait there, and both join under the name; with it
// the second waits for the lock, so it checks the name only once the first has committed. The test lets go once two
// joins wait on a lock in the database (pg_stat_activity), whichever lock that is. PGlite has one connection, so no
// two joins ever interleave there: this runs on PostgreSQL only.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSyncServer, type SyncServer } from '../src/app';
import { createInvite } from '../src/store/workspaces';
import { until } from './delivery-fixtures';
import { newWorkspace, openBackend, stopCluster, type Backend } from './harness';

describe('two joins racing for one name (PostgreSQL, concurrent connections)', () => {
  let backend: Backend;
  let server: SyncServer;
  let workspace: string;

  beforeAll(async () => {
    backend = await openBackend('postgres');
    server = await createSyncServer({ store: backend.store, joinRateLimitPerMinute: 1_000 });
    ({ workspace } = await newWorkspace(server, backend.store));
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await backend?.dispose();
    stopCluster();
  });

  it('one console gets the name, the other is refused with 409 name_taken, whatever the timing', async () => {
    const codes = await Promise.all([1, 2].map(async () => (await createInvite(backend.store.db, workspace, { role: 'member', maxUses: 1, expiresInHours: 1 })).inviteCode));
    const deviceId = randomUUID();
    const holder = new pg.Client({ connectionString: backend.databaseUrl });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query(`insert into devices (id, workspace_id, name, display_name, role, token_hash) values ($1, $2, 'held', 'Held row', 'member', $3)`, [deviceId, workspace, `held-${deviceId}`]);
      const joins = codes.map((inviteCode, i) => server.app.inject({ method: 'POST', url: '/api/v1/join', payload: { inviteCode, deviceName: `laptop ${i + 1}`, displayName: 'Dana IC', deviceId } }));
      // Both joins are inside the database and waiting on a lock: the held row, or (with the advisory lock) each other.
      await until('both joins waiting in the database', async () => {
        const { rows } = await holder.query<{ n: string }>(`select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()`);
        return Number(rows[0]?.n) >= 2 ? true : undefined;
      }, 600, 50);
      await holder.query('rollback');
      const answers = await Promise.all(joins);
      expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
      const refused = answers.find((a) => a.statusCode === 409);
      expect(refused?.json()).toMatchObject({ error: 'name_taken', message: expect.stringContaining('already joined as Dana IC') });
      const named = await backend.store.db.selectFrom('devices').select('id').where('workspace_id', '=', workspace).where('display_name', '=', 'Dana IC').execute();
      expect(named).toHaveLength(1);
    } finally {
      await holder.end();
    }
  });
});
