import { describe, expect, it } from 'vitest';
import { computeClocks } from '../clocks/clocks';
import { defaultPlan } from '../plan/default-plan';
import { IncidentBuilder, min } from '../../test/fixtures/incident-builder';
import { draftBriefing, handoversOf, pendingHandover } from './handover';

const H = '0190a000-0000-7000-8000-0000000000bb';
const fmt = (ms: number) => new Date(ms).toISOString().slice(11, 16);

describe('command handover', () => {
  it('drafts an ICS-201-shaped briefing from state: situation, objectives, actions with owners, organisation, deadlines', () => {
    const inc = new IncidentBuilder();
    inc.open('P1', undefined, { impact: 'Checkout failing for 30% of users' });
    inc.add(min(2), 'role.assigned', { roleId: 'incident-commander', person: 'Dana' });
    inc.add(min(3), 'entry.added', { kind: 'decision', text: 'Roll back payments-api' });
    inc.add(min(4), 'task.created', { taskId: '0190a000-0000-7000-8000-0000000000aa', title: 'Check the DB pool', owner: 'Engineer B', checkBackAt: new Date(min(7)).toISOString() });
    const state = inc.state();
    const text = draftBriefing(state, defaultPlan, computeClocks(state, defaultPlan, min(5)), min(5), fmt);
    expect(text).toContain('1. Situation summary\n- Impact: Checkout failing for 30% of users');
    expect(text).toContain('2. Current objectives (latest decisions)\n- Roll back payments-api');
    expect(text).toContain('- Engineer B: Check the DB pool (check back 10:07)');
    expect(text).toContain('- Incident Commander: Dana');
    expect(text).toContain('- Database Administrator: unassigned');
    expect(text).toMatch(/5\. Next deadlines\n- Next stakeholders update: due 10:15/);
  });

  it('an offered handover is pending until accepted', () => {
    const inc = new IncidentBuilder();
    inc.open('P1');
    inc.add(min(5), 'command.handover-offered', { handoverId: H, from: 'Dana', to: 'Sam', briefing: 'Brief' });
    expect(pendingHandover(inc.state())).toMatchObject({ to: 'Sam', offeredAt: min(5) });
    inc.add(min(7), 'command.handover-accepted', { handoverId: H, to: 'Sam' });
    expect(pendingHandover(inc.state())).toBeNull();
    expect(handoversOf(inc.state())[0]?.acceptedAt).toBe(min(7));
  });
});
