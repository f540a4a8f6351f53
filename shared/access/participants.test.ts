import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold } from '../incident/fold';
import { defaultPlan } from '../plan/default-plan';
import type { Contact } from '../workspace/team';
import { IncidentBuilder, min, T0 } from '../../test/fixtures/incident-builder';
import { accessOf, maySee, participantLines, securityOfficers, startsRestricted } from './participants';

const officer: Contact = { id: 'c1', name: 'Sam Okafor', roleIds: ['security-officer'], phone: '', email: '', notes: '' };
const engineer: Contact = { id: 'c2', name: 'Engineer B', roleIds: ['on-call-engineer'], phone: '', email: '', notes: '' };
const officers = securityOfficers(defaultPlan, [officer, engineer]);
const reader = (person: string, deviceId = `dev-${person}`) => ({ person, deviceId });

describe('who may see an incident', () => {
  it('an open incident: everyone in the workspace', () => {
    const b = new IncidentBuilder();
    b.open();
    const access = accessOf(b.state(), officers);
    expect(access.restricted).toBe(false);
    expect(maySee(access, reader('Anyone'))).toBe(true);
  });

  it('a restricted one: the declaring console, role holders, invited people and the plan\'s security officers, nobody else', () => {
    const b = new IncidentBuilder(undefined, 'Alex IC', 'laptop-alex');
    b.open('P0', T0, { category: 'security', visibility: 'restricted' });
    b.add(min(1), 'role.assigned', { roleId: 'on-call-engineer', person: 'Engineer B' });
    b.add(min(2), 'participant.invited', { person: '  legal  COUNSEL ' });
    const access = accessOf(b.state(), officers);
    expect(access.restricted).toBe(true);
    expect(maySee(access, reader('Alex IC', 'laptop-alex'))).toBe(true);
    expect(maySee(access, reader('Alex IC', 'desktop-alex'))).toBe(false); // the declaring console, not every device of that name
    expect(maySee(access, reader('engineer b'))).toBe(true);
    expect(maySee(access, reader('Legal Counsel'))).toBe(true);
    expect(maySee(access, reader('Sam Okafor'))).toBe(true);
    expect(maySee(access, reader('Casey'))).toBe(false);
    expect(participantLines(b.state(), officers, (r) => r).map((l) => [l.name, l.why])).toEqual([
      ['Alex IC', ['declared-or-restricted']], ['Engineer B', ['role']], ['legal  COUNSEL', ['invited']], ['Sam Okafor', ['security-officer']],
    ]);
    b.add(min(3), 'participant.invited', { person: 'alex ic' });
    expect(participantLines(b.state(), officers, (r) => r).find((l) => l.name === 'Alex IC')).toMatchObject({
      why: ['declared-or-restricted', 'invited'], invitations: [{ person: 'Alex IC', deviceId: 'laptop-alex' }, { person: 'alex ic' }],
    });
  });

  it('removing, relieving and opening again take effect; the last change by clock wins', () => {
    const b = new IncidentBuilder(undefined, 'Alex IC', 'laptop-alex');
    b.open();
    b.add(min(1), 'visibility.changed', { to: 'restricted', reason: 'customer data involved' });
    b.add(min(2), 'participant.invited', { person: 'Dana' });
    b.add(min(3), 'role.assigned', { roleId: 'communications-lead', person: 'Casey' });
    expect(maySee(accessOf(b.state(), []), reader('Dana'))).toBe(true);
    b.add(min(4), 'participant.removed', { person: 'dana', reason: 'not needed' });
    b.add(min(5), 'role.relieved', { roleId: 'communications-lead' });
    b.add(min(6), 'participant.removed', { person: 'Alex IC', deviceId: 'laptop-alex' });
    const access = accessOf(b.state(), []);
    expect(['Dana', 'Casey', 'Alex IC'].map((p) => maySee(access, reader(p, p === 'Alex IC' ? 'laptop-alex' : `dev-${p}`)))).toEqual([false, false, false]);
    expect(b.state().visibility).toMatchObject({ restricted: true, reason: 'customer data involved', changedBy: 'Alex IC' });
    b.add(min(7), 'visibility.changed', { to: 'open', reason: 'contained, no customer data' });
    expect(maySee(accessOf(b.state(), []), reader('Dana'))).toBe(true);
  });

  it('is the same whatever order the events arrive in (the fold\'s registers)', () => {
    const b = new IncidentBuilder(undefined, 'Alex IC', 'laptop-alex');
    b.open('P1', T0, { visibility: 'restricted' });
    b.add(min(1), 'participant.invited', { person: 'Dana' });
    b.add(min(2), 'participant.removed', { person: 'Dana' });
    b.add(min(3), 'visibility.changed', { to: 'open' });
    b.add(min(4), 'visibility.changed', { to: 'restricted' });
    b.add(min(5), 'participant.invited', { person: 'Dana' });
    const expected = accessOf(b.state(), officers);
    fc.assert(fc.property(fc.shuffledSubarray(b.events, { minLength: b.events.length }), (order) => {
      expect(accessOf(fold(b.incidentId, order), officers)).toEqual(expected);
    }));
    expect([...expected.principals].sort()).toEqual(['device:laptop-alex', 'person:dana', 'person:sam okafor']);
  });

  it('the plan says which incidents start restricted', () => {
    expect(startsRestricted(defaultPlan, { category: 'security' })).toBe(true);
    expect(startsRestricted(defaultPlan, { category: 'application', scenarioIds: ['data-breach'] })).toBe(true);
    expect(startsRestricted(defaultPlan, { category: 'infrastructure', scenarioIds: ['disk-space-full'] })).toBe(false);
    expect(startsRestricted({ visibility: { ...defaultPlan.visibility, restrictedCategories: [], restrictedScenarios: [] } }, { category: 'security' })).toBe(false);
  });
});
