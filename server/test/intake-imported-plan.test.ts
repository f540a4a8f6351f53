// A plan imported from a document that states no alert rules runs none: a real alert posted to intake waits in
// triage and opens no incident, where the built-in plan's rules would have declared one (issue 21).
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEvent } from '@shared/incident/create';
import type { IncidentEvent } from '@shared/incident/events';
import { HybridClock } from '@shared/hlc/hlc';
import { validateFilled } from '@shared/plan/markdown/fill';
import { importPlanMarkdown } from '@shared/plan/markdown/import';
import { TEAM_STREAM_ID } from '@shared/workspace/streams';
import { loadTeamPlan } from '../src/workspace/team-plan';
import { pull, push } from './harness';
import { openIntakeServer } from './intake-server';
import { perFile } from './per-file';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

/** The customer's own document, imported and its flagged values answered as a user would: no intake section. */
function importedPlan() {
  const result = importPlanMarkdown(read('docs/plans/incident-response-plan.md'));
  if (!result.ok) throw new Error('the customer document was refused');
  const answers: Record<string, string> = {};
  for (const f of result.draft.flags) {
    answers[f.path] = f.path === 'communication.updateChannels' ? 'Status page\nEmail'
      : f.path === 'rotations[0].anchorDate' ? '2026-01-05'
        : f.path === 'timers.dueSoonWithin' ? '5m'
          : f.path.endsWith('.category') ? 'infrastructure' : `Answered: ${f.label}`;
  }
  const filled = validateFilled(result.draft, answers);
  if (!filled.ok) throw new Error(filled.errors.join('\n'));
  return filled.plan;
}

describe('alert intake under an imported plan that states no alert rules', () => {
  const host = perFile(() => openIntakeServer({ rateLimitPerMinute: 1_000_000, joinRateLimitPerMinute: 1_000 }, 'Prometheus prod'), 120_000);

  beforeAll(async () => {
    const { server: { app }, admin, backend } = host;
    const plan = importedPlan();
    expect(plan.intake).toBeUndefined();
    const published = createEvent({ clock: new HybridClock(admin.deviceId), actor: { name: 'Casey', deviceId: admin.deviceId } }, TEAM_STREAM_ID, 'plan.published', { plan, note: 'Imported from incident-response-plan.md' }) as IncidentEvent;
    expect((await push(app, admin, [published])).statusCode).toBe(200);
    expect((await loadTeamPlan(backend.store.db, admin.workspace)).version).toBe(1);
  });

  const post = (kind: string, payload: unknown) => host.post(kind, payload);

  it('a payment failure (which the built-in rules declare as P0) waits in triage; a recorded Alertmanager alert gets no suggestion', async () => {
    const payment = await post('generic', { title: 'PaymentFailures', status: 'firing', dedupKey: 'stripe-5xx', startsAt: new Date(Date.now() - 60_000).toISOString() });
    expect(payment.statusCode).toBe(200);
    expect(payment.json()).toMatchObject({ firing: [{ action: 'triage' }] });
    expect(payment.json().firing[0]).not.toHaveProperty('severity');

    const alertmanager = await post('alertmanager', JSON.parse(read('test/fixtures/alerts/alertmanager-firing.json')));
    expect(alertmanager.statusCode).toBe(200);
    expect(alertmanager.json()).toMatchObject({ firing: [{ action: 'triage' }] });
    expect(alertmanager.json().firing[0]).not.toHaveProperty('severity');

    const events = (await pull(host.server.app, host.admin, 0, 1000)).json<{ events: Array<{ type: string }> }>().events;
    expect(events.filter((e) => e.type === 'incident.opened')).toEqual([]);
    expect(events.filter((e) => e.type === 'alert.notified')).toHaveLength(2);
  });
});
