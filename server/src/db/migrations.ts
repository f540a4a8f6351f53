// Versioned schema migrations, applied in order on start under an advisory lock (safe with several instances).
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema';

interface Migration {
  version: number;
  name: string;
  up: string[];
}

/** Append only: never edit a migration that has shipped; add the next version instead. */
export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'workspaces, devices, invites, events',
    up: [
      `create table workspaces (
         id text primary key,
         name text not null,
         last_seq bigint not null default 0,
         created_at timestamptz not null default now())`,
      `create table devices (
         id text primary key,
         workspace_id text not null references workspaces(id),
         name text not null,
         display_name text not null,
         role text not null check (role in ('admin', 'member')),
         token_hash text not null unique,
         created_at timestamptz not null default now(),
         last_seen_at timestamptz,
         revoked_at timestamptz)`,
      `create index devices_workspace on devices (workspace_id)`,
      `create table invites (
         id text primary key,
         workspace_id text not null references workspaces(id),
         code_hash text not null unique,
         role text not null check (role in ('admin', 'member')),
         max_uses integer not null,
         uses integer not null default 0,
         expires_at timestamptz not null,
         created_at timestamptz not null default now(),
         created_by text)`,
      // An event id is stored once per workspace; seq is the per-workspace pull order, gap-free.
      `create table events (
         workspace_id text not null references workspaces(id),
         seq bigint not null,
         id text not null,
         incident_id text not null,
         type text not null,
         hlc text not null,
         body jsonb not null,
         pushed_by text not null,
         received_at timestamptz not null default now(),
         primary key (workspace_id, id),
         unique (workspace_id, seq))`,
    ],
  },
  {
    version: 2,
    name: 'events by stream',
    // The team stream (plan, contacts) is read on its own by the server (server/src/workspace/team-plan.ts).
    up: ['create index events_workspace_stream on events (workspace_id, incident_id, seq)'],
  },
  {
    version: 3,
    name: 'integration tokens for alert intake',
    up: [
      // Monitoring systems post alerts with one of these; only the sha256 of the token is kept.
      `create table integration_tokens (
         id text primary key,
         workspace_id text not null references workspaces(id),
         name text not null,
         token_hash text not null unique,
         created_at timestamptz not null default now(),
         created_by text,
         last_used_at timestamptz,
         revoked_at timestamptz)`,
      `create index integration_tokens_workspace on integration_tokens (workspace_id)`,
    ],
  },
  {
    version: 4,
    name: 'deliveries: one row per (send request, target), claimed with FOR UPDATE SKIP LOCKED',
    up: [
      // request_id is the delivery.requested event; target its targetKey ("email:stakeholders", "status-page").
      `create table deliveries (
         workspace_id text not null references workspaces(id),
         request_id text not null,
         target text not null,
         incident_id text not null,
         channel text not null,
         state text not null check (state in ('pending', 'sending', 'sent', 'failed')),
         attempts integer not null default 0,
         max_attempts integer not null,
         next_attempt_at timestamptz not null default now(),
         lease_until timestamptz,
         claimed_by text,
         last_error text,
         outcome jsonb,
         outcome_recorded boolean not null default true,
         external_id text,
         created_at timestamptz not null default now(),
         updated_at timestamptz not null default now(),
         primary key (workspace_id, request_id, target))`,
      `create index deliveries_due on deliveries (next_attempt_at) where state in ('pending', 'sending')`,
      `create index deliveries_unrecorded on deliveries (workspace_id) where not outcome_recorded`,
      // How far each workspace's log has been scanned for send requests and retries (seq is commit order).
      `create table delivery_scan (
         workspace_id text primary key references workspaces(id),
         last_seq bigint not null default 0)`,
    ],
  },
];

const MIGRATION_LOCK_KEY = 4_711_001;

export async function migrate(db: Kysely<Database>): Promise<number[]> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`.execute(trx);
    await sql`create table if not exists schema_migrations (
      version integer primary key, name text not null, applied_at timestamptz not null default now())`.execute(trx);
    const done = new Set((await trx.selectFrom('schema_migrations').select('version').execute()).map((r) => r.version));
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      for (const statement of m.up) await sql.raw(statement).execute(trx);
      await trx.insertInto('schema_migrations').values({ version: m.version, name: m.name, applied_at: new Date() }).execute();
      applied.push(m.version);
    }
    return applied;
  });
}
