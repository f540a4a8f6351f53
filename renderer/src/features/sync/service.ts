// The sync service: one SyncEngine over the local Dexie store while a server connection is stored.
import type { IncidentEvent } from '@shared/incident/events';
import { SyncEngine, type SyncStatus } from '@shared/sync/engine';
import type { FetchLike } from '@shared/sync/http-client';
import { createHttpTransport, type WebSocketFactory } from '@shared/sync/http-transport';
import { adoptDeviceId, ensureDeviceId, readIdentity } from '../../db/meta';
import type { IncidentDb } from '../../db/schema';
import {
  clearSyncConnection, describeServer, normaliseServerUrl, readSyncConnection, saveSyncConnection,
  type PageOrigin, type SyncConnection,
} from '../../db/sync-connection';
import { createLocalSyncStore } from '../../db/sync-store';
import { oweStreams } from '../../db/restricted';
import { saveKnownKeys } from '../../db/archive-signing';
import { createHttpClient } from '@shared/sync/http-client';
import { keysResponseSchema } from '@shared/sync/protocol';
import { deviceSigner, deviceSigningKey } from '../../db/device-key';
import { ConnectError, connectErrorMessage, joinWithInvite } from './join';


export interface SyncView {
  /** False until the stored connection has been read. */
  loaded: boolean;
  connection: SyncConnection | null;
  /** The engine's status while connected; null when local only. */
  status: SyncStatus | null;
}

export interface ConnectInput {
  serverUrl: string;
  inviteCode: string;
  deviceName: string;
}

export interface SyncServiceDeps {
  fetch: FetchLike;
  webSocket?: WebSocketFactory;
  /** Subscribe to committed local writes (with the events written). */
  onLocalWrite(listener: (events: readonly IncidentEvent[]) => void): () => void;
  /** Subscribe to local writes as they start (before they commit). */
  onLocalWriting?(listener: (events: readonly IncidentEvent[]) => void): () => void;
  /** Where 'online' / 'offline' events come from (window in the browser). */
  events?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  page?: PageOrigin;
}

/** Fatal engine errors: the server no longer accepts this device; the user must connect again. */
export function needsReconnect(status: SyncStatus | null): boolean {
  return status?.state === 'error' && (status.error?.code === 'unauthorized' || status.error?.code === 'forbidden_workspace');
}

export class SyncService {
  private view: SyncView = { loaded: false, connection: null, status: null };
  private readonly listeners = new Set<() => void>();
  private engine: SyncEngine | undefined;
  private detachEngine: (() => void) | undefined;
  private detach: Array<() => void> = [];
  private starting: Promise<void> | undefined;
  /** Counts run()/halt(): an engine whose signing key arrives after a halt is never started. */
  private generation = 0;

  constructor(private readonly db: IncidentDb, private readonly deps: SyncServiceDeps) {}

  getView = (): SyncView => this.view;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  };

  /** On app load: resume syncing when a connection is stored. Never waits on the network. */
  start(): Promise<void> {
    this.starting ??= (async () => {
      const onNetwork = (): void => { void this.engine?.syncNow(); };
      this.deps.events?.addEventListener('online', onNetwork);
      // Try at once when the OS says we are offline: the round fails fast and the status says so.
      this.deps.events?.addEventListener('offline', onNetwork);
      this.detach.push(
        () => this.deps.events?.removeEventListener('online', onNetwork),
        () => this.deps.events?.removeEventListener('offline', onNetwork),
        this.deps.onLocalWrite((events) => this.engine?.notifyLocalChange(events)),
        this.deps.onLocalWriting?.((events) => this.engine?.prepareLocal(events)) ?? (() => undefined),
      );
      const connection = await readSyncConnection(this.db);
      if (connection) this.run(connection);
      this.set({ loaded: true, connection });
    })();
    return this.starting;
  }

  /** Redeem an invite, store the connection and start syncing. Throws ConnectError with a clear message. */
  async connect(input: ConnectInput): Promise<SyncConnection> {
    const url = normaliseServerUrl(input.serverUrl, this.deps.page);
    if (!url.ok) throw new ConnectError('invalid_url', connectErrorMessage('invalid_url', input.serverUrl, url.error));
    const identity = await readIdentity(this.db);
    const localId = await this.db.transaction('rw', this.db.meta, () => ensureDeviceId(this.db));
    const deviceName = input.deviceName.trim() || 'Unnamed device';
    const displayName = identity.name.trim() || 'Unnamed';
    const key = await deviceSigningKey(this.db);
    const joined = await joinWithInvite(url.baseUrl, describeServer(url.baseUrl, this.deps.page), {
      inviteCode: input.inviteCode.trim(),
      deviceName,
      displayName,
      deviceId: localId, // the server adopts it when free, so entries logged before joining are this device's
      ...(key ? { publicKey: key.publicKey } : {}), // the key this console signs its events with, registered with the invite
    }, this.deps.fetch);
    // Taken (this console joined before): the server's events from us must carry the id it gave us.
    if (joined.deviceId !== localId) await adoptDeviceId(this.db, joined.deviceId);
    const connection: SyncConnection = {
      baseUrl: url.baseUrl,
      token: joined.token,
      workspace: joined.workspace,
      workspaceName: joined.workspaceName,
      deviceId: joined.deviceId,
      deviceName,
      displayName,
      role: joined.role,
      connectedAt: new Date().toISOString(),
    };
    await this.halt();
    await saveSyncConnection(this.db, connection);
    this.run(connection);
    this.set({ loaded: true, connection });
    return connection;
  }

  /** Stop syncing and forget the connection; local data stays. */
  async disconnect(): Promise<void> {
    await this.halt();
    await clearSyncConnection(this.db);
    this.set({ connection: null, status: null });
  }

  syncNow(): Promise<boolean> {
    return this.engine ? this.engine.syncNow() : Promise.resolve(false);
  }

  /**
   * An incident opened whose history this console has not read (it joined without it, issue #27): read it whole now,
   * and keep it (offline after). Without a connection it waits for the next one. False when not connected.
   */
  async readIncident(incidentId: string): Promise<boolean> {
    return this.readIncidents([incidentId]);
  }

  /** Read these incidents' histories at the next round (owed, stored: kept across restarts and outages). */
  async readIncidents(incidentIds: string[]): Promise<boolean> {
    const connection = this.view.connection;
    if (!connection || incidentIds.length === 0) return false;
    await oweStreams(this.db, connection.workspace, incidentIds);
    return this.syncNow();
  }

  /** Offer entries the server refused one by one again now (e.g. after fixing this computer's clock). */
  retryHeld(): Promise<boolean> {
    return this.engine ? this.engine.retryHeld() : Promise.resolve(false);
  }

  /** Tear down (tests): stop the engine and every listener. */
  async dispose(): Promise<void> {
    await this.halt();
    for (const off of this.detach.splice(0)) off();
    this.starting = undefined;
  }

  private run(connection: SyncConnection): void {
    // The signing key is read (or made) first; until then nothing syncs, and no write waits on it.
    const generation = ++this.generation;
    void deviceSigner(this.db).catch(() => undefined).then((signer) => {
      if (generation !== this.generation) return; // disconnected or reconnected meanwhile
      const engine = new SyncEngine({
        store: createLocalSyncStore(this.db),
        transport: createHttpTransport({
          baseUrl: connection.baseUrl,
          token: connection.token,
          workspace: connection.workspace,
          fetch: this.deps.fetch,
          ...(this.deps.webSocket ? { webSocket: this.deps.webSocket } : {}),
        }),
        workspace: connection.workspace,
        ...(signer ? { signer } : {}),
      });
      this.engine = engine;
      const off = engine.subscribe((status) => { if (this.engine === engine) this.set({ status }); });
      this.detachEngine = off;
      this.set({ status: engine.getStatus() });
      engine.start();
      void this.refreshKnownKeys(connection);
    });
  }

  /** The workspace's signing keys, kept for archives (best effort: an export offline uses the last ones read). */
  private async refreshKnownKeys(connection: SyncConnection): Promise<void> {
    try {
      const res = await createHttpClient({ baseUrl: connection.baseUrl, token: connection.token, fetch: this.deps.fetch })({ method: 'GET', path: '/sync/keys' });
      const keys = keysResponseSchema.safeParse(res.body);
      if (res.status === 200 && keys.success) await saveKnownKeys(this.db, keys.data);
    } catch {
      // Offline or an older server: the keys read last time stay.
    }
  }

  private async halt(): Promise<void> {
    this.generation += 1;
    const engine = this.engine;
    this.engine = undefined;
    this.detachEngine?.();
    this.detachEngine = undefined;
    if (engine) await engine.stop();
  }

  private set(patch: Partial<SyncView>): void {
    this.view = { ...this.view, ...patch };
    for (const listener of this.listeners) listener();
  }
}
