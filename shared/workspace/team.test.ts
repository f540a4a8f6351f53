import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createEvent } from '../incident/create';
import { parseEvent, type IncidentEvent, type PayloadInput } from '../incident/events';
import { HybridClock } from '../hlc/hlc';
import { COMMANDER_ROLE_ID } from '../plan/commander';
import { defaultPlan } from '../plan/default-plan';
import type { Plan } from '../plan/schema';
import { TEAM_STREAM_ID, isIncidentStream } from './streams';
import { foldTeam } from './team';
import { min } from '../../test/fixtures/incident-builder';

const CONTACT_IDS = ['c-ana', 'c-ben', 'c-chi'];
const FIELDS = ['phone', 'email', 'notes'] as const;

/** A published plan that differs from the default in its version text and its P0 response target. */
function planVariant(n: number): Plan {
  return {
    ...defaultPlan,
    version: `team-${n}`,
    severities: defaultPlan.severities.map((s, i) => (i === 0 ? { ...s, responseTarget: `${n + 1}m` } : s)),
  };
}

function replicas(count: number) {
  const skew = [0, 70_000, -40_000, 15_000];
  return Array.from({ length: count }, (_, d) => {
    let wall = 0;
    const clock = new HybridClock(`dev-${d}`, () => wall);
    const actor = { name: `Person ${d}`, deviceId: `dev-${d}` };
    return {
      make<T extends 'plan.published' | 'contact.added' | 'contact.updated' | 'contact.removed'>(at: number, type: T, payload: PayloadInput<T>): IncidentEvent {
        wall = at + (skew[d] as number);
        return createEvent({ clock, actor, now: () => wall }, TEAM_STREAM_ID, type, payload) as IncidentEvent;
      },
    };
  });
}

/** Random team edits from three devices with skewed clocks, all touching the same few contacts and the plan. */
const arbitraryTeamEvents = fc
  .array(
    fc.record({
      device: fc.integer({ min: 0, max: 2 }),
      at: fc.integer({ min: 0, max: 120 }),
      op: fc.integer({ min: 0, max: 9 }),
      contact: fc.integer({ min: 0, max: 2 }),
      field: fc.integer({ min: 0, max: 2 }),
      value: fc.integer({ min: 0, max: 5 }),
    }),
    { minLength: 1, maxLength: 30 },
  )
  .map((ops) => {
    const devices = replicas(3);
    return ops.map((op) => {
      const d = devices[op.device]!;
      const contactId = CONTACT_IDS[op.contact]!;
      const at = min(op.at);
      if (op.op === 0) return d.make(at, 'plan.published', { plan: planVariant(op.value) });
      if (op.op <= 3) return d.make(at, 'contact.added', { contactId, name: `Name ${op.contact}`, roleIds: ['incident-commander'], phone: `+44 ${op.value}`, email: '', notes: '' });
      if (op.op === 4) return d.make(at, 'contact.removed', { contactId });
      return d.make(at, 'contact.updated', { contactId, changes: { [FIELDS[op.field]!]: `v${op.value} by ${op.device}` } });
    });
  });

describe('foldTeam', () => {
  it('a device that never published uses the built-in plan as version 0', () => {
    const team = foldTeam([]);
    expect(team).toMatchObject({ plan: defaultPlan, planVersion: 0, publishedId: null, publishedBy: null, versions: [], contacts: [] });
  });

  it('converges: any order, duplicates and several replicas give the same plan version and contact sheet', () => {
    fc.assert(
      fc.property(arbitraryTeamEvents, fc.integer({ min: 2, max: 4 }), fc.nat(), (events, replicaCount, seed) => {
        const expected = foldTeam(events);
        // Each replica receives the events in its own shuffled order, some twice.
        for (let r = 0; r < replicaCount; r++) {
          const order = fc.sample(fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }), { numRuns: 1, seed: seed + r })[0]!;
          const withDuplicates = [...order, ...order.filter((_, i) => (i + r) % 3 === 0)];
          expect(foldTeam(withDuplicates)).toEqual(expected);
        }
      }),
      { numRuns: 80 },
    );
  });

  it('numbers publications by clock order and makes the latest current, whoever arrives first', () => {
    const [a, b] = replicas(2);
    const early = a!.make(min(1), 'plan.published', { plan: planVariant(1) });
    const late = b!.make(min(5), 'plan.published', { plan: planVariant(2) });
    for (const order of [[early, late], [late, early]]) {
      const team = foldTeam(order);
      expect(team.versions.map((v) => [v.version, v.publishedId])).toEqual([[1, early.id], [2, late.id]]);
      expect(team).toMatchObject({ planVersion: 2, publishedId: late.id, publishedBy: { name: 'Person 1' } });
      expect(team.plan.severities[0]?.responseTarget).toBe('3m');
    }
  });

  it('concurrent edits of different fields both survive; the same field is last-writer-wins with both values in its history', () => {
    const [a, b] = replicas(2);
    const added = a!.make(min(0), 'contact.added', { contactId: 'c-ana', name: 'Ana', roleIds: [], phone: '1', email: '', notes: '' });
    const phoneA = a!.make(min(2), 'contact.updated', { contactId: 'c-ana', changes: { phone: '+44 111' } });
    const emailB = b!.make(min(2), 'contact.updated', { contactId: 'c-ana', changes: { email: 'ana@example.com' } });
    const phoneB = b!.make(min(3), 'contact.updated', { contactId: 'c-ana', changes: { phone: '+44 222' } });
    const team = foldTeam([phoneB, emailB, phoneA, added]);
    expect(team.contacts).toEqual([{ id: 'c-ana', name: 'Ana', roleIds: [], phone: '+44 222', email: 'ana@example.com', notes: '' }]);
    expect(team.contactHistory['c-ana']?.phone?.map((v) => [v.value, v.by])).toEqual([['1', 'Person 0'], ['+44 111', 'Person 0'], ['+44 222', 'Person 1']]);
  });

  it('a removed contact disappears but keeps its history; updates before its creation arrive are held back', () => {
    const [a, b] = replicas(2);
    const added = b!.make(min(1), 'contact.added', { contactId: 'c-ben', name: 'Ben', roleIds: [], phone: '', email: '', notes: '' });
    const update = a!.make(min(5), 'contact.updated', { contactId: 'c-ben', changes: { notes: 'early' } });
    expect(foldTeam([update]).contacts).toEqual([]);
    expect(foldTeam([update, added]).contacts[0]?.notes).toBe('early');
    const removed = a!.make(min(9), 'contact.removed', { contactId: 'c-ben' });
    const team = foldTeam([update, added, removed]);
    expect(team.contacts).toEqual([]);
    expect(team.contactHistory['c-ben']?.name?.[0]?.value).toBe('Ben');
  });

  it('ignores events of other streams', () => {
    const clock = new HybridClock('x', () => 0);
    const note = createEvent({ clock, actor: { name: 'X', deviceId: 'x' }, now: () => 0 }, '0190a000-0000-7000-8000-0000000000aa', 'entry.added', { kind: 'note', text: 'hi' });
    expect(foldTeam([note]).contacts).toEqual([]);
  });
});

describe('team stream placement', () => {
  it('team events live only in the team stream, and the team stream holds only team events', () => {
    const [a] = replicas(1);
    const added = a!.make(0, 'contact.added', { contactId: 'c-ana', name: 'Ana', roleIds: [], phone: '', email: '', notes: '' });
    expect(parseEvent({ ...added, incidentId: '0190a000-0000-7000-8000-0000000000aa' })).toEqual({ ok: false, error: 'incidentId: contact.added belongs to the team stream' });
    expect(parseEvent({ ...added, type: 'entry.added', payload: { kind: 'note', text: 'x' } })).toEqual({ ok: false, error: 'type: entry.added does not belong to the team stream' });
    expect(isIncidentStream(TEAM_STREAM_ID)).toBe(false);
    expect(isIncidentStream('0190a000-0000-7000-8000-0000000000aa')).toBe(true);
  });

  it('contacts saved under an earlier import\'s role id follow the role when a re-import gives it the commander\'s id', () => {
    const [a, b] = replicas(2);
    const lead = { ...defaultPlan.roles[0]!, id: 'incident-lead', name: 'Incident Lead' };
    const others = defaultPlan.roles.slice(1);
    const firstImport: Plan = { ...defaultPlan, roles: [lead, ...others], rotations: [], distributionLists: [] };
    const reImport: Plan = { ...firstImport, roles: [{ ...lead, id: COMMANDER_ROLE_ID }, ...others] };
    const events = [
      a!.make(min(0), 'plan.published', { plan: firstImport }),
      a!.make(min(1), 'contact.added', { contactId: 'c-ana', name: 'Ana', roleIds: ['incident-lead'], phone: '+44 1', email: 'ana@example.com', notes: '' }),
      a!.make(min(2), 'plan.published', { plan: reImport }),
      // Added offline on a laptop that still had the first import: it follows too.
      b!.make(min(3), 'contact.added', { contactId: 'c-ben', name: 'Ben', roleIds: ['incident-lead', 'on-call-engineer'], phone: '', email: '', notes: '' }),
    ];
    const team = foldTeam(events);
    expect(team.contacts.map((c) => [c.name, c.roleIds])).toEqual([['Ana', [COMMANDER_ROLE_ID]], ['Ben', [COMMANDER_ROLE_ID, 'on-call-engineer']]]);
    // What was written stays as written (the history of the field); only the sheet's reading follows the role.
    expect(team.contactHistory['c-ana']?.roleIds?.map((v) => v.value)).toEqual([['incident-lead']]);
    // Before the re-import, the same contact is under the first import's id.
    expect(foldTeam(events.slice(0, 2)).contacts[0]?.roleIds).toEqual(['incident-lead']);
  });

  it('a published plan is validated whole: a bad target is refused with its path', () => {
    const [a] = replicas(1);
    const bad = { ...defaultPlan, severities: [{ ...defaultPlan.severities[0]!, responseTarget: 'soon' }] };
    expect(() => a!.make(0, 'plan.published', { plan: bad })).toThrow(/responseTarget/);
  });
});
