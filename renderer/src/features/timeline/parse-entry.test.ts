// Quick-entry prefixes and back-dated times as the scribe types them.
import { describe, expect, it } from 'vitest';
import { parseBackdate, parseEntry } from './parse-entry';

describe('parseEntry', () => {
  it('maps prefixes to kinds and strips them', () => {
    expect(parseEntry('d: roll back to v41')).toEqual({ kind: 'decision', text: 'roll back to v41' });
    expect(parseEntry('A: page the DBA')).toEqual({ kind: 'action', text: 'page the DBA' });
    expect(parseEntry('e: graph https://grafana.local/d/1')).toEqual({ kind: 'evidence', text: 'graph https://grafana.local/d/1', url: 'https://grafana.local/d/1' });
    expect(parseEntry('plain words')).toEqual({ kind: 'note', text: 'plain words' });
  });
  it('uses the selected kind unless a prefix says otherwise', () => {
    expect(parseEntry('fail over', 'decision')).toEqual({ kind: 'decision', text: 'fail over' });
    expect(parseEntry('a: restart', 'decision')).toEqual({ kind: 'action', text: 'restart' });
  });
  it('turns a bare URL into evidence, but not a URL inside a decision', () => {
    expect(parseEntry('https://status.example.com/incident/1')?.kind).toBe('evidence');
    expect(parseEntry('d: follow https://wiki.local/runbook')).toEqual({ kind: 'decision', text: 'follow https://wiki.local/runbook' });
  });
  it('ignores blank input and a prefix with nothing after it', () => {
    expect(parseEntry('   ')).toBeNull();
    expect(parseEntry('d:   ')).toBeNull();
  });
  it('does not treat words that merely start with a letter and colon-less text as prefixes', () => {
    expect(parseEntry('db: replica lag 40s')).toEqual({ kind: 'note', text: 'db: replica lag 40s' });
  });
});

describe('parseBackdate', () => {
  const now = new Date(2026, 2, 1, 14, 30).getTime();
  it('reads HH:MM as today, or yesterday when that would be in the future', () => {
    expect(parseBackdate('14:05', now)).toBe(new Date(2026, 2, 1, 14, 5).getTime());
    expect(parseBackdate('23:10', now)).toBe(new Date(2026, 1, 28, 23, 10).getTime());
  });
  it('reads a full date-time and rejects nonsense', () => {
    expect(parseBackdate('2026-03-01T09:00:00Z', now)).toBe(Date.parse('2026-03-01T09:00:00Z'));
    expect(parseBackdate('25:00', now)).toBeNull();
    expect(parseBackdate('soon', now)).toBeNull();
    expect(parseBackdate('', now)).toBeNull();
  });
});
