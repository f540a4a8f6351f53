// `npm run bench:server`: `npm run server` as a user starts it (embedded store): time from spawn to a healthy
// /healthz and resident memory (the whole process tree) on a fresh data dir, idle, after 100,000 pushed events,
// and again on the reused data dir. Figures only; written to bench-results/server.json. BENCH_QUICK=1: a smoke run
// (10,000 events) that checks the bench works; its figures are not the issue's.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEvent } from '@shared/incident/create';
import { HybridClock } from '@shared/hlc/hlc';
import { freePort } from '../test/helpers/postgres';
import { ensureServerBuild } from '../scripts/build-server.mjs';
import { writeResults } from './results';

const QUICK = process.env.BENCH_QUICK === '1';
const EVENTS = QUICK ? 10_000 : 100_000;
const root = fileURLToPath(new URL('..', import.meta.url));
const webDir = join(root, 'dist/web');

/** Resident set of a process and all its descendants. */
function treeRssMb(pid: number): number {
  const kids = (p: number): number[] => {
    const out: number[] = [];
    const tasks = `/proc/${p}/task`;
    if (!existsSync(tasks)) return out;
    for (const t of readdirSync(tasks)) {
      try {
        for (const c of readFileSync(`${tasks}/${t}/children`, 'utf8').split(' ').filter(Boolean)) out.push(Number(c), ...kids(Number(c)));
      } catch { /* gone */ }
    }
    return out;
  };
  let kb = 0;
  for (const p of [pid, ...kids(pid)]) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
    } catch { /* gone */ }
  }
  return Math.round(kb / 1024);
}

/** The embedded store, whatever the caller's shell has set. */
function withoutDatabaseUrl(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  return env;
}

interface Started { child: ChildProcess; url: string; startMs: number; stdout: () => string }

async function start(dataDir: string): Promise<Started> {
  const port = await freePort();
  const t0 = process.hrtime.bigint();
  // As `npm run server` runs it (the bundle, built before the first start is timed), without npm's own process in front.
  const child = spawn(process.execPath, [...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []), 'scripts/server.mjs'], {
    cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...withoutDatabaseUrl(), HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir, WEB_DIR: webDir, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '1000000' },
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr?.on('data', (d: Buffer) => { out += d.toString(); });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`server exited: ${out}`);
    if (i > 12_000) throw new Error(`server not healthy after 120 s: ${out}`);
    try {
      if ((await fetch(`${url}/healthz`)).status === 200) break;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 10));
  }
  return { child, url, startMs: Math.round(Number(process.hrtime.bigint() - t0) / 1e6), stdout: () => out };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise((r) => child.once('exit', r));
  process.kill(-child.pid, 'SIGTERM');
  await exited;
}

/** Memory once the server has settled: a few samples a second apart, the last one counts. */
async function idleRss(pid: number): Promise<number> {
  let rss = 0;
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    rss = treeRssMb(pid);
  }
  return rss;
}

async function pushMany(url: string, invite: string, n: number): Promise<void> {
  const joined = await (await fetch(`${url}/api/v1/join`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ inviteCode: invite, deviceName: 'bench', displayName: 'bench' }) })).json() as { token: string; workspace: string; deviceId: string };
  const clock = new HybridClock(joined.deviceId, Date.now);
  const ctx = { clock, actor: { name: 'bench', deviceId: joined.deviceId }, now: Date.now };
  const incident = randomUUID();
  for (let i = 0; i < n; i += 500) {
    const events = Array.from({ length: Math.min(500, n - i) }, (_, k) => createEvent(ctx, incident, 'entry.added', { kind: 'note', text: `server bench note ${i + k} with a little text` }));
    const res = await fetch(`${url}/api/v1/sync/push`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${joined.token}` },
      body: JSON.stringify({ workspace: joined.workspace, events }) });
    if (res.status !== 200) throw new Error(`push failed: ${res.status} ${await res.text()}`);
  }
}

/** Where new embedded data dirs are copied from (server/src/db/open.ts DEFAULT_TEMPLATE_DIR). */
const templateCache = join(root, 'node_modules', '.cache', 'incident-console');

/**
 * The very first start on a machine: no template cluster yet, so the server runs initdb and the migrations once.
 * The cache is moved aside for this start (and put back after, whatever happens).
 */
async function trueFirstStart(dir: string): Promise<{ ms: number; rssIdleMb: number }> {
  const aside = `${templateCache}.bench-${process.pid}`;
  const had = existsSync(templateCache);
  if (had) renameSync(templateCache, aside);
  try {
    const first = await start(join(dir, 'first'));
    const rssIdleMb = await idleRss(first.child.pid as number);
    await stop(first.child);
    return { ms: first.startMs, rssIdleMb };
  } finally {
    if (had) {
      rmSync(templateCache, { recursive: true, force: true });
      renameSync(aside, templateCache);
    }
  }
}

async function main(): Promise<void> {
  const load = loadavg();
  console.log(`bench:server${QUICK ? ' (BENCH_QUICK: a smoke run, not the issue\'s sizes)' : ''}; load average ${load.map((l) => l.toFixed(2)).join(' ')} on ${cpus().length} cores`);
  if (!existsSync(join(webDir, 'index.html'))) throw new Error('build the console first: npm run build:web (the bench times the server, not the build)');
  await ensureServerBuild(); // the bench times starting the server, not building it
  const dir = mkdtempSync(join(tmpdir(), 'ic-bench-server-'));
  const dataDir = join(dir, 'data');
  const results: Record<string, number> = {};
  try {
    const first = await trueFirstStart(dir);
    results.startFirstEverMs = first.ms;
    results.rssIdleFirstEverMb = first.rssIdleMb;
    const fresh = await start(dataDir);
    results.startFreshMs = fresh.startMs;
    results.rssIdleFreshMb = await idleRss(fresh.child.pid as number);
    const invite = /ADMIN invite code: (\S+)/.exec(fresh.stdout())?.[1];
    if (!invite) throw new Error(`no invite printed: ${fresh.stdout()}`);
    const t0 = Date.now();
    await pushMany(fresh.url, invite, EVENTS);
    results.push100kMs = Date.now() - t0;
    results.rssAfter100kMb = treeRssMb(fresh.child.pid as number);
    results.rssIdleAfter100kMb = await idleRss(fresh.child.pid as number);
    await stop(fresh.child);

    const reused = await start(dataDir);
    results.startReusedMs = reused.startMs;
    results.rssIdleReusedMb = await idleRss(reused.child.pid as number);
    await stop(reused.child);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`bench:server (embedded PGlite, npm run server as a user starts it${QUICK ? `, QUICK: ${EVENTS} events` : ''})`);
  console.log(`  start to healthy, the very first start (no template cluster: initdb + migrations): ${results.startFirstEverMs} ms, RSS idle ${results.rssIdleFirstEverMb} MB`);
  console.log(`  start to healthy, fresh data dir:  ${results.startFreshMs} ms`);
  console.log(`  start to healthy, reused data dir: ${results.startReusedMs} ms`);
  console.log(`  RSS idle after first start (fresh): ${results.rssIdleFreshMb} MB (goal < 200 MB)`);
  console.log(`  RSS idle on the reused data dir:    ${results.rssIdleReusedMb} MB (goal < 200 MB)`);
  console.log(`  ${EVENTS.toLocaleString('en')} events pushed in ${results.push100kMs} ms; RSS right after ${results.rssAfter100kMb} MB, idle after ${results.rssIdleAfter100kMb} MB (goal < 300 MB)`);
  console.log(`written to ${writeResults('server', QUICK, { at: new Date().toISOString(), quick: QUICK, load, loadAfter: loadavg(), events: EVENTS, results })}`);
}

main().then(() => process.exit(0), (err: unknown) => {
  console.error(err);
  process.exit(1);
});
