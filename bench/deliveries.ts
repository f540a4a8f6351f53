// `npm run bench:deliveries`: delivery latency (push of the request -> the destination receives it) for healthy
// chat and webhook destinations while one destination beside them never answers, with the server's default worker
// settings (DELIVERY_POLL_MS 1000, pool 16, 2 per destination, 10 s deadline). Goal: p99 < 1 s. Prints the figures
// and writes bench-results/deliveries.json. Each scenario is one entry of SCENARIOS: add one to measure more
// (e.g. email to many subscribers through smtp-sink).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DeliveryTarget } from '@shared/incident/events-delivery';
import { startReceiver, type Receiver } from '../test/helpers/receiver';
import { createSyncServer, type SyncServer } from '../server/src/app';
import { bootstrapIfEmpty } from '../server/src/bootstrap';
import { loadConfig } from '../server/src/config';
import { openStore, type Store } from '../server/src/db/open';
import { Commander, pushAll } from '../server/test/delivery-fixtures';
import { join as joinWorkspace } from '../server/test/harness';

const QUICK = process.env.BENCH_QUICK === '1';
const root = fileURLToPath(new URL('..', import.meta.url));

interface Figures { scenario: string; deliveries: number; p50Ms: number; p90Ms: number; p99Ms: number; maxMs: number; notes: string }

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

/** A server on a fresh embedded store with the default delivery settings plus `env`, and an admin of its workspace. */
async function startServer(env: Record<string, string>): Promise<{ server: SyncServer; store: Store; commander: Commander; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'ic-bench-deliveries-'));
  const config = loadConfig({ ...env, DATA_DIR: dir });
  const store = await openStore({ dataDir: dir });
  const server = await createSyncServer({ store, deliveries: config.deliveries, rateLimitPerMinute: 1_000_000 });
  const boot = await bootstrapIfEmpty(store.db, 'bench');
  if (!boot) throw new Error('bench: the store was not empty');
  const admin = await joinWorkspace(server.app, boot.invite.inviteCode, 'bench-admin');
  return { server, store, commander: new Commander(admin), close: async () => { await server.close(); await store.close(); rmSync(dir, { recursive: true, force: true }); } };
}

/** Healthy destinations and one that never answers; every update goes to all of them. */
async function healthyBesideHanging(receiver: Receiver): Promise<Figures> {
  const updates = QUICK ? 60 : 300;
  const everyMs = 20;
  const healthy: DeliveryTarget[] = [
    { channel: 'slack', destination: 'incidents' }, { channel: 'teams', destination: 'bridge' }, { channel: 'webhook', destination: 'pager' },
  ];
  const { server, commander, close } = await startServer({
    OUTBOUND_ALLOW: '127.0.0.1', // the local receiver stands in for the chat services
    WEBHOOK_SECRET: 'bench-webhook-secret-0123456789',
    CHAT_WEBHOOKS: JSON.stringify({ 'slack:incidents': `${receiver.base}/slack`, 'teams:bridge': `${receiver.base}/teams`, 'webhook:pager': `${receiver.base}/hook`, 'slack:dead': `${receiver.base}/hang` }),
  });
  try {
    await pushAll(server.app, commander.member, commander.open('Bench: deliveries'));
    const pushedAt = new Map<string, number>();
    for (let i = 0; i < updates; i++) {
      const text = `bench-update-${i}`;
      const { update, request } = commander.send('stakeholders', text, [...healthy, { channel: 'slack', destination: 'dead' }]);
      pushedAt.set(text, performance.now());
      await pushAll(server.app, commander.member, [update, request]);
      await new Promise((r) => setTimeout(r, everyMs));
    }
    const expected = updates * healthy.length;
    const deadline = performance.now() + 120_000;
    while (arrivals.length < expected && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const latencies = arrivals.map((a) => a.at - (pushedAt.get(a.text) ?? a.at)).sort((a, b) => a - b);
    const hanging = receiver.received.filter((r) => r.path === '/hang').length;
    return {
      scenario: 'healthy destinations beside one that never answers', deliveries: latencies.length,
      p50Ms: Math.round(pct(latencies, 50)), p90Ms: Math.round(pct(latencies, 90)), p99Ms: Math.round(pct(latencies, 99)), maxMs: Math.round(latencies.at(-1) ?? NaN),
      notes: `${updates} updates every ${everyMs} ms to 3 healthy destinations + 1 hanging (${hanging} attempts hung there); ${expected - latencies.length} healthy deliveries missing`,
    };
  } finally {
    await receiver.close();
    await close();
  }
}

/** Arrival times of healthy deliveries, by the update text they carry. */
const arrivals: Array<{ text: string; at: number }> = [];

const SCENARIOS: Array<{ name: string; run: () => Promise<Figures> }> = [
  {
    name: 'healthy beside hanging',
    run: async () => healthyBesideHanging(await startReceiver((r) => {
      if (r.path === '/hang') return 'never';
      const m = /bench-update-\d+/.exec(r.body);
      if (m) arrivals.push({ text: m[0], at: performance.now() });
      return { status: 200 };
    })),
  },
];

async function main(): Promise<void> {
  const load = loadavg()[0]?.toFixed(2);
  const results: Figures[] = [];
  for (const s of SCENARIOS) {
    process.stdout.write(`bench:deliveries — ${s.name} …\n`);
    results.push(await s.run());
  }
  process.stdout.write(`\nDelivery latency (push -> received), default worker settings, load ${load} at start\n`);
  for (const r of results) {
    process.stdout.write(`  ${r.scenario}: ${r.deliveries} deliveries, p50 ${r.p50Ms} ms, p90 ${r.p90Ms} ms, p99 ${r.p99Ms} ms, max ${r.maxMs} ms\n    ${r.notes}\n`);
  }
  mkdirSync(join(root, 'bench-results'), { recursive: true });
  writeFileSync(join(root, 'bench-results/deliveries.json'), `${JSON.stringify({ at: new Date().toISOString(), loadAtStart: Number(load), quick: QUICK, results }, null, 2)}\n`);
  process.exit(0);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:deliveries failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
