// `npm run bench:sync`: push throughput (1 and 50 clients), push-to-arrival latency over realtime pokes, and the
// time for a device offline with 10,000 events to converge; for embedded PGlite and for PostgreSQL (fsync on,
// as in production), each push figure beside raw PostgreSQL's ceiling measured on the same cluster in this run.
// BENCH_QUICK=1: a smoke run (fewer events and samples) that checks the bench works; its figures are not the issue's.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import type { IncidentEvent } from '@shared/incident/events';
import { SyncEngine } from '@shared/sync/engine';
import { generateSigningKey, signEvent } from '@shared/sync/signature';
import { createHttpTransport, type WebSocketLike } from '@shared/sync/http-transport';
import { createSyncServer, type SyncServer } from '../server/src/app';
import { openStore, type Store } from '../server/src/db/open';
import { createInvite, createWorkspace } from '../server/src/store/workspaces';
import { MemoryStore } from '../test/sync/memory-store';
import { startPostgres } from '../test/helpers/postgres';
import { rawManyClients, rawOneClient } from './sync-raw';
import { browserPath, buildBenchConsole, type BrowserFigures, type Latency } from './sync-browser';
import { pouchAnchor } from './sync-pouch';
import { writeResults } from './results';

const QUICK = process.env.BENCH_QUICK === '1';
const SINGLE_EVENTS = QUICK ? 2_000 : 10_000;
const CLIENTS = 50;
const PER_CLIENT = QUICK ? 40 : 200;
const LATENCY_SAMPLES = QUICK ? 30 : 200;
const OFFLINE_EVENTS = QUICK ? 2_000 : 10_000;
const WARM_UP_EVENTS = QUICK ? 500 : 3_000;
const BROWSER_SAMPLES = QUICK ? 20 : 100;
const BROWSER_OFFLINE_EVENTS = QUICK ? 2_000 : 10_000;

interface Member { token: string; workspace: string; deviceId: string }

const wsFactory = (url: string) => new WebSocket(url) as unknown as WebSocketLike;
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number;
};

async function listen(server: SyncServer): Promise<string> {
  await server.app.listen({ host: '127.0.0.1', port: 0 });
  await server.listening;
  const a = server.app.server.address();
  return `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
}

async function members(store: Store, url: string, n: number): Promise<Member[]> {
  const workspace = await createWorkspace(store.db, `bench-${randomUUID()}`);
  const invite = await createInvite(store.db, workspace, { role: 'member', maxUses: n, expiresInHours: 1 });
  const out: Member[] = [];
  for (let i = 0; i < n; i++) {
    const res = await fetch(`${url}/api/v1/join`, { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ inviteCode: invite.inviteCode, deviceName: `bench-${i}`, displayName: `bench ${i}` }) });
    out.push((await res.json()) as Member);
  }
  return out;
}

function client(url: string, m: Member, _name: string, realtime = false) {
  // Events carry the device id the server gave this member: a device may only push in its own name.
  const store = new MemoryStore(m.deviceId, Date.now);
  const transport = createHttpTransport({ baseUrl: url, token: m.token, workspace: m.workspace, ...(realtime ? { webSocket: wsFactory } : {}) });
  const engine = new SyncEngine({ store, transport, workspace: m.workspace, backstopMs: 3_600_000 });
  return { store, engine, transport };
}

const fill = (store: MemoryStore, n: number) => {
  const incident = randomUUID();
  for (let i = 0; i < n; i++) store.record(incident, 'entry.added', { kind: 'note', text: `bench note ${i} with a little text to be realistic` });
};

/** The same kind of events the clients push, for the raw ceiling. */
function sampleEvents(n: number) {
  const store = new MemoryStore(`raw-${randomUUID()}`, Date.now);
  fill(store, n);
  return [...store.events.values()];
}

interface Ceiling { oneClient: number; manyClients: number }

/** Raw PostgreSQL on the cluster the server uses: the same event counts and batch sizes as the push figures. */
async function measureCeiling(url: string): Promise<Ceiling> {
  const oneClient = await rawOneClient(url, sampleEvents(SINGLE_EVENTS), 500);
  const manyClients = await rawManyClients(url, Array.from({ length: CLIENTS }, () => sampleEvents(PER_CLIENT)), 100);
  return { oneClient, manyClients };
}

const ratio = (x: number, of: number) => (x / of).toFixed(2);

async function waitFor(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setImmediate(r));
}

async function runFor(label: string, store: Store, secondStore?: Store) {
  const server = await createSyncServer({ store, rateLimitPerMinute: 100_000_000, joinRateLimitPerMinute: 100_000 });
  const url = await listen(server);
  const second = secondStore ? await createSyncServer({ store: secondStore, rateLimitPerMinute: 100_000_000 }) : undefined;
  const url2 = second ? await listen(second) : undefined;
  const result: Record<string, number> = {};
  try {
    // 0. Warm-up, not counted: the first seconds of a new server (PGlite's WASM engine still compiling its
    //    hot paths, cold caches) are start-up cost, measured by bench:server, not throughput.
    {
      const [m] = await members(store, url, 1);
      const c = client(url, m as Member, 'warm-up');
      fill(c.store, WARM_UP_EVENTS);
      await c.engine.syncNow();
    }
    // 1. One client pushing its outbox (batches of 500).
    {
      const [m] = await members(store, url, 1);
      const c = client(url, m as Member, 'single');
      fill(c.store, SINGLE_EVENTS);
      const t0 = process.hrtime.bigint();
      for (;;) {
        const batch = await c.store.readOutbox(500);
        if (batch.length === 0) break;
        const res = await c.transport.request({ method: 'POST', path: '/sync/push', body: { workspace: (m as Member).workspace, events: batch } });
        if (res.status !== 200) throw new Error(`push failed ${res.status}`);
        await c.store.ackOutbox(batch.map((e) => e.id));
      }
      result.pushOneClientEventsPerSec = Math.round(SINGLE_EVENTS / (ms(t0) / 1000));
    }
    // 1b. The same with signed events: a device that registered its key (every console now), so the server checks
    //     each signature (Ed25519 through Web Crypto) before it stores anything. Signing is the client's, done first.
    {
      const [m] = await members(store, url, 1);
      const c = client(url, m as Member, 'signed');
      const key = await generateSigningKey();
      await c.transport.request({ method: 'POST', path: '/sync/key', body: { workspace: (m as Member).workspace, publicKey: key.publicKey } });
      fill(c.store, SINGLE_EVENTS);
      const batches: IncidentEvent[][] = [];
      for (;;) {
        const batch = await c.store.readOutbox(500);
        if (batch.length === 0) break;
        batches.push(await Promise.all(batch.map((e) => signEvent(key.privateKey, e))));
        await c.store.ackOutbox(batch.map((e) => e.id));
      }
      const t0 = process.hrtime.bigint();
      for (const batch of batches) {
        const res = await c.transport.request({ method: 'POST', path: '/sync/push', body: { workspace: (m as Member).workspace, events: batch } });
        if (res.status !== 200) throw new Error(`signed push failed ${res.status} ${JSON.stringify(res.body)}`);
      }
      result.pushOneClientSignedEventsPerSec = Math.round(SINGLE_EVENTS / (ms(t0) / 1000));
    }
    // 2. Fifty clients pushing at once (each its own device and token, batches of 100).
    {
      const ms50 = await members(store, url, CLIENTS);
      const clients = ms50.map((m, i) => ({ m, c: client(url, m, `c${i}`) }));
      for (const { c } of clients) fill(c.store, PER_CLIENT);
      const t0 = process.hrtime.bigint();
      await Promise.all(clients.map(async ({ m, c }) => {
        for (;;) {
          const batch = await c.store.readOutbox(100);
          if (batch.length === 0) return;
          const res = await c.transport.request({ method: 'POST', path: '/sync/push', body: { workspace: m.workspace, events: batch } });
          if (res.status !== 200) throw new Error(`push failed ${res.status} ${JSON.stringify(res.body)}`);
          await c.store.ackOutbox(batch.map((e) => e.id));
        }
      }));
      result.push50ClientsEventsPerSec = Math.round((CLIENTS * PER_CLIENT) / (ms(t0) / 1000));
    }
    // 3. Latency: push on B -> poke -> pull on A (A on the second instance when there is one).
    {
      const [ma, mb] = await members(store, url, 2);
      const a = client(url2 ?? url, ma as Member, 'lat-a', true);
      const b = client(url, mb as Member, 'lat-b');
      a.engine.start();
      await waitFor(() => a.engine.getStatus().realtime && a.engine.getStatus().state === 'online');
      const samples: number[] = [];
      const incident = randomUUID();
      for (let i = 0; i < LATENCY_SAMPLES; i++) {
        const e = b.store.record(incident, 'entry.added', { kind: 'note', text: `latency ${i}` });
        const t0 = process.hrtime.bigint();
        await b.engine.syncNow();
        await waitFor(() => a.store.events.has(e.id));
        samples.push(ms(t0));
      }
      await a.engine.stop();
      result.latencyMedianMs = Number(pct(samples, 50).toFixed(1));
      result.latencyP99Ms = Number(pct(samples, 99).toFixed(1));
    }
    // 4. A device offline with 10,000 local events comes back: push all, pull all (its own and 2,000 from peers).
    {
      const [mo, mp] = await members(store, url, 2);
      const peer = client(url, mp as Member, 'peer');
      fill(peer.store, 2_000);
      await peer.engine.syncNow();
      const offline = client(url, mo as Member, 'offline');
      fill(offline.store, OFFLINE_EVENTS);
      const t0 = process.hrtime.bigint();
      if (!(await offline.engine.syncNow())) throw new Error(`converge failed: ${JSON.stringify(offline.engine.getStatus())}`);
      result.offline10kConvergeMs = Math.round(ms(t0));
      if (offline.store.events.size !== OFFLINE_EVENTS + 2_000) throw new Error('did not converge');
    }
  } finally {
    await second?.close();
    await server.close();
  }
  console.log(`\n${label}`);
  console.log(`  push, 1 client:          ${result.pushOneClientEventsPerSec} events/s (${SINGLE_EVENTS} events, batches of 500)`);
  console.log(`  push, 1 client, signed:  ${result.pushOneClientSignedEventsPerSec} events/s (the server verifies every signature)`);
  console.log(`  push, ${CLIENTS} clients:        ${result.push50ClientsEventsPerSec} events/s (${CLIENTS}x${PER_CLIENT} events, batches of 100)`);
  console.log(`  push -> other client:    median ${result.latencyMedianMs} ms, p99 ${result.latencyP99Ms} ms (${LATENCY_SAMPLES} samples${secondStore ? ', across two instances via LISTEN/NOTIFY' : ''})`);
  console.log(`  offline converge:        ${result.offline10kConvergeMs} ms (push ${OFFLINE_EVENTS.toLocaleString('en')} + pull ${(OFFLINE_EVENTS + 2_000).toLocaleString('en')}; the engine alone, no browser)`);
  return result;
}

const lat = (l: Latency) => `median ${l.median} ms, p95 ${l.p95} ms, p99 ${l.p99} ms`;

/** The real browser path on this store: two Chromium consoles (Dexie, sync engine, UI) against a server. */
async function browserFor(label: string, store: Store, webDir: string, anchor: BrowserFigures): Promise<Record<string, number>> {
  const server = await createSyncServer({ store, webDir, rateLimitPerMinute: 100_000_000, joinRateLimitPerMinute: 100_000 });
  const url = await listen(server);
  try {
    const workspace = await createWorkspace(store.db, `browser-${randomUUID()}`);
    const invite = await createInvite(store.db, workspace, { role: 'member', maxUses: 2, expiresInHours: 1 });
    const f = await browserPath(url, invite.inviteCode, BROWSER_SAMPLES, BROWSER_OFFLINE_EVENTS);
    console.log(`\n${label}, two Chromium consoles (Dexie + sync engine + UI), beside PouchDB live replication in the same run`);
    console.log(`  Enter on one -> row in the other's DOM: ${lat(f.visible)} (${BROWSER_SAMPLES} samples); PouchDB ${lat(anchor.visible)}; median ${ratio(f.visible.median, anchor.visible.median)}x`);
    console.log(`  Enter on one -> painted on the other:   ${lat(f.painted)}; PouchDB ${lat(anchor.painted)}; median ${ratio(f.painted.median, anchor.painted.median)}x (goal: median <= 13 ms, p95 <= 30 ms)`);
    console.log(`  offline ${BROWSER_OFFLINE_EVENTS.toLocaleString('en')} entries, reconnect -> server and both screens hold them all: ${f.offline10kConvergeMs} ms; PouchDB batch_size 1000: ${anchor.offline10kConvergeMs} ms; ${ratio(f.offline10kConvergeMs, anchor.offline10kConvergeMs)} of PouchDB (goal <= 0.5)`);
    return {
      browserVisibleMedianMs: f.visible.median, browserVisibleP95Ms: f.visible.p95, browserVisibleP99Ms: f.visible.p99,
      browserPaintedMedianMs: f.painted.median, browserPaintedP95Ms: f.painted.p95, browserPaintedP99Ms: f.painted.p99,
      browserOffline10kConvergeMs: f.offline10kConvergeMs,
      browserPaintedMedianOfPouch: Number(ratio(f.painted.median, anchor.painted.median)),
      browserOffline10kOfPouch: Number(ratio(f.offline10kConvergeMs, anchor.offline10kConvergeMs)),
    };
  } finally {
    await server.close();
  }
}

async function main() {
  const load = loadavg();
  console.log(`bench:sync${QUICK ? ' (BENCH_QUICK: a smoke run, not the issue\'s sizes)' : ''}; load average ${load.map((l) => l.toFixed(2)).join(' ')} on ${cpus().length} cores`);
  const results: Record<string, Record<string, number>> = {};
  // One PostgreSQL cluster with fsync ON for the whole run: the raw ceiling is measured before and after the
  // server runs (the best of the two counts, so a ratio is never flattered by one slow raw run).
  const cluster = await startPostgres({ fsync: true });
  try {
    const rawUrl = cluster.createDatabase('raw');
    await (await openStore({ databaseUrl: rawUrl })).close(); // the server's schema, for the same table and indexes
    const before = await measureCeiling(rawUrl);
    console.log(`raw PostgreSQL (fsync on; pg, no HTTP, no validation, no auth; one statement and one commit a batch, as the server: counter lock, insert, counter): 1 client ${before.oneClient} events/s, ${CLIENTS} clients with the counter lock ${before.manyClients} events/s`);

    const webDir = await buildBenchConsole();
    const anchor = await pouchAnchor(BROWSER_SAMPLES, BROWSER_OFFLINE_EVENTS);
    results.pouchdb = {
      visibleMedianMs: anchor.visible.median, visibleP95Ms: anchor.visible.p95, visibleP99Ms: anchor.visible.p99,
      paintedMedianMs: anchor.painted.median, paintedP95Ms: anchor.painted.p95, paintedP99Ms: anchor.painted.p99,
      offline10kConvergeMs: anchor.offline10kConvergeMs,
    };
    console.log(`PouchDB 9 live replication, two Chromium pages, pouchdb-server's HTTP layer on loopback: Enter -> other's DOM ${lat(anchor.visible)}; painted ${lat(anchor.painted)}; offline ${BROWSER_OFFLINE_EVENTS.toLocaleString('en')} docs converged (batch_size 1000) in ${anchor.offline10kConvergeMs} ms`);
    const dir = mkdtempSync(join(tmpdir(), 'ic-bench-'));
    const lite = await openStore({ dataDir: dir });
    try {
      results.pglite = await runFor('Embedded PGlite (one process, data directory)', lite);
      Object.assign(results.pglite, await browserFor('Embedded PGlite', lite, webDir, anchor));
    } finally {
      await lite.close();
      rmSync(dir, { recursive: true, force: true });
    }
    const url = cluster.createDatabase('bench');
    const pgStore = await openStore({ databaseUrl: url });
    const pgSecond = await openStore({ databaseUrl: url });
    try {
      results.postgres = await runFor('PostgreSQL, fsync on (two server instances; latency measured across them)', pgStore, pgSecond);
      Object.assign(results.postgres, await browserFor('PostgreSQL, fsync on', pgStore, webDir, anchor));
    } finally {
      await pgSecond.close();
      await pgStore.close();
    }
    const after = await measureCeiling(rawUrl);
    const ceiling = { oneClient: Math.max(before.oneClient, after.oneClient), manyClients: Math.max(before.manyClients, after.manyClients) };
    results.rawPostgres = {
      pushOneClientEventsPerSec: ceiling.oneClient, push50ClientsEventsPerSec: ceiling.manyClients,
      oneClientBefore: before.oneClient, oneClientAfter: after.oneClient, manyBefore: before.manyClients, manyAfter: after.manyClients,
    };
    console.log(`\nraw PostgreSQL ceiling (best of before/after): 1 client ${ceiling.oneClient} events/s (${before.oneClient} / ${after.oneClient}), ${CLIENTS} clients ${ceiling.manyClients} events/s (${before.manyClients} / ${after.manyClients})`);
    for (const [store, r] of [['PGlite', results.pglite], ['PostgreSQL', results.postgres]] as const) {
      if (!r) continue;
      r.pushOneClientOfRaw = Number(ratio(r.pushOneClientEventsPerSec ?? 0, ceiling.oneClient));
      r.push50ClientsOfRaw = Number(ratio(r.push50ClientsEventsPerSec ?? 0, ceiling.manyClients));
      console.log(`  ${store.padEnd(11)} push 1 client ${r.pushOneClientOfRaw} of raw (goal >= 0.8), ${CLIENTS} clients ${r.push50ClientsOfRaw} of raw`);
    }
  } finally {
    cluster.stop();
  }
  console.log(`\nwritten to ${writeResults('sync', QUICK, { at: new Date().toISOString(), quick: QUICK, load, loadAfter: loadavg(), results })}`);
}

main().then(() => process.exit(0), (err: unknown) => {
  console.error(err);
  process.exit(1);
});
