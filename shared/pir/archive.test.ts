import { describe, expect, it } from 'vitest';
import { archiveText, buildArchive, canonicalJson, eventsContentHash, importArchive, readArchive, sha256Hex, type ArchiveEventStore } from './archive';
import { describeSignatures } from './archive-signatures';
import { generateSigningKey, signEvent } from '../sync/signature';
import type { IncidentEvent } from '../incident/events';
import { fold } from '../incident/fold';
import { defaultPlan } from '../plan/default-plan';
import { pirFixture } from '../../test/fixtures/pir-incident';
import { min } from '../../test/fixtures/incident-builder';

/** An in-memory event store with an all-or-nothing write, like the renderer's Dexie transaction. */
class MemoryStore implements ArchiveEventStore {
  readonly events = new Map<string, IncidentEvent>();
  writes = 0;
  async getEvents(ids: string[]) { return ids.map((id) => this.events.get(id)); }
  async addEvents(events: IncidentEvent[]) { this.writes++; for (const e of events) this.events.set(e.id, e); }
}

async function fixtureArchive() {
  const inc = pirFixture();
  return { inc, text: archiveText(await buildArchive(inc.incidentId, defaultPlan, inc.events, min(100))) };
}

function tamper(text: string, edit: (json: { events: Array<Record<string, unknown>>; [k: string]: unknown }) => void): string {
  const json = JSON.parse(text);
  edit(json);
  return JSON.stringify(json);
}

describe('incident archive', () => {
  it('sha256 is the standard digest (Web Crypto)', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('canonical JSON sorts keys and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: [{ d: undefined, c: 'x' }] })).toBe('{"a":[{"c":"x"}],"b":1}');
  });

  it('holds the envelope, the plan snapshot, every event and a hash over them', async () => {
    const { inc, text } = await fixtureArchive();
    const json = JSON.parse(text);
    expect(json).toMatchObject({ format: 'incident-console-archive', version: 1, exportedAt: new Date(min(100)).toISOString(), incidentId: inc.incidentId });
    expect(json.plan.id).toBe(defaultPlan.id);
    expect(json.events).toHaveLength(inc.events.length);
    expect(json.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('export then import into an empty store reproduces the identical state', async () => {
    const { inc, text } = await fixtureArchive();
    const store = new MemoryStore();
    const result = await importArchive(store, text);
    expect(result).toEqual({ ok: true, incidentId: inc.incidentId, added: inc.events.length, alreadyPresent: 0, signatures: { verified: 0, unsigned: inc.events.length, unknownKey: 0, invalid: [] } });
    expect(fold(inc.incidentId, store.events.values())).toEqual(inc.state());
  });

  it('importing twice changes nothing', async () => {
    const { inc, text } = await fixtureArchive();
    const store = new MemoryStore();
    await importArchive(store, text);
    const before = fold(inc.incidentId, store.events.values());
    expect(await importArchive(store, text)).toMatchObject({ ok: true, added: 0, alreadyPresent: inc.events.length });
    expect(store.writes).toBe(1);
    expect(fold(inc.incidentId, store.events.values())).toEqual(before);
  });

  it('a tampered archive is refused with the reason, and nothing is stored', async () => {
    const { text } = await fixtureArchive();
    const altered = tamper(text, (j) => {
      const entry = j.events.find((e) => e.type === 'pir.edited') as { payload: { value: string } };
      entry.payload.value = 'Someone else did it';
    });
    const store = new MemoryStore();
    const result = await importArchive(store, altered);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/^contentHash: .*altered or damaged/);
    expect(store.events.size).toBe(0);
  });

  it('a removed event is detected too', async () => {
    const { text } = await fixtureArchive();
    const result = await readArchive(tamper(text, (j) => { j.events.splice(3, 1); }));
    expect(result.ok).toBe(false);
  });

  it('an invalid event is refused naming its index and field', async () => {
    const { text } = await fixtureArchive();
    const result = await readArchive(tamper(text, (j) => { (j.events[2] as { occurredAt: string }).occurredAt = 'yesterday'; }));
    expect(result).toEqual({ ok: false, error: 'events[2].occurredAt: expected an ISO 8601 date-time' });
  });

  it('refuses other files: not JSON, wrong format, events of another incident, a broken plan', async () => {
    const { text } = await fixtureArchive();
    expect(await readArchive('{nope')).toMatchObject({ ok: false, error: expect.stringMatching(/^not JSON/) });
    expect(await readArchive(tamper(text, (j) => { j.format = 'zip'; }))).toMatchObject({ ok: false, error: expect.stringMatching(/^format:/) });
    expect(await readArchive(tamper(text, (j) => { j.version = 2; }))).toMatchObject({ ok: false, error: expect.stringMatching(/^version:/) });
    expect(await readArchive(tamper(text, (j) => { j.incidentId = '0190a000-0000-7000-8000-00000000ffff'; })))
      .toMatchObject({ ok: false, error: expect.stringMatching(/^events\[0\]\.incidentId: belongs to another incident/) });
    expect(await readArchive(tamper(text, (j) => { (j.plan as { severities: unknown[] }).severities = []; })))
      .toMatchObject({ ok: false, error: expect.stringMatching(/^plan\.severities/) });
  });

  it('an event that conflicts with the stored copy refuses the whole import', async () => {
    const { inc, text } = await fixtureArchive();
    const store = new MemoryStore();
    const first = inc.events[0] as IncidentEvent;
    store.events.set(first.id, { ...first, actor: { name: 'Mallory', deviceId: 'x' } } as IncidentEvent);
    const result = await importArchive(store, text);
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining('differs from the copy already stored') });
    expect(store.events.size).toBe(1);
  });
});

describe('signatures in an archive', () => {
  it('carries each signature and the keys to check them: an exported incident proves who wrote what, and an event altered after signing is refused', async () => {
    const inc = pirFixture();
    const key = await generateSigningKey();
    const author = (inc.events[1] as IncidentEvent).actor.deviceId;
    // Half the author's events arrive signed; the rest were written before signing.
    const events = await Promise.all(inc.events.map((e, i) => (e.actor.deviceId === author && i % 2 === 0 ? signEvent(key.privateKey, e) : e)));
    const signedCount = events.filter((e) => e.sig).length;
    expect(signedCount).toBeGreaterThan(0);
    const text = archiveText(await buildArchive(inc.incidentId, defaultPlan, events, min(100), { devices: { [author]: key.publicKey } }));
    const read = await readArchive(text);
    expect(read).toMatchObject({ ok: true, signatures: { verified: signedCount, unsigned: events.length - signedCount, unknownKey: 0, invalid: [] } });
    if (read.ok) expect(describeSignatures(read.signatures)).toMatch(new RegExp(`^${signedCount} signed by their authors, ${events.length - signedCount} unsigned$`));

    // Someone rewrites a signed entry and recomputes the content hash: the signature still gives it away.
    const forged = JSON.parse(text) as { events: IncidentEvent[]; contentHash: string };
    const index = forged.events.findIndex((e) => e.sig && e.type === 'entry.added');
    (forged.events[index] as Extract<IncidentEvent, { type: 'entry.added' }>).payload.text = 'We decided nothing of the sort';
    forged.contentHash = await eventsContentHash(forged.events);
    expect(await readArchive(JSON.stringify(forged))).toEqual({ ok: false, error: `events[${index}].sig: does not verify with its signer's key in the archive: the event was altered after it was signed` });
    // Without the keys (an archive from before signing, or from a console that never read them) it still reads.
    const keyless = JSON.parse(text) as Record<string, unknown>;
    delete keyless.signers;
    expect(await readArchive(JSON.stringify(keyless))).toMatchObject({ ok: true, signatures: { verified: 0, unknownKey: signedCount } });
  });
});
