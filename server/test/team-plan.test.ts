// The server's team view: plan and contacts pushed by consoles, folded with the shared foldTeam, on PGlite and PostgreSQL.
import { afterAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createEvent } from '@shared/incident/create';
import type { IncidentEvent, PayloadInput } from '@shared/incident/events';
import { HybridClock } from '@shared/hlc/hlc';
import { defaultPlan } from '@shared/plan/default-plan';
import { TEAM_STREAM_ID } from '@shared/workspace/streams';
import { foldTeam } from '@shared/workspace/team';
import { createWorkspace } from '../src/store/workspaces';
import { loadTeam, loadTeamDirectory, loadTeamPlan } from '../src/workspace/team-plan';
import { BACKENDS, eventMaker, openTeamServer, push, stopCluster } from './harness';
import { perFile } from './per-file';

afterAll(() => stopCluster());

/** Team events written on one device (`node`: its id, as the server gave it; a device pushes only its own). */
function teamEventMaker(node: string, label = node) {
  const clock = new HybridClock(node);
  const actor = { name: `IC ${label}`, deviceId: node };
  return <T extends 'plan.published' | 'contact.added' | 'contact.updated' | 'contact.removed'>(type: T, payload: PayloadInput<T>): IncidentEvent =>
    createEvent({ clock, actor }, TEAM_STREAM_ID, type, payload) as IncidentEvent;
}

const shorterP0 = { ...defaultPlan, version: 'team-2', severities: defaultPlan.severities.map((s, i) => (i === 0 ? { ...s, responseTarget: '5m' } : s)) };

describe.each(BACKENDS)('team plan on %s', (kind) => {
  const host = perFile(() => openTeamServer(kind, 'laptop-b'));

  it('a workspace where nothing was published has the built-in plan, version 0, and no contacts', async () => {
    const empty = await createWorkspace(host.backend.store.db, 'empty');
    expect(await loadTeamPlan(host.backend.store.db, empty)).toEqual({ plan: defaultPlan, version: 0, publishedId: null, publishedBy: null, publishedAt: null });
    expect(await loadTeamDirectory(host.backend.store.db, empty)).toEqual([]);
  });

  it('reads the latest publication and the contact sheet that consoles pushed, as the console folds them', async () => {
    const a = teamEventMaker(host.admin.deviceId, 'laptop-a');
    const b = teamEventMaker(host.member.deviceId, 'laptop-b');
    const first = a('plan.published', { plan: defaultPlan });
    const contact = a('contact.added', { contactId: 'c-ana', name: 'Ana Ops', roleIds: ['incident-commander'], phone: '+44 1', email: '', notes: '' });
    const second = b('plan.published', { plan: shorterP0, note: 'P0 response 5 minutes' });
    const phone = b('contact.updated', { contactId: 'c-ana', changes: { phone: '+44 2' } });
    const incidentNote = eventMaker(host.admin.deviceId)(randomUUID());
    expect((await push(host.server.app, host.admin, [first, contact, incidentNote])).statusCode).toBe(200);
    expect((await push(host.server.app, host.member, [second, phone])).statusCode).toBe(200);

    const plan = await loadTeamPlan(host.backend.store.db, host.admin.workspace);
    expect(plan).toMatchObject({ version: 2, publishedId: second.id, publishedBy: { name: 'IC laptop-b' } });
    expect(plan.plan.severities[0]?.responseTarget).toBe('5m');
    expect(await loadTeamDirectory(host.backend.store.db, host.admin.workspace)).toEqual([
      { id: 'c-ana', name: 'Ana Ops', roleIds: ['incident-commander'], phone: '+44 2', email: '', notes: '' },
    ]);
    // The same fold the console runs, over the same events, in another order.
    expect(await loadTeam(host.backend.store.db, host.admin.workspace)).toEqual(foldTeam([phone, second, contact, first]));
  });

  it('a team event pushed into an incident stream is refused with its path and stored nowhere', async () => {
    const misplaced = { ...teamEventMaker(host.admin.deviceId)('contact.removed', { contactId: 'c-ana' }), incidentId: randomUUID() };
    const res = await push(host.server.app, host.admin, [misplaced]);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('incidentId: contact.removed belongs to the team stream');
    expect(await loadTeamDirectory(host.backend.store.db, host.admin.workspace)).toHaveLength(1);
  });
});
