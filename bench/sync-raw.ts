// The ceiling the sync figures are judged against: the same events written straight to PostgreSQL with `pg`,
// no HTTP, no validation, no server. Measured in the same run, on the same cluster, as the server's figures.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { IncidentEvent } from '@shared/incident/events';

const COLUMNS = ['workspace_id', 'seq', 'id', 'incident_id', 'type', 'hlc', 'body', 'pushed_by', 'received_at'] as const;

/** `insert into events ... values (...), (...)`: one multi-row statement, 9 parameters a row. */
function insertStatement(workspace: string, device: string, firstSeq: number, events: readonly IncidentEvent[]): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const rows: string[] = [];
  const now = new Date();
  events.forEach((e, i) => {
    const base = values.length;
    values.push(workspace, firstSeq + i, e.id, e.incidentId, e.type, e.hlc, JSON.stringify(e), device, now);
    rows.push(`(${COLUMNS.map((_, c) => `$${base + c + 1}`).join(',')})`);
  });
  return { text: `insert into events (${COLUMNS.join(',')}) values ${rows.join(',')}`, values };
}

async function rawWorkspace(client: pg.Client | pg.PoolClient): Promise<string> {
  const id = randomUUID();
  await client.query('insert into workspaces (id, name, last_seq) values ($1, $2, 0)', [id, `raw-${id}`]);
  return id;
}

const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;

/**
 * One writer, batches of `batch`: BEGIN; one multi-row insert; COMMIT. No counter lock (one writer needs
 * none), no duplicate check: the least work that stores the events durably. Events/s.
 */
export async function rawOneClient(url: string, events: readonly IncidentEvent[], batch: number): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const workspace = await rawWorkspace(client);
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < events.length; i += batch) {
      await client.query('begin');
      await client.query(insertStatement(workspace, 'raw', i + 1, events.slice(i, i + batch)));
      await client.query('commit');
    }
    return Math.round(events.length / seconds(t0));
  } finally {
    await client.end();
  }
}

/**
 * `clients` writers into ONE workspace, each its own connection and events, batches of `batch`, with the
 * same counter-row locking the server needs for gap-free sequence numbers: BEGIN; SELECT last_seq ... FOR
 * UPDATE; multi-row insert; UPDATE the counter; COMMIT. Events/s over all writers.
 */
export async function rawManyClients(url: string, perClient: readonly (readonly IncidentEvent[])[], batch: number): Promise<number> {
  const pool = new pg.Pool({ connectionString: url, max: perClient.length });
  const setup = await pool.connect();
  const workspace = await rawWorkspace(setup);
  setup.release();
  const clients = await Promise.all(perClient.map(() => pool.connect()));
  try {
    const total = perClient.reduce((n, evs) => n + evs.length, 0);
    const t0 = process.hrtime.bigint();
    await Promise.all(perClient.map(async (events, c) => {
      const client = clients[c] as pg.PoolClient;
      for (let i = 0; i < events.length; i += batch) {
        const chunk = events.slice(i, i + batch);
        await client.query('begin');
        const { rows } = await client.query<{ last_seq: string }>('select last_seq from workspaces where id = $1 for update', [workspace]);
        const seq = Number(rows[0]?.last_seq ?? 0);
        await client.query(insertStatement(workspace, `raw-${c}`, seq + 1, chunk));
        await client.query('update workspaces set last_seq = $2 where id = $1', [workspace, seq + chunk.length]);
        await client.query('commit');
      }
    }));
    return Math.round(total / seconds(t0));
  } finally {
    for (const c of clients) c.release();
    await pool.end();
  }
}
