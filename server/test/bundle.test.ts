// The server bundle `npm run server` runs (scripts/build-server.mjs): what it is made of, and when it counts as
// stale so scripts/server.mjs rebuilds it. Starting and serving from it is main.test.ts (spawnServer).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, serverBuildIsCurrent } from '../../scripts/build-server.mjs';

const base = mkdtempSync(path.join(tmpdir(), 'ic-server-bundle-'));
const outDir = path.join(base, 'server');

beforeAll(async () => {
  await buildServer(outDir);
}, 120_000);
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('server bundle', () => {
  it('is plain JavaScript for node: every package inside but PGlite, the engine worker beside it', () => {
    const files = readdirSync(outDir);
    expect(files).toContain('main.js');
    expect(files).toContain('pglite-worker.mjs');
    const code = files.filter((f) => f.endsWith('.js')).map((f) => readFileSync(path.join(outDir, f), 'utf8')).join('\n');
    // What the bundle still loads from node_modules or node itself: static imports (also across lines), re-exports,
    // side-effect imports and dynamic imports (not JSDoc's {import("x").Type}).
    const specifiers = [...code.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s*["']([^"']+)["']|^\s*import\s*["']([^"']+)["']|(?<![{\w.])import\(\s*["']([^"']+)["']\s*\)/gm)]
      .map((m) => m[1] ?? m[2] ?? m[3] ?? '');
    const bare = [...new Set(specifiers.filter((spec) => !spec.startsWith('.') && !spec.startsWith('/')))];
    expect(bare.length).toBeGreaterThan(3); // the scan sees the imports at all
    const unexpected = bare.filter((spec) => !spec.startsWith('node:') && !builtinModules.includes(spec) && !/^@electric-sql\/pglite(\/|$)/.test(spec));
    expect(unexpected).toEqual([]);
    expect(bare).toContain('@electric-sql/pglite/node-postgres');
    expect(readFileSync(path.join(outDir, 'pglite-worker.mjs'), 'utf8')).toMatch(/from ["']@electric-sql\/pglite["']/);
  });

  it('keeps main.js to what starts the engine: the query layer and the HTTP server are chunks it imports later', () => {
    const main = readFileSync(path.join(outDir, 'main.js'), 'utf8');
    expect(main).toContain('pglite-worker.mjs');
    expect(main).toMatch(/import\(["']\.\/connect-[\w-]+\.js["']\)/);
    expect(main).toMatch(/import\(["']\.\/app-[\w-]+\.js["']\)/);
    // Neither kysely nor fastify is evaluated before the engine's thread starts.
    const staticChunks = [...main.matchAll(/^import\s[^;]*?from\s*["']\.\/([^"']+)["']/gm)].map((m) => m[1] ?? '');
    expect(staticChunks.filter((c) => /^(connect|app|sql)-/.test(c))).toEqual([]);
    expect(main).not.toMatch(/class Kysely\b/);
  });

  it('is ASCII only (non-ASCII text escaped, comments left out), so node keeps its source one byte a character', () => {
    // V8 holds a script's source for as long as it runs; one non-ASCII character makes all of it two bytes a character
    // (the app chunk was 4.4 MB of the idle server's heap instead of 2.1 MB).
    for (const file of readdirSync(outDir).filter((f) => f.endsWith('.js'))) {
      const code = readFileSync(path.join(outDir, file), 'utf8');
      expect({ file, nonAscii: code.match(/[\u0080-\uffff]/g)?.length ?? 0 }).toEqual({ file, nonAscii: 0 });
    }
  });

  it('is current right after a build, stale once a source is newer, and missing is stale', () => {
    expect(serverBuildIsCurrent(outDir)).toBe(true);
    const entry = path.join(outDir, 'main.js');
    const past = new Date(Date.parse('2020-01-01T00:00:00Z'));
    utimesSync(entry, past, past); // as if built before today's sources
    expect(serverBuildIsCurrent(outDir)).toBe(false);
    rmSync(entry);
    expect(existsSync(entry)).toBe(false);
    expect(serverBuildIsCurrent(outDir)).toBe(false);
  });
});
