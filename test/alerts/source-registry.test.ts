// The alert-source registry's promises: each source once, under a route segment a URL can carry, and docs/server.md's
// table of sources is the registry's (a source added without its line in the docs fails here, with the line to paste).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { intakePath } from '@shared/alerts/integration-protocol';
import { SOURCES } from '@shared/alerts/sources/registry';

const DOCS = new URL('../../docs/server.md', import.meta.url);

/** The table docs/server.md must hold between its intake-sources markers. */
function sourcesTable(): string {
  return [
    '| source | route | the sender\'s format | its shape taken from | token |',
    '|---|---|---|---|---|',
    ...SOURCES.map((s) => `| ${s.words} | \`POST ${intakePath(s.id)}\` | ${s.format} | ${s.reference} | \`Authorization: Bearer ici_…\`${s.tokenIn === 'path' ? `, or in the path: \`${intakePath(s.id, 'ici_…')}\`` : ''} |`),
  ].join('\n');
}

describe('alert-source registry', () => {
  it('names each source once, by a route segment', () => {
    expect(new Set(SOURCES.map((s) => s.id)).size).toBe(SOURCES.length);
    for (const s of SOURCES) expect(s.id).toMatch(/^[a-z0-9][a-z0-9-]*$/);
  });

  it('docs/server.md lists exactly the registered sources, with their routes', () => {
    const docs = readFileSync(DOCS, 'utf8');
    const table = /<!-- intake-sources -->\n([\s\S]*?)\n<!-- \/intake-sources -->/.exec(docs)?.[1];
    expect(table, `docs/server.md, "Alert intake", needs between <!-- intake-sources --> and <!-- /intake-sources -->:\n${sourcesTable()}`).toBe(sourcesTable());
  });
});
