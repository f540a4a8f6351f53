// Real monitoring end to end: a target whose error-rate metric the test sets, a real Prometheus evaluating the
// plan's Step 1 rule (error rate > 1 %), a real Alertmanager using the receiver snippet of docs/server.md as
// pasted, posting to our intake. 7 % -> a firing group with the plan's P1 and its reason; 0 % -> resolved.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { foldAlertGroup, type AlertGroup } from '@shared/alerts/group';
import { isAlertStream } from '@shared/alerts/ids';
import { ERROR_RATE_RULES, haveMonitoring, pollUntil } from '../../test/helpers/monitoring';
import { openAlertingStack } from './alerting-stack';
import { perFile } from './per-file';

/** The `receivers:` block of docs/server.md, exactly as an operator would paste it. */
function documentedReceiver(): string {
  const doc = readFileSync(new URL('../../docs/server.md', import.meta.url), 'utf8');
  const block = /<!-- alertmanager-receiver -->\s*```yaml\n([\s\S]*?)```/.exec(doc)?.[1];
  if (!block) throw new Error('docs/server.md lost its Alertmanager receiver snippet');
  return block;
}

describe.skipIf(!haveMonitoring && !process.env.CI)('real Prometheus + Alertmanager into the intake', () => {
  const stack = perFile(() => openAlertingStack({
    rulesYaml: ERROR_RATE_RULES,
    receiver: (base, token) => documentedReceiver().replace('https://incident.example.com', base).replace('ici_PASTE_YOUR_INTEGRATION_TOKEN', token),
    series: [{ name: 'app_error_rate_percent', labels: {} }],
  }), 120_000);

  async function group(): Promise<AlertGroup | undefined> {
    return foldAlertGroup((await stack.events()).filter((e) => isAlertStream(e.incidentId)));
  }

  it('7 % fires a group with the plan\'s P1 and reason; back to 0 % resolves it', async () => {
    const { target } = stack;
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
