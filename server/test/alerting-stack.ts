// Real monitoring in front of our intake, for the alert tests: a sync server on PGlite listening on loopback with an
// Alertmanager integration, a metric target the test sets, a real Alertmanager whose receiver posts to the intake,
// and a real Prometheus evaluating the test's rules against the target. Started once per file.
import { parseEvent, type IncidentEvent } from '@shared/incident/events';
import { alertmanagerConfig, startAlertmanager, startPrometheus, startTarget, type Daemon, type MetricTarget } from '../../test/helpers/monitoring';
import { createSyncServer, type SyncServer } from '../src/app';
import { auth, listen, newWorkspace, openBackend, pull, type Backend, type Member } from './harness';

export interface AlertingStack {
  backend: Backend;
  server: SyncServer;
  admin: Member;
  target: MetricTarget;
  alertmanager: Daemon;
  prometheus: Daemon;
  /** Every event the admin pulls from the start (first 1000), those that parse. */
  events(): Promise<IncidentEvent[]>;
  close(): Promise<void>;
}

export interface AlertingStackOptions {
  /** Alertmanager's `receivers:` block, given the server's base URL and the integration's token. */
  receiver(base: string, token: string): string;
  /** Prometheus rule file. */
  rulesYaml: string;
  /** Series the target serves from the start (value 0). */
  series: Array<{ name: string; labels: Record<string, string> }>;
}

/** Everything started is stopped again when a later start fails (or on close), last first. */
export async function openAlertingStack(options: AlertingStackOptions): Promise<AlertingStack> {
  const closers: Array<() => Promise<void>> = [];
  const close = async () => { for (const c of closers.splice(0).reverse()) await c(); };
  try {
    const backend = await openBackend('pglite');
    closers.push(() => backend.dispose());
    const server = await createSyncServer({ store: backend.store });
    closers.push(() => server.close());
    const { admin } = await newWorkspace(server, backend.store);
    const base = await listen(server);
    const token = (await server.app.inject({ method: 'POST', url: '/api/v1/integrations', headers: auth(admin), payload: { name: 'Alertmanager' } })).json<{ token: string }>().token;
    const target = await startTarget();
    closers.push(() => target.close());
    for (const s of options.series) target.set(s.name, s.labels, 0);
    const alertmanager = await startAlertmanager(alertmanagerConfig(options.receiver(base, token)));
    closers.push(() => alertmanager.stop());
    const prometheus = await startPrometheus({ targetPort: target.port, alertmanagerPort: alertmanager.port, rulesYaml: options.rulesYaml });
    closers.push(() => prometheus.stop());
    return {
      backend, server, admin, target, alertmanager, prometheus, close,
      async events() {
        const res = await pull(server.app, admin, 0, 1000);
        return res.json<{ events: unknown[] }>().events.map((e) => parseEvent(e)).flatMap((r) => (r.ok ? [r.event] : []));
      },
    };
  } catch (error) {
    await close();
    throw error;
  }
}
