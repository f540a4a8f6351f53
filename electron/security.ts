// Security guards: navigation and new windows denied, permissions denied by default, safe external links.
import { shell, type Session, type WebContents } from 'electron';
import { isAppUrl, safeExternalUrl } from './app-url';

/** The strict policy sent with every app:// document; no 'unsafe-eval', scripts only from the app itself. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // React and the charts set inline style attributes; no inline scripts are allowed.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "media-src 'self'",
  // The sync server URL is a user setting, so any http(s)/ws(s) origin may be the server.
  "connect-src 'self' http: https: ws: wss:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
  "worker-src 'self'",
].join('; ');

/** Opens a validated http(s) URL in the system browser; anything else is refused. */
export async function openExternalSafely(raw: unknown): Promise<boolean> {
  const url = safeExternalUrl(raw);
  if (url === null) return false;
  await shell.openExternal(url);
  return true;
}

/** Permissions the app's own pages may use; everything else (camera, geolocation, ...) is denied. */
const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export function isPermissionAllowed(permission: string, requestingUrl: string): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isAppUrl(requestingUrl);
}

/** Deny-by-default permission handlers for a session. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl ?? contents.getURL()));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin),
  );
  session.setDevicePermissionHandler(() => false);
}

/** Refuses to leave the app: navigation, redirects and new windows to foreign URLs are denied. */
const hardened = new WeakSet<WebContents>();

export function hardenWebContents(contents: WebContents): void {
  // Idempotent: the app-wide hook and the window factory may both call it; listeners must not double up.
  if (hardened.has(contents)) return;
  hardened.add(contents);
  const denyForeign = (event: { preventDefault(): void }, url: string): void => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    // A plain link to a web page is what the user meant to open: show it in the system browser.
    void openExternalSafely(url);
  };
  contents.on('will-navigate', (event, url) => denyForeign(event, url));
  // Sub-frames and redirects are never what the user clicked: refuse without opening anything.
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    void openExternalSafely(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
