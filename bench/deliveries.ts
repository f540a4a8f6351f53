// `npm run bench:deliveries`: delivery latency (push of the request -> the destination receives it) for healthy
// chat and webhook destinations while one destination beside them never answers, with the server's default worker
// settings (DELIVERY_POLL_MS 1000, pool 16, 2 per destination, 10 s deadline). Goal: p99 < 1 s. And the time to hand
// one status-page update to 10,000 confirmed subscribers, one email each, to a real SMTP server (Postfix's
// smtp-sink). Prints the figures and writes bench-results/deliveries.json. Each scenario is one entry of SCENARIOS:
// add one to measure more.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DeliveryTarget } from '@shared/incident/events-delivery';
import { startReceiver, type Receiver } from '../test/helpers/receiver';
import { startSmtpSink } from '../test/helpers/smtp-sink';
import { createSyncServer, type SyncServer } from '../server/src/app';
import { bootstrapIfEmpty } from '../server/src/bootstrap';
import { loadConfig } from '../server/src/config';
import { openStore, type Store } from '../server/src/db/open';
import { Commander, pullAll, pushAll } from '../server/test/delivery-fixtures';
import { join as joinWorkspace } from '../server/test/harness';
import { seedConfirmedSubscribers } from '../server/test/subscriber-fixtures';

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

/**
 * One status-page update to every confirmed subscriber (10,000), one email each, through the delivery worker to
 * smtp-sink: the percentiles are when that share of the subscribers' emails had been received, counted from the push.
 */
async function subscribersToSmtp(): Promise<Figures> {
  const subscribers = QUICK ? 1_000 : 10_000;
  const sink = await startSmtpSink();
  const { server, store, commander, close } = await startServer({ SMTP_URL: sink.url, PUBLIC_URL: 'http://status.example.test' });
  try {
    await seedConfirmedSubscribers(store.db, commander.member.workspace, subscribers);
    const at = (min: number) => new Date(Date.now() + min * 60_000).toISOString();
    const { update, request } = commander.send('users', 'Card payments fail for some customers. Next update within 30 minutes.', [{ channel: 'subscribers' }], {
      status: 'investigating', startedAt: at(-5), estimatedResolutionAt: at(60), nextUpdateAt: at(30), components: [{ id: 'payments', status: 'partial_outage' }],
    });
    const opened = commander.open('Bench: subscribers');
    const pushed = performance.now();
    await pushAll(server.app, commander.member, [...opened, update, request]);
    const received: number[] = [];
    const deadline = pushed + 15 * 60_000;
    while (received.length < subscribers && performance.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      const now = performance.now() - pushed;
      for (let n = sink.count() - received.length; n > 0; n--) received.push(now);
    }
    let recordedMs = NaN;
    while (performance.now() < deadline) {
      const sent = (await pullAll(server.app, commander.member)).some((e) => e.type === 'delivery.sent' && e.payload.requestId === request.id);
      if (sent) { recordedMs = performance.now() - pushed; break; }
      await new Promise((r) => setTimeout(r, 100));
    }
    const readers = new Set(sink.messages().map((m) => m.recipients.join(',').toLowerCase()));
    const all = received.at(-1) ?? NaN;
    return {
      scenario: `one update to ${subscribers.toLocaleString('en')} status-page subscribers through smtp-sink`, deliveries: received.length,
      p50Ms: Math.round(pct(received, 50)), p90Ms: Math.round(pct(received, 90)), p99Ms: Math.round(pct(received, 99)), maxMs: Math.round(all),
      notes: `all ${received.length.toLocaleString('en')} emails received ${(all / 1000).toFixed(1)} s after the push (${Math.round(received.length / (all / 1000))} emails/s), `
        + `${readers.size.toLocaleString('en')} different subscribers; the delivery recorded as sent after ${(recordedMs / 1000).toFixed(1)} s (4 SMTP connections, 8 messages in flight)`,
    };
  } finally {
    await close();
    await sink.stop();
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
  { name: 'subscribers', run: subscribersToSmtp },
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
