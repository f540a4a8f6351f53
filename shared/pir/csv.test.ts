import { describe, expect, it } from 'vitest';
import { csvField, timelineCsv } from './csv';
import { defaultPlan } from '../plan/default-plan';
import { pirFixture } from '../../test/fixtures/pir-incident';
import { min } from '../../test/fixtures/incident-builder';

/** A strict RFC 4180 reader, to check the writer's output round-trips. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; }
    else cell += c;
  }
  return rows;
}

describe('timeline CSV', () => {
  it('quotes per RFC 4180: commas, quotes and line breaks survive a round trip', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });

  it('neutralises spreadsheet formulas with a leading quote', () => {
    for (const bad of ['=HYPERLINK("http://x")', '+1+2', '-2+3', '@SUM(A1)', '\t=1']) expect(csvField(bad).replace(/^"/, '').startsWith("'")).toBe(true);
    expect(parseCsv(`${csvField('=1+1,2')}\r\n`)[0]).toEqual(["'=1+1,2"]);
  });

  it('one row per timeline entry with CRLF line ends; tricky text round-trips', () => {
    const inc = pirFixture();
    inc.add(min(90), 'entry.added', { kind: 'note', text: 'Customer said "checkout, again"\nsecond line' });
    inc.add(min(91), 'entry.added', { kind: 'evidence', text: '=cmd|\' /C calc\'!A0' });
    const csv = timelineCsv(inc.state(), defaultPlan);
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual(['Occurred at', 'Recorded at', 'Actor', 'Kind', 'Event type', 'Text', 'Starred', 'Retracted', 'Amended']);
    expect(rows).toHaveLength(inc.state().timeline.length + 1);
    expect(rows.every((r) => r.length === 9)).toBe(true);
    expect(rows.find((r) => r[5]?.startsWith('Customer'))?.[5]).toBe('Customer said "checkout, again"\nsecond line');
    expect(rows.find((r) => r[3] === 'evidence')?.[5]).toBe("'=cmd|' /C calc'!A0");
    expect(rows.find((r) => r[5] === 'Database host db-3 is down')?.[7]).toBe('yes: wrong host');
    expect(rows.find((r) => r[5] === 'Roll back release 4.2.1')?.slice(0, 1)).toEqual(['2026-03-02T10:22:00.000Z']);
  });
});
