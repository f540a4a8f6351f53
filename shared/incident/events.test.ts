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

  it('createEvent refuses what a receiver would refuse, and times in the future', () => {
    const inc = new IncidentBuilder();
    expect(() => inc.add(min(1), 'entry.added', { kind: 'note', text: 'bad\u0000byte' })).toThrow(/NUL/);
    expect(() => inc.add(min(1), 'entry.added', { kind: 'note', text: 'from the future' }, min(60))).toThrow(/occurredAt: cannot be in the future/);
    expect(() => inc.add(min(1), 'entry.added', { kind: 'note', text: 'year 10000' }, Date.parse('+010000-01-01T00:00:00Z'))).toThrow(/occurredAt/);
    expect(inc.events).toHaveLength(0);
  });
});
