// Real monitoring end to end: a target whose error-rate metric the test sets, a real Prometheus evaluating the
// plan's Step 1 rule (error rate > 1 %), a real Alertmanager using the receiver snippet of docs/server.md as
// pasted, posting to our intake. 7 % -> a firing group with the plan's P1 and its reason; 0 % -> resolved.
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldAlertGroup, type AlertGroup } from '@shared/alerts/group';
import { isAlertStream } from '@shared/alerts/ids';
import { parseEvent, type IncidentEvent } from '@shared/incident/events';
import {
  ERROR_RATE_RULES, alertmanagerConfig, haveMonitoring, pollUntil, startAlertmanager, startPrometheus, startTarget,
  type Daemon, type MetricTarget,
} from '../../test/helpers/monitoring';
import { createSyncServer, type SyncServer } from '../src/app';
import { auth, newWorkspace, openBackend, pull, type Backend, type Member } from './harness';

/** The `receivers:` block of docs/server.md, exactly as an operator would paste it. */
function documentedReceiver(): string {
  const doc = readFileSync(new URL('../../docs/server.md', import.meta.url), 'utf8');
  const block = /<!-- alertmanager-receiver -->\s*```yaml\n([\s\S]*?)```/.exec(doc)?.[1];
  if (!block) throw new Error('docs/server.md lost its Alertmanager receiver snippet');
  return block;
}

describe.skipIf(!haveMonitoring && !process.env.CI)('real Prometheus + Alertmanager into the intake', () => {
  let backend: Backend;
  let server: SyncServer;
  let admin: Member;
  let target: MetricTarget;
  let alertmanager: Daemon;
  let prometheus: Daemon;

  beforeAll(async () => {
    backend = await openBackend('pglite');
    server = await createSyncServer({ store: backend.store });
    ({ admin } = await newWorkspace(server, backend.store));
    await server.app.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
    const token = (await server.app.inject({ method: 'POST', url: '/api/v1/integrations', headers: auth(admin), payload: { name: 'Alertmanager' } })).json<{ token: string }>().token;
    const receiver = documentedReceiver().replace('https://incident.example.com', base).replace('ici_PASTE_YOUR_INTEGRATION_TOKEN', token);
    target = await startTarget();
    target.set('app_error_rate_percent', {}, 0);
    alertmanager = await startAlertmanager(alertmanagerConfig(receiver));
    prometheus = await startPrometheus({ targetPort: target.port, alertmanagerPort: alertmanager.port, rulesYaml: ERROR_RATE_RULES });
  }, 120_000);
  afterAll(async () => {
    await prometheus?.stop();
    await alertmanager?.stop();
    await target?.close();
    await server?.close();
    await backend?.dispose();
  });

  async function group(): Promise<AlertGroup | undefined> {
    const res = await pull(server.app, admin, 0, 1000);
    const events = res.json<{ events: unknown[] }>().events
      .map((e) => parseEvent(e))
      .flatMap((r) => (r.ok && isAlertStream(r.event.incidentId) ? [r.event] : [] as IncidentEvent[]));
    return foldAlertGroup(events);
  }

  it('7 % fires a group with the plan\'s P1 and reason; back to 0 % resolves it', async () => {
    target.set('app_error_rate_percent', {}, 7);
    const firing = await pollUntil('a firing alert group in the log', async () => {
      const g = await group();
      return g?.status === 'firing' ? g : undefined;
    }, 90_000);
    expect(firing.source).toBe('alertmanager');
    expect(firing.title).toBe('HighErrorRate');
    expect(firing.alerts).toHaveLength(1);
    expect(firing.alerts[0]?.triage).toMatchObject({ severity: 'P1', reason: 'Error rate > 5%', value: 7, action: 'triage' });
    expect(firing.alerts[0]?.generatorURL).toContain('app_error_rate_percent');

    target.set('app_error_rate_percent', {}, 0);
    const resolved = await pollUntil('the resolved notification', async () => {
      const g = await group();
      return g?.status === 'resolved' ? g : undefined;
    }, 90_000);
    expect(resolved.id).toBe(firing.id);
    expect(resolved.resolvedAt).toBeGreaterThanOrEqual(firing.firingSince ?? 0);
    expect(resolved.timeline.map((t) => t.kind)).toEqual(['firing', 'resolved']);
  }, 200_000);
});
