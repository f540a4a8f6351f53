import { describe, expect, it } from 'vitest';
import { parseEvent } from './events';
import { IncidentBuilder, min } from '../../test/fixtures/incident-builder';

describe('event validation', () => {
  const inc = new IncidentBuilder();
  const good = inc.add(min(1), 'entry.added', { kind: 'note', text: 'hello' });

  it('accepts a well-formed event', () => {
    expect(parseEvent(JSON.parse(JSON.stringify(good)))).toMatchObject({ ok: true });
  });

  it('refuses unknown event types and names the field', () => {
    const result = parseEvent({ ...good, type: 'entry.deleted' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/^type: /);
  });

  it('refuses a bad payload with the path of the problem', () => {
    const result = parseEvent({ ...good, payload: { kind: 'gossip', text: 'x' } });
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/^payload\.kind: /) });
  });

  it('refuses a malformed clock stamp and id', () => {
    expect(parseEvent({ ...good, hlc: 'yesterday' })).toEqual({ ok: false, error: 'hlc: expected a hybrid logical clock value' });
    expect(parseEvent({ ...good, id: 'not-a-uuid' })).toEqual({ ok: false, error: 'id: expected a UUID' });
  });

  it('refuses empty entry text', () => {
    expect(parseEvent({ ...good, payload: { kind: 'note', text: '   ' } })).toEqual({ ok: false, error: 'payload.text: must not be empty' });
  });
});

describe('events refused at the source', () => {
  it('a NUL character anywhere is refused with its path (databases cannot store it)', () => {
    const inc = new IncidentBuilder();
    const ok = inc.add(min(1), 'entry.added', { kind: 'note', text: 'fine' });
    expect(parseEvent({ ...ok, payload: { kind: 'note', text: 'bad\u0000byte' } })).toEqual({ ok: false, error: 'payload.text: must not contain a NUL character' });
    expect(parseEvent({ ...ok, actor: { name: 'A\u0000', deviceId: 'd' } })).toEqual({ ok: false, error: 'actor.name: must not contain a NUL character' });
  });

  it('a lone UTF-16 surrogate in any string is refused with its path; a proper pair (an emoji) is fine', () => {
    const inc = new IncidentBuilder();
    const ok = inc.add(min(1), 'entry.added', { kind: 'note', text: 'fine' });
    expect(parseEvent({ ...ok, payload: { kind: 'note', text: 'broken \ud800 surrogate' } })).toEqual({ ok: false, error: 'payload.text: must be valid Unicode text (contains a lone UTF-16 surrogate)' });
    expect(parseEvent({ ...ok, hlc: `${ok.hlc}\udc00` })).toMatchObject({ ok: false, error: expect.stringMatching(/^hlc: .*surrogate/) });
    expect(parseEvent({ ...ok, actor: { name: 'A\udbff', deviceId: 'd' } })).toMatchObject({ ok: false, error: expect.stringMatching(/^actor\.name/) });
    expect(parseEvent({ ...ok, payload: { kind: 'note', text: 'pager 🔥 fire' } }).ok).toBe(true);
    expect(() => inc.add(min(2), 'entry.added', { kind: 'note', text: 'bad \ud800' })).toThrow(/surrogate/);
  });

  it('deep nesting at any depth is refused by an iterative scan, never a stack overflow', () => {
    const inc = new IncidentBuilder();
    const ok = inc.add(min(1), 'entry.added', { kind: 'note', text: 'fine' });
    for (const depth of [40, 20_000, 200_000]) {
      let nested: unknown = 'leaf';
      for (let i = 0; i < depth; i++) nested = i % 2 ? [nested] : { a: nested };
      const result = parseEvent({ ...ok, payload: { kind: 'note', text: 'x', extra: nested } });
      expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/^payload\.extra.*nested too deeply/) });
    }
  });

  it('createEvent refuses what a receiver would refuse, and times in the future', () => {
    const inc = new IncidentBuilder();
    expect(() => inc.add(min(1), 'entry.added', { kind: 'note', text: 'bad\u0000byte' })).toThrow(/NUL/);
    expect(() => inc.add(min(1), 'entry.added', { kind: 'note', text: 'from the future' }, min(60))).toThrow(/occurredAt: cannot be in the future/);
    expect(() => inc.add(min(1), 'entry.added', { kind: 'note', text: 'year 10000' }, Date.parse('+010000-01-01T00:00:00Z'))).toThrow(/occurredAt/);
    expect(inc.events).toHaveLength(0);
  });
});
