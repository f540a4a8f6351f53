// Property (fast-check): random sequences of declare / restrict / open / invite / remove / log (online or offline) /
// pull by three consoles (Pat, Nico, and Sam the security officer), on PGlite and on two PostgreSQL instances. A model
// written here (not the server's fold) says who may see each incident at each moment. Judged at every step:
// - no answer to a console ever carries an event of an incident it may not see at that moment;
// - after its sync a console holds nothing of an incident it may not see, and everything of one it may (the whole
//   history, whatever it missed while it could not);
// - the server keeps exactly the events their authors could see when they wrote them (or can see when they push):
//   nothing a participant logged is lost, nothing a non-participant wrote after losing sight of it gets in;
// - a console is poked only for something it may read, or for a change of what it may read.
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentEvent } from '@shared/incident/events';
import { TEAM_STREAM_ID } from '@shared/workspace/streams';
import { BACKENDS, stopCluster } from './harness';
import { newTeam, openBench, openConsole, serverEvents, settle, type Bench, type Console, type Team } from './restricted-harness';

afterAll(() => stopCluster());

const PEOPLE = ['Pat', 'Nico', 'Sam'] as const;
type Person = (typeof PEOPLE)[number];
const OFFICER: Person = 'Sam';

type Op =
  | { kind: 'declare'; who: Person; restricted: boolean }
  | { kind: 'restrict' | 'open'; who: Person; pick: number }
  | { kind: 'invite' | 'remove'; who: Person; pick: number; whom: Person }
  | { kind: 'log'; who: Person; pick: number; offline: boolean }
  | { kind: 'pull'; who: Person };

const person = fc.constantFrom(...PEOPLE);
/** Which of the console's incidents (in declaration order); negative counts from the newest. */
const pick = fc.integer({ min: -2, max: 7 });
// Weighted so that the edges come up often: consoles logging offline while others restrict, open and remove.
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('declare' as const), who: person, restricted: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constantFrom('restrict' as const, 'restrict' as const, 'open' as const), who: person, pick }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constantFrom('invite' as const, 'remove' as const), who: person, pick, whom: person }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('log' as const), who: person, pick, offline: fc.constantFrom(true, true, false) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('pull' as const), who: person }) },
);
/**
 * The offline edges as runs of steps (other steps fall between them): b logs offline in an incident a then restricts
 * (or removes b from), and again after; then b comes back.
 */
const edgeArb: fc.Arbitrary<Op[]> = fc.record({ a: person, b: person, remove: fc.boolean() }).filter(({ a, b }) => a !== b).map(({ a, b, remove }): Op[] => [
  { kind: 'declare', who: a, restricted: remove },
  ...(remove ? [{ kind: 'invite' as const, who: a, pick: -1, whom: b }] : []),
  { kind: 'pull', who: b },
  { kind: 'log', who: b, pick: -1, offline: true },
  remove ? { kind: 'remove', who: a, pick: -1, whom: b } : { kind: 'restrict', who: a, pick: -1 },
  { kind: 'log', who: b, pick: -1, offline: true },
  { kind: 'pull', who: b },
]);
const stepsArb: fc.Arbitrary<Op[]> = fc.array(fc.oneof({ weight: 4, arbitrary: opArb.map((op) => [op]) }, { weight: 1, arbitrary: edgeArb }), { minLength: 3, maxLength: 14 })
  .map((runs) => runs.flat().slice(0, 30));

interface Access { at: number; restricted: boolean; members: ReadonlySet<Person> }

/** Who may see what, written from the rules (docs/server.md), step by step. */
class Model {
  readonly history = new Map<string, Access[]>();

  private now(id: string): Access {
    const h = this.history.get(id);
    return h?.[h.length - 1] ?? { at: 0, restricted: false, members: new Set() };
  }

  private at(id: string, t: number): Access {
    const h = this.history.get(id) ?? [];
    let result: Access = { at: 0, restricted: false, members: new Set() };
    for (const a of h) if (a.at < t) result = a;
    return result;
  }

  private static sees(a: Access, p: Person): boolean {
    return !a.restricted || p === OFFICER || a.members.has(p);
  }

  maySee(p: Person, id: string): boolean {
    return Model.sees(this.now(id), p);
  }

  /** The server takes an ordinary event from p iff p may see the incident now, or could when it was written. */
  accepts(p: Person, id: string, writtenAt: number): boolean {
    return this.maySee(p, id) || Model.sees(this.at(id, writtenAt), p);
  }

  change(id: string, at: number, f: (a: Access) => Access): void {
    const list = this.history.get(id) ?? [];
    list.push({ ...f(this.now(id)), at });
    this.history.set(id, list);
  }

  hiddenFor(p: Person): Set<string> {
    return new Set([...this.history.keys()].filter((id) => !this.maySee(p, id)));
  }
}

interface Expected { event: IncidentEvent; by: Person; accepted: boolean }
interface PushRecord { seq: number; streams: string[]; hiddenBefore: Map<Person, Set<string>>; hiddenAfter: Map<Person, Set<string>> }

/** How often each outcome of an offline write came up (printed, so a change of weights that loses an edge shows). */
const coverage = { now: 0, before: 0, refused: 0 };

describe.each(BACKENDS)('restricted incidents, random sequences, on %s', (kind) => {
  let bench: Bench;
  beforeAll(async () => { bench = await openBench(kind); });
  afterAll(async () => { await bench.close(); });

  it('never lets an event of a restricted incident reach a non-participant, and loses nothing a participant logged', async () => {
    await fc.assert(fc.asyncProperty(stepsArb, async (ops) => {
      const team: Team = await newTeam(bench, OFFICER);
      const consoles = new Map<Person, Console>();
      for (const [i, p] of PEOPLE.entries()) consoles.set(p, await openConsole(bench, team, p, i));
      const model = new Model();
      const incidents: string[] = [];
      const expected: Expected[] = [];
      /** Logged offline, not pushed yet: judged when they are. */
      const pending = new Map<Person, Array<{ event: IncidentEvent; at: number }>>(PEOPLE.map((p) => [p, []]));
      const pushes: PushRecord[] = [{ seq: team.setupSeq, streams: [TEAM_STREAM_ID], hiddenBefore: new Map(), hiddenAfter: new Map(PEOPLE.map((p) => [p, new Set<string>()])) }];
      const violations: string[] = [];
      let hiddenBefore = new Map<Person, Set<string>>();
      const snapshotHidden = () => new Map(PEOPLE.map((p) => [p, model.hiddenFor(p)] as const));

      for (const [p, c] of consoles) {
        c.onReceive = (r) => {
          for (const stream of r.streams) if (!model.maySee(p, stream)) violations.push(`${p} received an event of ${stream} by ${r.path}, which it may not see`);
        };
        const request = c.engine['options'].transport.request.bind(c.engine['options'].transport);
        c.engine['options'].transport.request = async (req) => {
          const res = await request(req);
          const body = res.body as { seq?: number };
          if (req.path === '/sync/push' && res.status === 200 && typeof body.seq === 'number') {
            const events = (req.body as { events: IncidentEvent[] }).events;
            pushes.push({ seq: body.seq, streams: events.map((e) => e.incidentId), hiddenBefore, hiddenAfter: snapshotHidden() });
          }
          return res;
        };
      }

      const localIncidents = (c: Console) => incidents.filter((id) => [...c.store.events.values()].some((e) => e.incidentId === id && e.type === 'incident.opened'));

      /** Push what p logged offline (judged now) and then `then` (an access change, judged after them), sync, check. */
      const syncAs = async (p: Person, then?: { event: IncidentEvent; accepted: boolean; apply: () => void }) => {
        const c = consoles.get(p) as Console;
        hiddenBefore = snapshotHidden();
        for (const { event, at } of pending.get(p) ?? []) {
          const accepted = model.accepts(p, event.incidentId, at);
          expected.push({ event, by: p, accepted });
          coverage[accepted ? (model.maySee(p, event.incidentId) ? 'now' : 'before') : 'refused'] += 1;
        }
        pending.set(p, []);
        if (then) {
          expected.push({ event: then.event, by: p, accepted: then.accepted });
          if (then.accepted) then.apply();
        }
        const ok = await c.sync();
        if (!ok) violations.push(`${p}'s sync failed: ${JSON.stringify(c.engine.getStatus().error)}`);
        await settle(kind === 'postgres' ? 40 : 10);
        for (const s of bench.servers) await s.hub.idle();
        // What p holds now: nothing of what it may not see, everything the server has of what it may.
        const server = await serverEvents(bench, team.workspace);
        for (const e of c.store.events.values()) {
          if (!model.maySee(p, e.incidentId)) violations.push(`${p} still holds ${e.type} of ${e.incidentId}, which it may not see`);
        }
        for (const e of server) {
          if (model.maySee(p, e.incidentId) && !c.store.events.has(e.id)) violations.push(`${p} lacks ${e.type} ${e.id} of ${e.incidentId}, which it may see`);
        }
      };

      for (const op of ops) {
        const t = bench.clock.tick();
        const c = consoles.get(op.who) as Console;
        if (op.kind === 'declare') {
          const id = randomUUID();
          incidents.push(id);
          const event = c.record(id, 'incident.opened', {
            title: `incident ${incidents.length}`, detectedAt: new Date(t).toISOString(), impactStartedAt: new Date(t).toISOString(),
            ...(op.restricted ? { visibility: 'restricted' as const } : {}),
          });
          // Declaring it restricted makes the declaring console a participant; declaring it open does not.
          await syncAs(op.who, { event, accepted: true, apply: () => model.change(id, t, () => ({ at: t, restricted: op.restricted, members: new Set(op.restricted ? [op.who] : []) })) });
          continue;
        }
        if (op.kind === 'pull') { await syncAs(op.who); continue; }
        const mine = localIncidents(c);
        const id = mine.at(op.pick < 0 ? op.pick : op.pick % Math.max(1, mine.length));
        if (!id) continue;
        if (op.kind === 'log') {
          const event = c.record(id, 'entry.added', { kind: 'note', text: `${op.who} at ${t}` });
          pending.get(op.who)?.push({ event, at: t });
          if (!op.offline) await syncAs(op.who);
          continue;
        }
        const accepted = model.maySee(op.who, id);
        if (op.kind === 'restrict' || op.kind === 'open') {
          const event = c.record(id, 'visibility.changed', { to: op.kind === 'restrict' ? 'restricted' : 'open' });
          await syncAs(op.who, { event, accepted, apply: () => model.change(id, t, (a) => (op.kind === 'restrict'
            ? { at: t, restricted: true, members: new Set([...a.members, op.who]) } : { at: t, restricted: false, members: a.members })) });
          continue;
        }
        const { whom } = op as Extract<Op, { whom: Person }>;
        if (op.kind === 'invite') {
          const event = c.record(id, 'participant.invited', { person: whom });
          await syncAs(op.who, { event, accepted, apply: () => model.change(id, t, (a) => ({ at: t, restricted: a.restricted, members: new Set([...a.members, whom]) })) });
        } else {
          // Removing a person removes their invitation and their console's (what the participants panel does).
          const theirs = consoles.get(whom) as Console;
          const byName = c.record(id, 'participant.removed', { person: whom });
          const byDevice = c.record(id, 'participant.removed', { person: whom, deviceId: theirs.member.deviceId });
          expected.push({ event: byName, by: op.who, accepted });
          await syncAs(op.who, { event: byDevice, accepted, apply: () => model.change(id, t, (a) => ({ at: t, restricted: a.restricted, members: new Set([...a.members].filter((m) => m !== whom)) })) });
        }
      }
      for (const p of PEOPLE) await syncAs(p);

      // The server kept exactly what it should: every event its author could see when written (or at push), nothing else.
      const onServer = new Set((await serverEvents(bench, team.workspace)).map((e) => e.id));
      for (const x of expected) {
        if (x.accepted && !onServer.has(x.event.id)) violations.push(`lost: ${x.by}'s ${x.event.type} in ${x.event.incidentId}`);
        if (!x.accepted && onServer.has(x.event.id)) violations.push(`let in: ${x.by}'s ${x.event.type} in ${x.event.incidentId}, which ${x.by} could not see`);
      }
      // Pokes: only for something readable after that push, or for a change of what the console may read.
      for (const [p, c] of consoles) {
        for (const seq of c.pokes) {
          const push = pushes.find((r) => r.seq === seq);
          if (!push) { violations.push(`${p} was poked for seq ${seq}, which no push produced`); continue; }
          const readable = push.streams.some((s) => !(push.hiddenAfter.get(p) as Set<string>).has(s));
          const changed = [...(push.hiddenBefore.get(p) ?? [])].sort().join() !== [...(push.hiddenAfter.get(p) as Set<string>)].sort().join();
          if (!readable && !changed) violations.push(`${p} was poked for seq ${seq}: only ${push.streams.join(', ')}, hidden from it`);
        }
        // A poke that carries events (issue #27) carries only what the console may read, and never past a change of
        // what it may read (only a pull tells it that).
        for (const { seq, streams } of c.carried) {
          const push = pushes.find((r) => r.seq === seq);
          if (!push) continue;
          const hidden = push.hiddenAfter.get(p) as Set<string>;
          for (const s of streams) if (hidden.has(s)) violations.push(`${p} was carried an event of ${s} at seq ${seq}, hidden from it`);
          const changed = [...(push.hiddenBefore.get(p) ?? [])].sort().join() !== [...hidden].sort().join();
          if (changed) violations.push(`${p} was carried events at seq ${seq} while what it may read changed`);
        }
        c.close();
      }
      expect(violations).toEqual([]);
    }), { numRuns: kind === 'postgres' ? 12 : 16, endOnFailure: true });
    console.log(`offline writes: ${coverage.now} taken (visible at push), ${coverage.before} taken (written before losing sight), ${coverage.refused} refused`);
    expect(coverage.before).toBeGreaterThan(0);
    expect(coverage.refused).toBeGreaterThan(0);
  });
});
