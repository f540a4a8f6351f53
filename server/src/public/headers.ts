// Security headers (@fastify/helmet) for everything the server serves: the console's origin (its build and the
// API) and the public pages (/status, the acknowledge pages), which carry no script at all and allow only their
// own inline style, by hash. Every answer: nosniff, no framing, no referrer.
import { createHash } from 'node:crypto';
import type { FastifyHelmetOptions } from '@fastify/helmet';

type Helmet = Omit<FastifyHelmetOptions, 'global' | 'enableCSPNonces'>;

/** What every answer carries besides its CSP. HSTS is left to the TLS terminator in front (it knows the domain). */
const COMMON = {
  strictTransportSecurity: false,
  xFrameOptions: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
  xContentTypeOptions: true,
} satisfies Helmet;

/**
 * The console's origin: the same policy as the build's own meta tag (renderer/index.html), plus what a meta tag
 * cannot say (frame-ancestors). connect-src stays open because a console may be pointed at another server.
 */
export const consoleHeaders = {
  ...COMMON,
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      'default-src': ["'self'"], 'script-src': ["'self'"], 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:'],
      'connect-src': ["'self'", 'http:', 'https:', 'ws:', 'wss:'], 'object-src': ["'none'"], 'base-uri': ["'self'"],
      'form-action': ["'self'"], 'frame-ancestors': ["'none'"],
    },
  },
} satisfies Helmet;

/** The CSP source of one inline <style> element's exact text. */
export const styleHash = (css: string): string => `'sha256-${createHash('sha256').update(css).digest('base64')}'`;

/** A public page: no script, no connections, no plugins; only its own inline style; forms only where it says. */
export function publicPageHeaders(style: string, formAction: 'none' | 'self') {
  return {
    ...COMMON,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'none'"], 'style-src': [styleHash(style)], 'img-src': ['data:'], 'base-uri': ["'none'"],
        'form-action': [formAction === 'self' ? "'self'" : "'none'"], 'frame-ancestors': ["'none'"],
      },
    },
  } satisfies Helmet;
}
