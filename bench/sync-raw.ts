// The ceiling the sync figures are judged against: the same events written straight to PostgreSQL with `pg`, no
// HTTP, no validation, no auth, no server, but doing what the server's push does in the same number of statements
// and commits: ONE statement per batch (autocommit, so one commit) that locks the workspace's counter row, inserts
// the batch from one jsonb array with the next sequence numbers (ON CONFLICT DO NOTHING, as the server), and moves
// the counter. Measured in the same run, on the same cluster, as the server's figures.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { IncidentEvent } from '@shared/incident/events';

/** The server's push (ic_push_events) without the token re-check, the existing-id probe and notify. */
const RAW_PUSH = `with c as (select last_seq from workspaces where id = $1 for update),
  ins as (
    insert into events (workspace_id, seq, id, incident_id, type, hlc, body, pushed_by, received_at)
    select $1, c.last_seq + t.ord, t.body->>'id', t.body->>'incidentId', t.body->>'type', t.body->>'hlc', t.body, $3, now()
    from c, jsonb_array_elements($2::jsonb) with ordinality as t(body, ord)
    on conflict (workspace_id, id) do nothing
    returning seq)
  update workspaces w set last_seq = (select coalesce(max(seq), w.last_seq) from ins) where w.id = $1`;

async function rawWorkspace(client: pg.Client | pg.PoolClient): Promise<string> {
  const id = randomUUID();
  await client.query('insert into workspaces (id, name, last_seq) values ($1, $2, 0)', [id, `raw-${id}`]);
  return id;
}

const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;

async function pushBatches(client: pg.Client | pg.PoolClient, workspace: string, device: string, events: readonly IncidentEvent[], batch: number): Promise<void> {
  for (let i = 0; i < events.length; i += batch) {
    await client.query(RAW_PUSH, [workspace, JSON.stringify(events.slice(i, i + batch)), device]);
  }
}

/** One writer, batches of `batch`, one statement and one commit each. Events/s. */
export async function rawOneClient(url: string, events: readonly IncidentEvent[], batch: number): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const workspace = await rawWorkspace(client);
    const t0 = process.hrtime.bigint();
    await pushBatches(client, workspace, 'raw', events, batch);
    return Math.round(events.length / seconds(t0));
  } finally {
    await client.end();
  }
}

/** `clients` writers into ONE workspace, each its own connection and events, the same statement. Events/s over all. */
export async function rawManyClients(url: string, perClient: readonly (readonly IncidentEvent[])[], batch: number): Promise<number> {
  const pool = new pg.Pool({ connectionString: url, max: perClient.length });
  const setup = await pool.connect();
  const workspace = await rawWorkspace(setup);
  setup.release();
  const clients = await Promise.all(perClient.map(() => pool.connect()));
  try {
    const total = perClient.reduce((n, evs) => n + evs.length, 0);
    const t0 = process.hrtime.bigint();
    await Promise.all(perClient.map((events, c) => pushBatches(clients[c] as pg.PoolClient, workspace, `raw-${c}`, events, batch)));
    return Math.round(total / seconds(t0));
  } finally {
    for (const c of clients) c.release();
    await pool.end();
  }
}
