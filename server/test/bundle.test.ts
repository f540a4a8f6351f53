// The server bundle `npm run server` runs (scripts/build-server.mjs): what it is made of, and when it counts as
// stale so scripts/server.mjs rebuilds it. Starting and serving from it is main.test.ts (spawnServer).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync } from 'node:fs';
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
  it('is plain JavaScript for node: no TypeScript loader, the engine worker beside it, PGlite left a package', () => {
    const files = readdirSync(outDir);
    expect(files).toContain('main.js');
    expect(files).toContain('pglite-worker.mjs');
    const code = files.filter((f) => f.endsWith('.js')).map((f) => readFileSync(path.join(outDir, f), 'utf8')).join('\n');
    expect(code).toMatch(/import\(["']@electric-sql\/pglite\/node-postgres["']\)/);
    expect(readFileSync(path.join(outDir, 'pglite-worker.mjs'), 'utf8')).toMatch(/from ["']@electric-sql\/pglite["']/);
    // Packages other than PGlite are inside: the bundle needs no fastify, kysely or zod from node_modules.
    expect(code).not.toMatch(/^import [^\n]*from ["'](fastify|kysely|zod|pg|nodemailer)["']/m);
    expect(code).not.toMatch(/^import [^\n]*from ["']tsx/m);
  });

  it('keeps main.js to what starts the engine: the HTTP server and the query layer are chunks it imports later', () => {
    const main = readFileSync(path.join(outDir, 'main.js'), 'utf8');
    expect(main).toContain('pglite-worker.mjs');
    expect(main).not.toMatch(/function fastify\(/);
    expect(main).toMatch(/import\(["']\.\/app-[\w-]+\.js["']\)/);
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
