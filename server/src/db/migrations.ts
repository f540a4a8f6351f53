// Versioned schema migrations, applied in order on start under an advisory lock (safe with several instances) by
// migrate() in connect.ts. Plain data: open.ts names the embedded template after them without loading kysely.

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
  {
    version: 5,
    name: 'push in one statement: ic_push_events',
    // The whole push (token re-check, counter lock, existing-id check, insert, counter bump, notify) is one
    // call, so the counter row is locked for one round trip instead of five, and never across a Node event-
    // loop turn. Each statement of a plpgsql function takes a fresh snapshot (READ COMMITTED), so the
    // existing-id check after the lock sees every row committed by the writer it waited for, exactly as
    // separate statements did. Contract: server/src/store/events.ts pushEvents.
    up: [`create function ic_push_events(
        p_workspace text, p_token_hash text, p_pushed_by text, p_must_match boolean, p_events jsonb, p_origin text)
      returns table (outcome text, seq bigint, inserted_ids text[], conflict_id text)
      language plpgsql as $fn$
      declare
        v_seq bigint;
        v_conflict text;
        v_ids text[];
        v_existing text[];
        v_count integer;
        v_max bigint;
      begin
        -- A token given: the device must still be active in this workspace (the request's earlier lookup may be cached).
        if p_token_hash is not null and not exists (
          select 1 from devices d where d.token_hash = p_token_hash and d.workspace_id = p_workspace and d.revoked_at is null) then
          return query select 'unauthorized'::text, 0::bigint, null::text[], null::text;
          return;
        end if;
        select w.last_seq into v_seq from workspaces w where w.id = p_workspace for update;
        if not found then
          raise exception 'no workspace %', p_workspace;
        end if;
        -- Ids already stored: one primary-key probe per id (the LIMIT keeps the planner from turning this into a
        -- join, which with young statistics it planned as a scan of the whole workspace).
        select coalesce(array_agg(x.id), '{}') into v_existing
          from jsonb_array_elements(p_events) as t(body)
          cross join lateral (select e.id from events e where e.workspace_id = p_workspace and e.id = t.body->>'id' limit 1) x;
        if p_must_match and cardinality(v_existing) > 0 then
          -- The same id must carry the same content; the import mark is provenance, not content. jsonb equality
          -- ignores key order, as the canonical comparison did.
          select t.body->>'id' into v_conflict
            from jsonb_array_elements(p_events) with ordinality as t(body, ord)
            cross join lateral (select e.body from events e where e.workspace_id = p_workspace and e.id = t.body->>'id' limit 1) s
            where (s.body - 'imported') <> (t.body - 'imported')
            order by t.ord limit 1;
          if v_conflict is not null then
            return query select 'conflict'::text, v_seq, null::text[], v_conflict;
            return;
          end if;
        end if;
        with ins as (
          insert into events (workspace_id, seq, id, incident_id, type, hlc, body, pushed_by, received_at)
          select p_workspace, v_seq + row_number() over (order by t.ord), t.body->>'id', t.body->>'incidentId',
                 t.body->>'type', t.body->>'hlc', t.body, p_pushed_by, now()
          from jsonb_array_elements(p_events) with ordinality as t(body, ord)
          where not (t.body->>'id' = any(v_existing))
          on conflict (workspace_id, id) do nothing
          returning events.id, events.seq
        )
        select coalesce(array_agg(ins.id order by ins.seq), '{}'), count(*), coalesce(max(ins.seq), v_seq)
          into v_ids, v_count, v_max from ins;
        -- Cannot happen while every writer holds the counter lock; refuse rather than leave a gap.
        if v_max <> v_seq + v_count then
          raise exception 'concurrent insert outside the workspace lock';
        end if;
        if v_count > 0 then
          update workspaces set last_seq = v_max where id = p_workspace;
          -- Delivered on commit only, so other instances never poke for rows they cannot see yet.
          perform pg_notify('incident_sync', json_build_object('workspace', p_workspace, 'seq', v_max, 'origin', p_origin)::text);
        end if;
        return query select 'ok'::text, v_max, v_ids, null::text;
      end
      $fn$`],
  },
  {
    version: 6,
    name: 'outbound channels per workspace, page acknowledge links, Statuspage incident ids',
    up: [
      `create table outbound_channels (
         workspace_id text not null references workspaces(id),
         kind text not null check (kind in ('slack', 'teams', 'webhook', 'paging')),
         name text not null,
         url text not null,
         secret text,
         created_at timestamptz not null default now(),
         created_by text not null,
         primary key (workspace_id, kind, name))`,
      `create table ack_tokens (
         token_hash text primary key,
         workspace_id text not null references workspaces(id),
         incident_id text not null,
         page_id text not null,
         contact_id text,
         person text not null,
         expires_at timestamptz not null,
         used_at timestamptz,
         created_at timestamptz not null default now())`,
      `create index ack_tokens_page on ack_tokens (workspace_id, page_id)`,
      `create table statuspage_incidents (
         workspace_id text not null references workspaces(id),
         incident_id text not null,
         page_id text not null,
         statuspage_incident_id text not null,
         created_at timestamptz not null default now(),
         primary key (workspace_id, incident_id, page_id))`,
    ],
  },
  {
    version: 7,
    name: 'recovery: history epochs, the store identity, device and server signing keys, epoch in the push answer',
    up: [
      // The identity of a workspace's history (docs/server.md, "Recovery"): a new one whenever the history may have
      // gone back (a restore, a rebuild, another database under the same server), so consoles re-read and re-push.
      `alter table workspaces add column epoch text not null default gen_random_uuid()::text`,
      `alter table workspaces add column epoch_started_at timestamptz not null default now()`,
      // Ed25519 public key (base64url, raw 32 bytes) a device signs its events with; registered when it joins, or
      // by an existing device on its next connect (trusted on first use through its token).
      `alter table devices add column public_key text`,
      `alter table devices add column key_registered_at timestamptz`,
      // The server's own signing key (for the events it writes): kept in backups, so a restored or rebuilt
      // server still verifies what it signed before.
      `create table server_keys (
         id text primary key,
         public_key text not null,
         private_key text not null,
         created_at timestamptz not null default now())`,
      // What the database is (cluster, database, timeline): when a server finds another one than it recorded (a
      // pg_restore, a point-in-time recovery, a failover), the history may have gone back: every epoch changes.
      `create table store_identity (
         id boolean primary key default true check (id),
         fingerprint text not null,
         recorded_at timestamptz not null default now())`,
      // When the send request was recorded: after the history went back, a delivery requested before the new epoch
      // began may have gone out already; it waits for its outcome to come back with the consoles (deliveries/queue.ts).
      `alter table deliveries add column requested_at timestamptz`,
      `drop function ic_push_events(text, text, text, boolean, jsonb, text)`,
      `create function ic_push_events(
        p_workspace text, p_token_hash text, p_pushed_by text, p_must_match boolean, p_events jsonb, p_origin text)
      returns table (outcome text, seq bigint, inserted_ids text[], conflict_id text, epoch text)
      language plpgsql as $fn$
      declare
        v_seq bigint;
        v_conflict text;
        v_ids text[];
        v_existing text[];
        v_count integer;
        v_max bigint;
        v_epoch text;
      begin
        -- A token given: the device must still be active in this workspace (the request's earlier lookup may be cached).
        if p_token_hash is not null and not exists (
          select 1 from devices d where d.token_hash = p_token_hash and d.workspace_id = p_workspace and d.revoked_at is null) then
          return query select 'unauthorized'::text, 0::bigint, null::text[], null::text, null::text;
          return;
        end if;
        select w.last_seq, w.epoch into v_seq, v_epoch from workspaces w where w.id = p_workspace for update;
        if not found then
          raise exception 'no workspace %', p_workspace;
        end if;
        -- Ids already stored: one primary-key probe per id (the LIMIT keeps the planner from turning this into a
        -- join, which with young statistics it planned as a scan of the whole workspace).
        select coalesce(array_agg(x.id), '{}') into v_existing
          from jsonb_array_elements(p_events) as t(body)
          cross join lateral (select e.id from events e where e.workspace_id = p_workspace and e.id = t.body->>'id' limit 1) x;
        if p_must_match and cardinality(v_existing) > 0 then
          -- The same id must carry the same content; the import and relay marks and the signature are provenance,
          -- not content. jsonb equality ignores key order, as the canonical comparison did.
          select t.body->>'id' into v_conflict
            from jsonb_array_elements(p_events) with ordinality as t(body, ord)
            cross join lateral (select e.body from events e where e.workspace_id = p_workspace and e.id = t.body->>'id' limit 1) s
            where (s.body - 'imported' - 'sig' - 'relayed') <> (t.body - 'imported' - 'sig' - 'relayed')
            order by t.ord limit 1;
          if v_conflict is not null then
            return query select 'conflict'::text, v_seq, null::text[], v_conflict, v_epoch;
            return;
          end if;
        end if;
        with ins as (
          insert into events (workspace_id, seq, id, incident_id, type, hlc, body, pushed_by, received_at)
          select p_workspace, v_seq + row_number() over (order by t.ord), t.body->>'id', t.body->>'incidentId',
                 t.body->>'type', t.body->>'hlc', t.body, p_pushed_by, now()
          from jsonb_array_elements(p_events) with ordinality as t(body, ord)
          where not (t.body->>'id' = any(v_existing))
          on conflict (workspace_id, id) do nothing
          returning events.id, events.seq
        )
        select coalesce(array_agg(ins.id order by ins.seq), '{}'), count(*), coalesce(max(ins.seq), v_seq)
          into v_ids, v_count, v_max from ins;
        -- Cannot happen while every writer holds the counter lock; refuse rather than leave a gap.
        if v_max <> v_seq + v_count then
          raise exception 'concurrent insert outside the workspace lock';
        end if;
        if v_count > 0 then
          update workspaces set last_seq = v_max where id = p_workspace;
          -- Delivered on commit only, so other instances never poke for rows they cannot see yet.
          perform pg_notify('incident_sync', json_build_object('workspace', p_workspace, 'seq', v_max, 'origin', p_origin)::text);
        end if;
        return query select 'ok'::text, v_max, v_ids, null::text, v_epoch;
      end
      $fn$`,
    ],
  },
  {
    version: 8,
    name: 'outbound channel kinds are data: no constraint to widen for a new kind of the channel registry',
    up: [
      // The kinds live in shared/delivery/channels/registry.ts; the API validates them. A check here had to be widened
      // by a migration for every new kind (docs/architecture.md, "How to add a channel").
      `alter table outbound_channels drop constraint if exists outbound_channels_kind_check`,
    ],
  },
  {
    version: 9,
    name: 'restricted incidents: the rows that decide who may see an incident',
    // The server folds these (and the team stream) to know who may see each incident (server/src/access/): a
    // partial index, so a cold start reads them without scanning the whole log. The predicate is the one of
    // ACCESS_ROWS in server/src/access/load.ts (a test compares them); new types need a new migration.
    up: [`create index events_access on events (workspace_id, seq)
      where type in ('incident.opened', 'visibility.changed', 'participant.invited', 'participant.removed',
                     'role.assigned', 'role.relieved', 'plan.adopted', 'alert.attached')
         or incident_id = '00000000-0000-7000-8000-000000000001'`],
  },
  {
    version: 10,
    name: 'recovery: when each workspace last went back, and delivery outcomes by request',
    up: [
      // Set by every new epoch (store/epoch.ts): send requests recorded before it wait for their outcomes to come back
      // (deliveries/recovery.ts). Null: the history never went back.
      `alter table workspaces add column recovered_at timestamptz`,
      // A delivery's sent outcome by its request, for the claim's check after a recovery.
      `create index events_delivery_sent on events (workspace_id, (body->'payload'->>'requestId')) where type = 'delivery.sent'`,
      // Public keys of servers that held this workspace before (--recreate-workspace --former-server-key): their
      // signatures on the server's own events still count when consoles give those events back.
      `alter table workspaces add column former_server_keys text[] not null default '{}'`,
    ],
  },
  {
    version: 11,
    name: 'status-page subscribers: addresses, hashed confirmation links, the unsubscribe key, one row per subscriber per update',
    up: [
      // Personal data (docs/server.md, Subscribers): never in the event log, never on a public page or API.
      `create table subscribers (
         workspace_id text not null references workspaces(id),
         id text not null,
         email text not null,
         email_key text not null,
         component_ids jsonb not null default '[]'::jsonb,
         pending_component_ids jsonb,
         confirm_hash text,
         confirm_expires_at timestamptz,
         confirm_sent_at timestamptz,
         confirmed_at timestamptz,
         created_at timestamptz not null default now(),
         primary key (workspace_id, id),
         unique (workspace_id, email_key))`,
      `create index subscribers_confirm on subscribers (confirm_hash)`,
      `create table subscriber_keys (
         workspace_id text primary key references workspaces(id),
         unsubscribe_key text not null,
         created_at timestamptz not null default now())`,
      `create table subscriber_sends (
         workspace_id text not null,
         request_id text not null,
         subscriber_id text not null,
         state text not null default 'pending' check (state in ('pending', 'sent', 'failed')),
         error text,
         sent_at timestamptz,
         created_at timestamptz not null default now(),
         primary key (workspace_id, request_id, subscriber_id))`,
      `create index subscriber_sends_pending on subscriber_sends (workspace_id, request_id) where state = 'pending'`,
    ],
  },
  {
    version: 12,
    name: 'an invite may be for one person: the only way to join under a name another console holds, or one with standing',
    // server/src/store/workspaces.ts joinWithInvite: a name in use by another console, a security officer's and a
    // restricted incident's participant's are joined under only with an invite an admin made for that person.
    up: [`alter table invites add column if not exists person text`],
  },
  {
    version: 13,
    name: 'joining without the history: the rows the incident list folds, and each stream\'s size and last row',
    // GET /sync/summaries (server/src/access/summaries.ts): a console that joins reads these instead of the whole log.
    // A partial index over the events the list's summary folds (shared/incident/summary-types.ts; a test keeps
    // them the same), and per stream its event count and last sequence number, kept by one statement-level trigger
    // per insert (a push, a restore), so nothing counts the log when someone joins.
    up: [
      `create index events_summary on events (workspace_id, seq)
        where type in ('incident.opened', 'visibility.changed', 'incident.classified', 'severity.changed', 'status.changed')`,
      `create table event_streams (
         workspace_id text not null references workspaces(id),
         incident_id text not null,
         events bigint not null,
         last_seq bigint not null,
         primary key (workspace_id, incident_id))`,
      `insert into event_streams (workspace_id, incident_id, events, last_seq)
         select workspace_id, incident_id, count(*), max(seq) from events group by workspace_id, incident_id`,
      `create function ic_count_streams() returns trigger language plpgsql as $fn$
      begin
        insert into event_streams as s (workspace_id, incident_id, events, last_seq)
          select n.workspace_id, n.incident_id, count(*), max(n.seq) from inserted n group by n.workspace_id, n.incident_id
          on conflict (workspace_id, incident_id)
          do update set events = s.events + excluded.events, last_seq = greatest(s.last_seq, excluded.last_seq);
        return null;
      end
      $fn$`,
      `create trigger events_count_streams after insert on events referencing new table as inserted
         for each statement execute function ic_count_streams()`,
    ],
  },
  {
    version: 14,
    name: 'restricted incidents: handovers decide who commands, so who changes who may see it',
    // The handover events join the rows folded to know who may see (and who commands) each incident: in a restricted
    // incident only the commander or a security officer changes its command or opens it, and the incoming commander
    // takes command by accepting the handover offered to them (shared/access/who-opens.ts). Same predicate as
    // ACCESS_ROWS in server/src/access/load.ts.
    up: [
      `drop index if exists events_access`,
      `create index events_access on events (workspace_id, seq)
      where type in ('incident.opened', 'visibility.changed', 'participant.invited', 'participant.removed',
                     'role.assigned', 'role.relieved', 'plan.adopted', 'alert.attached',
                     'command.handover-offered', 'command.handover-accepted')
         or incident_id = '00000000-0000-7000-8000-000000000001'`,
    ],
  },
];
