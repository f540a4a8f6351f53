// Serves the built renderer (dist/web) on app://console/, refusing any path that escapes the web root.
import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-url';
import { CONTENT_SECURITY_POLICY } from './security';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
};

/** Must run before `app.ready`: app:// behaves like a secure, standard origin (fetch, ES modules, storage). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
  ]);
}

/**
 * Maps an app:// request URL to a file under `webRoot`, or null when the URL is foreign, malformed or
 * would escape the root (`..`, encoded separators, absolute paths, NUL bytes).
 */
export function resolveAppPath(webRoot: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const root = path.resolve(webRoot);
  // Backslashes count as separators everywhere, so `..\\` cannot slip past on POSIX and Windows alike.
  const relativeRequest = pathname.replace(/\\/g, '/').replace(/^\/+/, '');
  const target = path.resolve(root, relativeRequest);
  const fromRoot = path.relative(root, target);
  if (fromRoot.startsWith('..') || path.isAbsolute(fromRoot)) return null;
  // The root itself and client-side routes (no file extension) load the single-page app.
  if (fromRoot === '' || path.extname(fromRoot) === '') return path.join(root, 'index.html');
  return target;
}

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

function textResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

/** The request handler, separate from registration so it can be exercised directly. */
export function createAppRequestHandler(webRoot: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Method not allowed');
    const filePath = resolveAppPath(webRoot, request.url);
    if (filePath === null) return textResponse(403, 'Forbidden');
    let body: Buffer;
    try {
      body = await readFile(filePath);
    } catch {
      return textResponse(404, 'Not found');
    }
    const headers: Record<string, string> = {
      'content-type': contentTypeFor(filePath),
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
    };
    if (filePath.endsWith('.html')) headers['content-security-policy'] = CONTENT_SECURITY_POLICY;
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}

/** Registers the handler for app:// on the default session; call after `app.ready`. */
export function serveAppProtocol(webRoot: string): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(webRoot));
}
