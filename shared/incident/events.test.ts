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
