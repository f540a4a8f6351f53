// The hold on send requests from before a recovery counts from when a server serves the recovered store, not from
// the restore: an admin who restores at 03:00 and gets the server running at 03:20 still gives the consoles the whole
// hold to give back the outcomes of what went out before, so none of it is sent twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../src/db/open';
import { claimDue } from '../src/deliveries/queue';
import { startWaitingHolds } from '../src/deliveries/recovery';
import { startNewEpochs } from '../src/store/epoch';
import { createWorkspace } from '../src/store/workspaces';

const HOLD_MS = 5 * 60_000;
const root = mkdtempSync(join(tmpdir(), 'ic-recovery-hold-'));
let store: Store;

beforeAll(async () => {
  store = await openStore({ dataDir: root });
}, 60_000);
afterAll(async () => {
  await store?.close();
  rmSync(root, { recursive: true, force: true });
});

/** A send request recorded an hour ago (before the recovery), due now. */
async function requestFromBefore(workspaceId: string): Promise<string> {
  const requestId = randomUUID();
  await store.db.insertInto('deliveries').values({
    workspace_id: workspaceId, request_id: requestId, target: 'email:stakeholders', incident_id: randomUUID(), channel: 'email',
    state: 'pending', max_attempts: 5, next_attempt_at: new Date(Date.now() - 60_000), outcome_recorded: true,
    requested_at: new Date(Date.now() - 3_600_000),
  }).execute();
  return requestId;
}

const claim = async (at: number) => (await claimDue(store.db, 'test-instance', new Date(at), 60_000, 10, undefined, HOLD_MS)).map((r) => r.request_id);

describe('the hold after a recovery', () => {
  it('a recovery made with no server running (a restore) holds requests from before until a server has served for the whole hold', async () => {
    const ws = await createWorkspace(store.db, 'Hold');
    const requestId = await requestFromBefore(ws);
    await store.db.transaction().execute((trx) => startNewEpochs(trx, 'offline'));
    // Nobody served the store yet: however late the admin starts the server, the hold has not begun.
    expect(await claim(Date.now() + 24 * 3_600_000)).toEqual([]);

    const serving = Date.now();
    await startWaitingHolds(store.db); // the first delivery round of the started server
    await startWaitingHolds(store.db); // later rounds change nothing
    expect(await claim(serving + HOLD_MS - 30_000)).toEqual([]);
    expect(await claim(serving + HOLD_MS + 30_000)).toEqual([requestId]);
  });

  it('a recovery found by a running server (another database under it) starts the hold at once', async () => {
    await store.db.deleteFrom('deliveries').execute();
    const ws = await createWorkspace(store.db, 'Failover');
    const requestId = await requestFromBefore(ws);
    const found = Date.now();
    await store.db.transaction().execute((trx) => startNewEpochs(trx, 'serving'));
    expect(await claim(found + HOLD_MS - 30_000)).toEqual([]);
    expect(await claim(found + HOLD_MS + 30_000)).toEqual([requestId]);
  });
});
