// Limits are answered, not cut: an over-limit body gets its 413 in the documented shape after the server has read
// it (up to a cap), so the client sees the answer and the connection stays usable; past the cap the answer comes
// at once and the connection closes. What node's parser or fastify refuse is answered in the same {error, message}
// shape; HEAD answers as GET does, without a body.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSyncServer, type SyncServer } from '../src/app';
import { DRAIN_CAP_BYTES } from '../src/errors';
import { newWorkspace, openBackend, type Backend, type Member } from './harness';

vi.setConfig({ testTimeout: 120_000 });
let backend: Backend;
let server: SyncServer;
let admin: Member;
let port: number;
let webDir: string;

beforeAll(async () => {
  webDir = mkdtempSync(join(tmpdir(), 'ic-web-'));
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Incident Console</title>');
  backend = await openBackend('pglite');
  server = await createSyncServer({ store: backend.store, webDir, rateLimitPerMinute: 1_000_000 });
  ({ admin } = await newWorkspace(server, backend.store));
  port = Number(new URL(await server.app.listen({ host: '127.0.0.1', port: 0 })).port);
});
afterAll(async () => {
  await server?.close();
  await backend?.dispose();
  rmSync(webDir, { recursive: true, force: true });
});

interface Answer { status: number; headers: IncomingHttpHeaders; body: string; reusedSocket: boolean; writeError?: string }

/** A POST whose body is streamed in 64 KB chunks as a real client sends it; never rejects (a reset is an answer too). */
function send(agent: Agent, path: string, size: number, options: { chunked?: boolean; declared?: number } = {}): Promise<Answer | { error: string }> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${admin.token}` };
    if (!options.chunked) headers['content-length'] = String(options.declared ?? size);
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', agent, headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += String(d)));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, reusedSocket: req.reusedSocket, ...(writeError ? { writeError } : {}) }));
    });
    let writeError: string | undefined;
    req.on('error', (e: Error & { code?: string }) => { writeError = e.code ?? e.message; resolve({ error: writeError }); });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const pump = () => {
      while (sent < size) {
        const n = Math.min(chunk.length, size - sent);
        sent += n;
        if (!req.write(chunk.subarray(0, n))) { req.once('drain', pump); return; }
      }
      req.end();
    };
    pump();
  });
}

describe('an over-limit body', () => {
  it('a 13 MB push gets the 413 in the documented shape, and the same connection serves the next request', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      for (const chunked of [false, true]) {
        const res = await send(agent, '/api/v1/sync/push', 13 * 1024 * 1024, { chunked });
        expect(res, `chunked ${chunked}`).toMatchObject({ status: 413 });
        const answer = res as Answer;
        expect(JSON.parse(answer.body)).toEqual({ error: 'body_too_large', message: "the request body is over this route's limit (12 MB); send less at a time" });
        expect(answer.headers.connection, `chunked ${chunked}`).not.toBe('close');
        const next = await send(agent, '/api/v1/invites', 2);
        expect(next).toMatchObject({ status: 400, reusedSocket: true }); // a body of two spaces: refused, but on the same socket
      }
      const small = await send(agent, '/api/v1/invites', 300 * 1024);
      expect(small).toMatchObject({ status: 413, body: JSON.stringify({ error: 'body_too_large', message: "the request body is over this route's limit (256 KB); send less at a time" }) });
    } finally { agent.destroy(); }
  });

  it('a declared length past the drain cap is answered at once, and that connection is closed', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const res = await send(agent, '/api/v1/sync/push', 1024, { declared: DRAIN_CAP_BYTES + 1 });
      // The client may still be writing when the server closes: the answer, or a reset after it, are both fine here.
      if ('status' in res) {
        expect(res.status).toBe(413);
        expect(res.headers.connection).toBe('close');
        expect(JSON.parse(res.body)).toMatchObject({ error: 'body_too_large' });
      }
    } finally { agent.destroy(); }
  });
});

/** Bytes straight onto a socket: what node's own HTTP parser refuses never reaches a route. */
function rawExchange(text: string): Promise<string> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1', () => s.write(text));
    let out = '';
    s.on('data', (d) => (out += String(d)));
    s.on('close', () => resolve(out));
    s.on('error', () => resolve(out));
  });
}

describe('errors of the framework and the HTTP parser', () => {
  it('use the documented {error, message} shape', async () => {
    const cases: Array<[string, string, string]> = [
      [`BREW /api/v1/healthz HTTP/1.1\r\nHost: x\r\n\r\n`, '400 Bad Request', 'malformed HTTP request: unknown method'],
      [`POST /api/v1/invites HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}`, '400 Bad Request', 'malformed HTTP request: conflicting Content-Length headers'],
      [`GET /api/v1/healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, '431 Request Header Fields Too Large', 'the request headers are too large (over 16 KB)'],
    ];
    for (const [request, status, message] of cases) {
      const answer = await rawExchange(request);
      expect(answer.split('\r\n')[0], request.slice(0, 40)).toBe(`HTTP/1.1 ${status}`);
      expect(JSON.parse(answer.split('\r\n\r\n')[1] ?? ''), request.slice(0, 40)).toEqual({ error: 'invalid_request', message });
    }
    // A range the static files cannot serve is a 4xx in our shape (it was a 500).
    const range = await fetch(`http://127.0.0.1:${port}/index.html`, { headers: { range: 'bytes=99999-' } });
    expect(range.status).toBe(416);
    expect(await range.json()).toEqual({ error: 'invalid_request', message: 'Range Not Satisfiable' });
  });
});

describe('HEAD', () => {
  it('answers as GET does, with the same status and type, and no body', async () => {
    for (const path of ['/', '/incidents/some-client-route', '/status', '/api/v2/summary.json', '/healthz', '/api/v1/sync/pull', '/api/v1/nope']) {
      const get = await fetch(`http://127.0.0.1:${port}${path}`);
      const head = await fetch(`http://127.0.0.1:${port}${path}`, { method: 'HEAD' });
      expect(head.status, path).toBe(get.status);
      expect(head.headers.get('content-type'), path).toBe(get.headers.get('content-type'));
      expect(await head.text(), path).toBe('');
    }
  });
});
