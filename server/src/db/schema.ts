// Kysely table types: the one SQL code path shared by PGlite and PostgreSQL.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** bigint columns come back from pg as strings; we convert at the edges. */
type BigIntColumn = ColumnType<string, number | string, number | string>;

export interface WorkspacesTable {
  id: string;
  name: string;
  /** Counter row: the last sequence number handed out. Locked FOR UPDATE by every push. */
  last_seq: BigIntColumn;
  created_at: Timestamp;
  /** The identity of this workspace's history: new whenever it may have gone back (restore, rebuild, failover). */
  epoch: Generated<string>;
  epoch_started_at: Generated<Date>;
  /** When the history last went back (a new epoch after a restore, a rebuild or a failover); null if never. */
  recovered_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** Public keys of the servers that held this workspace before it was recreated (migration 10). */
  former_server_keys: ColumnType<string[], string[] | undefined, string[]>;
}

export interface DevicesTable {
  id: string;
  workspace_id: string;
  name: string;
  display_name: string;
  role: 'admin' | 'member';
  token_hash: string;
  created_at: Timestamp;
  last_seen_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  revoked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** Ed25519 public key (base64url of the raw 32 bytes) the device signs its events with; null until registered. */
  public_key: ColumnType<string | null, string | null | undefined, string | null>;
  key_registered_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface InvitesTable {
  id: string;
  workspace_id: string;
  code_hash: string;
  role: 'admin' | 'member';
  max_uses: number;
  uses: Generated<number>;
  expires_at: Timestamp;
  created_at: Timestamp;
  created_by: string | null;
  /** The person the invite is for (the name the console joins under), or null: any name without standing. */
  person: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface EventsTable {
  workspace_id: string;
  seq: BigIntColumn;
  id: string;
  incident_id: string;
  type: string;
  hlc: string;
  body: ColumnType<unknown, string, string>;
  pushed_by: string;
  received_at: Timestamp;
}

export interface IntegrationTokensTable {
  id: string;
  workspace_id: string;
  name: string;
  token_hash: string;
  created_at: Timestamp;
  created_by: string | null;
  last_used_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  revoked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface DeliveriesTable {
  workspace_id: string;
  request_id: string;
  target: string;
  incident_id: string;
  channel: string;
  state: 'pending' | 'sending' | 'sent' | 'failed';
  attempts: Generated<number>;
  max_attempts: number;
  next_attempt_at: Timestamp;
  lease_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  claimed_by: string | null;
  last_error: string | null;
  /** The outcome event's draft, kept until it is stored in the log (re-appended after a crash). */
  outcome: ColumnType<unknown, string | null | undefined, string | null>;
  outcome_recorded: Generated<boolean>;
  external_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** recordedAt of the send request (null on rows from before migration 7). */
  requested_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface DeliveryScanTable {
  workspace_id: string;
  last_seq: BigIntColumn;
}

/** A chat, webhook or paging destination an admin added in the console; url and secret never leave the server. */
export interface OutboundChannelsTable {
  workspace_id: string;
  /** A kind of the channel registry (data: a new kind needs no migration). */
  kind: string;
  name: string;
  url: string;
  secret: string | null;
  created_at: Timestamp;
  created_by: string;
}

/** One-time acknowledge links of pages: only the token's sha256 is kept. */
export interface AckTokensTable {
  token_hash: string;
  workspace_id: string;
  incident_id: string;
  page_id: string;
  contact_id: string | null;
  person: string;
  expires_at: Timestamp;
  used_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: Timestamp;
}

/** Our incident -> its Atlassian Statuspage incident, so a retry updates it and never opens a second one. */
export interface StatuspageIncidentsTable {
  workspace_id: string;
  incident_id: string;
  page_id: string;
  statuspage_incident_id: string;
  created_at: Timestamp;
}

/** The server's own Ed25519 key pair (base64url raw public key, base64url PKCS#8 private key): signs its events. */
export interface ServerKeysTable {
  id: string;
  public_key: string;
  private_key: string;
  created_at: Timestamp;
}

/** One row: what database the server last found itself on (store/epoch.ts). */
export interface StoreIdentityTable {
  id: Generated<boolean>;
  fingerprint: string;
  recorded_at: Timestamp;
}

/** A status-page subscriber (personal data: never in events, never public). `component_ids` empty: every component. */
export interface SubscribersTable {
  workspace_id: string;
  id: string;
  email: string;
  /** The address lower-cased and trimmed: one subscription per address. */
  email_key: string;
  component_ids: ColumnType<string[], string, string>;
  /** A choice of components waiting for its confirmation (a confirmed subscriber who subscribed again). */
  pending_component_ids: ColumnType<string[] | null, string | null | undefined, string | null>;
  /** sha256 of the one-time confirmation token; null once used. */
  confirm_hash: string | null;
  confirm_expires_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  confirm_sent_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  confirmed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  created_at: Timestamp;
}

/** The workspace's key for unsubscribe links (HMAC of the subscriber id): nothing per subscriber is stored for them. */
export interface SubscriberKeysTable {
  workspace_id: string;
  unsubscribe_key: string;
  created_at: Timestamp;
}

/** One email per (update, subscriber): the worker sends pending rows and marks each, so a restart resends none twice. */
export interface SubscriberSendsTable {
  workspace_id: string;
  request_id: string;
  subscriber_id: string;
  state: ColumnType<'pending' | 'sent' | 'failed', 'pending' | 'sent' | 'failed' | undefined, 'pending' | 'sent' | 'failed'>;
  error: string | null;
  sent_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  created_at: Timestamp;
}

export interface MigrationsTable {
  version: number;
  name: string;
  applied_at: Timestamp;
}

/** Per stream: how many events the log holds and the newest one's seq (migration 13, kept by a trigger on events). */
export interface EventStreamsTable {
  workspace_id: string;
  incident_id: string;
  events: BigIntColumn;
  last_seq: BigIntColumn;
}

export interface Database {
  workspaces: WorkspacesTable;
  devices: DevicesTable;
  invites: InvitesTable;
  events: EventsTable;
  event_streams: EventStreamsTable;
  integration_tokens: IntegrationTokensTable;
  schema_migrations: MigrationsTable;
  deliveries: DeliveriesTable;
  delivery_scan: DeliveryScanTable;
  outbound_channels: OutboundChannelsTable;
  ack_tokens: AckTokensTable;
  statuspage_incidents: StatuspageIncidentsTable;
  server_keys: ServerKeysTable;
  store_identity: StoreIdentityTable;
  subscribers: SubscribersTable;
  subscriber_keys: SubscriberKeysTable;
  subscriber_sends: SubscriberSendsTable;
}
