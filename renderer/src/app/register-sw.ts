// Registers the offline service worker in the browser build only (Electron loads from disk via app://).
import { platform } from '../platform';

export function registerServiceWorker(): void {
  if (platform.kind !== 'browser') return;
  if (!('serviceWorker' in navigator)) return;
  if (location.protocol !== 'http:' && location.protocol !== 'https:') return;
  if (import.meta.env.DEV) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('./sw.js', { scope: './' }).catch((error: unknown) => {
      console.warn('Offline support unavailable: service worker registration failed', error);
    });
  });
}
