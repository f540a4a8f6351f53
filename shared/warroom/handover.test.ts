import { describe, expect, it } from 'vitest';
import { computeClocks } from '../clocks/clocks';
import { defaultPlan } from '../plan/default-plan';
import { IncidentBuilder, min } from '../../test/fixtures/incident-builder';
import { acceptedOnBehalf, draftBriefing, handoversOf, pendingHandover } from './handover';

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

  const SAM = { name: 'Sam', deviceId: 'device-sam' };

  it('an offered handover is pending until the incoming commander accepts it on their own console', () => {
    const inc = new IncidentBuilder(undefined, 'Dana');
    inc.open('P1');
    inc.add(min(5), 'command.handover-offered', { handoverId: H, from: 'Dana', to: 'Sam', briefing: 'Brief' });
    expect(pendingHandover(inc.state())).toMatchObject({ to: 'Sam', offeredAt: min(5) });
    inc.add(min(7), 'command.handover-accepted', { handoverId: H, to: 'sam ' }, undefined, SAM);
    expect(pendingHandover(inc.state())).toBeNull();
    expect(handoversOf(inc.state())[0]).toMatchObject({ acceptedAt: min(7), acceptedBy: 'Sam' });
    expect(acceptedOnBehalf(handoversOf(inc.state())[0]!)).toBe(false);
  });

  it('nobody accepts or offers in someone else\'s name: the event cannot be made', () => {
    const inc = new IncidentBuilder(undefined, 'Dana');
    inc.open('P1');
    expect(() => inc.add(min(5), 'command.handover-offered', { handoverId: H, from: 'Alex', to: 'Sam', briefing: 'Brief' }))
      .toThrow('a handover is offered only by the outgoing commander, on their own console: it names Alex, but Dana is writing it');
    inc.add(min(5), 'command.handover-offered', { handoverId: H, from: 'Dana', to: 'Sam', briefing: 'Brief' });
    expect(() => inc.add(min(6), 'command.handover-accepted', { handoverId: H, to: 'Sam' }))
      .toThrow('a handover is accepted only by the incoming commander, on their own console: it names Sam, but Dana is writing it');
    expect(pendingHandover(inc.state())).toMatchObject({ to: 'Sam' });
  });

  it('an acceptance of another person\'s handover does not accept it; a new offer replaces a pending one', () => {
    const inc = new IncidentBuilder(undefined, 'Dana');
    inc.open('P1');
    inc.add(min(5), 'command.handover-offered', { handoverId: H, from: 'Dana', to: 'Casey', briefing: 'Brief' });
    inc.add(min(6), 'command.handover-accepted', { handoverId: H, to: 'Sam' }, undefined, SAM);
    expect(pendingHandover(inc.state())).toMatchObject({ id: H, to: 'Casey' });
    const H2 = '0190a000-0000-7000-8000-0000000000bc';
    inc.add(min(8), 'command.handover-offered', { handoverId: H2, from: 'Dana', to: 'Sam', briefing: 'Brief again' });
    expect(pendingHandover(inc.state())).toMatchObject({ id: H2, to: 'Sam' });
  });

  it('a record made before the rule (accepted on the incoming commander\'s behalf) keeps its meaning and says who recorded it', () => {
    const inc = new IncidentBuilder(undefined, 'Dana');
    inc.open('P1');
    inc.add(min(5), 'command.handover-offered', { handoverId: H, from: 'Dana', to: 'Casey', briefing: 'Brief' });
    inc.addRecorded(min(6), 'command.handover-accepted', { handoverId: H, to: 'Dana' }, { handoverId: H, to: 'Casey' });
    const [h] = handoversOf(inc.state());
    expect(h).toMatchObject({ acceptedAt: min(6), acceptedBy: 'Dana', to: 'Casey' });
    expect(acceptedOnBehalf(h!)).toBe(true);
  });
});
