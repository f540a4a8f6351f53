// Real Prometheus and Alertmanager for tests: started on free loopback ports with temp config and data dirs,
// stopped by pid; plus a tiny HTTP target whose metrics the test sets.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './postgres';

export const PROMETHEUS_BIN = process.env.PROMETHEUS_BIN ?? '/usr/bin/prometheus';
export const ALERTMANAGER_BIN = process.env.ALERTMANAGER_BIN ?? '/usr/bin/prometheus-alertmanager';
export const haveMonitoring = existsSync(PROMETHEUS_BIN) && existsSync(ALERTMANAGER_BIN);

/** Poll until `check` returns a value (not undefined), at most `timeoutMs`; never a fixed sleep. */
export async function pollUntil<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 60_000, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export interface MetricTarget {
  port: number;
  /** Set a gauge series: name{labels} value. */
  set(name: string, labels: Record<string, string>, value: number): void;
  close(): Promise<void>;
}

export async function startTarget(): Promise<MetricTarget> {
  const series = new Map<string, { name: string; labels: Record<string, string>; value: number }>();
  const server: Server = createServer((_req, res) => {
    const lines = [...series.values()].map((s) => {
      const labels = Object.entries(s.labels).map(([k, v]) => `${k}="${v}"`).join(',');
      return `${s.name}${labels ? `{${labels}}` : ''} ${s.value}`;
    });
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    res.end(`${lines.join('\n')}\n`);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port,
    set(name, labels, value) {
      series.set(`${name}${JSON.stringify(labels)}`, { name, labels, value });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface Daemon {
  port: number;
  dir: string;
  url: string;
  output(): string;
  stop(): Promise<void>;
}

async function startDaemon(bin: string, args: (dir: string, port: number) => string[], files: Record<string, string>, readyPath: string): Promise<Daemon> {
  const dir = mkdtempSync(join(tmpdir(), 'ic-mon-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const port = await freePort();
  let log = '';
  const child: ChildProcess = spawn(bin, args(dir, port), { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (d: Buffer) => { log += d.toString(); });
  child.stderr?.on('data', (d: Buffer) => { log += d.toString(); });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const daemon: Daemon = {
    port, dir, url,
    output: () => log,
    async stop() {
      if (child.exitCode === null && child.pid !== undefined) process.kill(child.pid, 'SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await pollUntil(`${bin} ready`, async () => {
      if (child.exitCode !== null) throw new Error(`${bin} exited: ${log}`);
      const ok = await fetch(`${url}${readyPath}`).then((r) => r.ok, () => false);
      return ok ? true : undefined;
    }, 30_000, 100);
  } catch (err) {
    await daemon.stop();
    throw err;
  }
  return daemon;
}

export function startAlertmanager(configYaml: string): Promise<Daemon> {
  return startDaemon(ALERTMANAGER_BIN, (dir, port) => [
    `--config.file=${join(dir, 'am.yml')}`, `--storage.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address=', '--log.level=warn',
  ], { 'am.yml': configYaml }, '/-/ready');
}

/** Prometheus scraping the test's metric target (with rules and an Alertmanager when given), plus `scrapeJobsYaml` (list items under scrape_configs). */
export function startPrometheus(opts: { targetPort?: number; alertmanagerPort?: number; rulesYaml?: string; scrapeJobsYaml?: string }): Promise<Daemon> {
  const prom = [
    'global:', '  scrape_interval: 1s', '  evaluation_interval: 1s',
    ...(opts.rulesYaml ? ['rule_files: [rules.yml]'] : []),
    ...(opts.alertmanagerPort ? ['alerting:', '  alertmanagers:', `    - static_configs: [{ targets: ['127.0.0.1:${opts.alertmanagerPort}'] }]`] : []),
    'scrape_configs:',
    ...(opts.targetPort ? ['  - job_name: app', `    static_configs: [{ targets: ['127.0.0.1:${opts.targetPort}'] }]`] : []),
    ...(opts.scrapeJobsYaml ? [opts.scrapeJobsYaml] : []),
  ].join('\n');
  return startDaemon(PROMETHEUS_BIN, (dir, port) => [
    `--config.file=${join(dir, 'prom.yml')}`, `--storage.tsdb.path=${join(dir, 'tsdb')}`,
    `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn',
  ], { 'prom.yml': prom, ...(opts.rulesYaml ? { 'rules.yml': opts.rulesYaml } : {}) }, '/-/ready');
}

/** Alertmanager's routing for tests: group by alertname, 1 s waits, everything to the given receivers block. */
export function alertmanagerConfig(receiversYaml: string, receiver = 'incident-console'): string {
  return [
    'route:', `  receiver: ${receiver}`, "  group_by: ['alertname']", '  group_wait: 1s', '  group_interval: 1s', '  repeat_interval: 1h',
    receiversYaml,
  ].join('\n');
}

/** The error-rate rule of the plan's Step 1 ("Triggers if > 1%"), evaluated every second. */
export const ERROR_RATE_RULES = `groups:
  - name: app
    rules:
      - alert: HighErrorRate
        expr: app_error_rate_percent > 1
        for: 0s
        labels:
          severity: warning
        annotations:
          summary: "Error rate above 1% on {{ $labels.instance }}"
          value: "{{ $value }}"
`;
