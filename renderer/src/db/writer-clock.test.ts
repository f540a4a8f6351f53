// The device clock of the local write path (meta.ts localWriter) is kept in memory and not saved per write: a
// property test holds it to what the saved clock gave. Whatever happens between writes (the wall clock going back
// or forward, events received from others, the server acknowledging some of the outbox, the app restarting), every
// new local stamp sorts after every stamp this device wrote or received before. (Stamps more than MAX_DRIFT_MS ahead
// of the wall clock are a separate, deliberate rule of HybridClock: it re-anchors to the wall clock then.)
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { createEvent, newId } from '@shared/incident/create';
import type { IncidentEvent } from '@shared/incident/events';
import { encodeHlc, HybridClock, MAX_DRIFT_MS } from '@shared/hlc/hlc';
import { IncidentDb } from './schema';
import { createLocalSyncStore } from './sync-store';
import { recordEventIn } from './write';
import { readUnsent } from './outbox';

type Step =
  | { t: 'write'; skew: number }
  | { t: 'receive'; ahead: number }
  | { t: 'ack'; count: number; serverAhead: number | null }
  | { t: 'restart' };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ t: fc.constant('write' as const), skew: fc.integer({ min: -120_000, max: 60_000 }) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('receive' as const), ahead: fc.integer({ min: -60_000, max: MAX_DRIFT_MS - 130_000 }) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('ack' as const), count: fc.nat(6), serverAhead: fc.option(fc.integer({ min: 0, max: 120_000 })) }) },
  { weight: 1, arbitrary: fc.constant({ t: 'restart' as const }) },
);

let counter = 0;

describe('the local write clock', () => {
  it('property: every local stamp sorts after every stamp written or received before, across acks and restarts', async () => {
    await fc.assert(fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 30 }), async (steps) => {
      const name = `writer-clock-${counter++}`;
      let db = new IncidentDb(name);
      const incident = newId();
      const base = Date.now();
      let highest = '';
      try {
        for (const s of steps) {
          if (s.t === 'write') {
            const e = await recordEventIn(db, incident, 'entry.added', { kind: 'note', text: 'x' }, { now: () => base + s.skew });
            expect(e.hlc > highest).toBe(true);
            highest = e.hlc;
          } else if (s.t === 'receive') {
            const t = base + s.ahead;
            const peer = createEvent({ clock: new HybridClock('peer', () => t), actor: { name: 'Peer', deviceId: 'peer' }, now: () => t }, incident, 'entry.added', { kind: 'note', text: 'from a peer' }) as IncidentEvent;
            await createLocalSyncStore(db).applyRemote([peer]);
            if (peer.hlc > highest) highest = peer.hlc;
          } else if (s.t === 'ack') {
            const queued = await readUnsent(db, 1_000);
            const acked = queued.slice(0, s.count).map((r) => r.id); // the oldest, as the server acks in order
            // Without the server's clock (it may be refused as too far ahead): the acks alone must keep the clock.
            const serverHlc = s.serverAhead === null ? null : encodeHlc({ wall: Date.now() + s.serverAhead, counter: 0, node: 'server' });
            await createLocalSyncStore(db).afterPush(acked, serverHlc);
          } else {
            db.close();
            db = new IncidentDb(name);
          }
        }
      } finally {
        db.close();
        await Dexie.delete(name);
      }
    }), { numRuns: 60 });
  });
});
