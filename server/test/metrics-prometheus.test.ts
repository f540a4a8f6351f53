// /metrics behind METRICS_TOKEN, scraped by a real Prometheus with the scrape block of docs/server.md as pasted:
// the job with the token is up and sees our series; a job without it is down with 401; open when unset.
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROMETHEUS_BIN, pollUntil, startPrometheus, type Daemon } from '../../test/helpers/monitoring';
import { createSyncServer, type SyncServer } from '../src/app';
import { openBackend, type Backend } from './harness';

const TOKEN = 'metrics-token-for-the-test-0123456789';

function documentedScrapeJob(): string {
  const doc = readFileSync(new URL('../../docs/server.md', import.meta.url), 'utf8');
  const block = /<!-- prometheus-scrape -->\s*```yaml\n([\s\S]*?)```/.exec(doc)?.[1];
  if (!block) throw new Error('docs/server.md lost its Prometheus scrape snippet');
  return block;
}

describe('GET /metrics with METRICS_TOKEN', () => {
  let backend: Backend;
  let server: SyncServer;
  beforeAll(async () => {
    backend = await openBackend('pglite');
    server = await createSyncServer({ store: backend.store, metricsToken: TOKEN });
  }, 60_000);
  afterAll(async () => { await server?.close(); await backend?.dispose(); });

  it('refuses a scrape without the token, or with another one, with 401 and says what it needs', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token-wrong-token-wrong', `Basic ${TOKEN}`, `Bearer ${TOKEN}x`]) {
      const res = await server.app.inject({ method: 'GET', url: '/metrics', headers: authorization ? { authorization } : {} });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ error: 'unauthorized', message: expect.stringContaining('METRICS_TOKEN') });
      expect(res.body).not.toContain('ic_http_requests_total');
    }
    const ok = await server.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('ic_http_requests_total');
  });

  it('stays open when no token is configured', async () => {
    const open = await createSyncServer({ store: backend.store });
    try {
      const res = await open.app.inject({ method: 'GET', url: '/metrics' });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('ic_realtime_sockets');
    } finally { await open.close(); }
  });
});

describe.skipIf(!existsSync(PROMETHEUS_BIN) && !process.env.CI)('a real Prometheus scraping /metrics with the documented block', () => {
  let backend: Backend;
  let server: SyncServer;
  let prometheus: Daemon;
  beforeAll(async () => {
    backend = await openBackend('pglite');
    server = await createSyncServer({ store: backend.store, metricsToken: TOKEN });
    await server.app.listen({ host: '127.0.0.1', port: 0 });
    const hostPort = `127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
    const documented = documentedScrapeJob().replace('incident.example.com', hostPort).replace('scheme: https', 'scheme: http').replace('PASTE_YOUR_METRICS_TOKEN', TOKEN);
    const withoutToken = `  - job_name: no-token\n    static_configs: [{ targets: ['${hostPort}'] }]`;
    // The documented block is a `scrape_configs:` list: indent its items under ours.
    const jobs = documented.replace(/^scrape_configs:\n/, '').split('\n').map((l) => (l ? `  ${l.replace(/^ {2}/, '')}` : l)).join('\n');
    prometheus = await startPrometheus({ scrapeJobsYaml: `${jobs}\n${withoutToken}` });
  }, 120_000);
  afterAll(async () => { await prometheus?.stop(); await server?.close(); await backend?.dispose(); });

  type Target = { labels: { job: string }; health: string; lastError: string };
  it('is up with the token and down (401) without it', async () => {
    const targets = await pollUntil('both scrape jobs to report', async () => {
      const res = await fetch(`${prometheus.url}/api/v1/targets`).then((r) => r.json() as Promise<{ data: { activeTargets: Target[] } }>);
      const t = res.data.activeTargets;
      return t.length === 2 && t.every((x) => x.health !== 'unknown') ? t : undefined;
    }, 60_000);
    const byJob = new Map(targets.map((t) => [t.labels.job, t]));
    expect(byJob.get('incident-console')).toMatchObject({ health: 'up', lastError: '' });
    expect(byJob.get('no-token')).toMatchObject({ health: 'down' });
    expect(byJob.get('no-token')?.lastError).toContain('401');
    const series = await pollUntil('our series in Prometheus', async () => {
      const res = await fetch(`${prometheus.url}/api/v1/query?query=${encodeURIComponent('ic_realtime_sockets{job="incident-console"}')}`)
        .then((r) => r.json() as Promise<{ data: { result: unknown[] } }>);
      return res.data.result.length > 0 ? res.data.result : undefined;
    });
    expect(series).toHaveLength(1);
  }, 120_000);
});
