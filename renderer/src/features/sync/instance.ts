// The app's one sync service, over the app's database, the browser's fetch and WebSocket and window events.
import { db } from '../../db/instance';
import { onLocalWrite, onLocalWriting } from '../../db/local-changes';
import type { WebSocketLike } from '@shared/sync/http-transport';
import { SyncService } from './service';

// The DOM types its handlers as taking Event; the transport only assigns handlers that accept anything, so this is sound.
const browserWebSocket = (url: string): WebSocketLike => new WebSocket(url) as unknown as WebSocketLike;

export const syncService = new SyncService(db, {
  fetch: (url, init) => fetch(url, init),
  webSocket: browserWebSocket,
  onLocalWrite,
  onLocalWriting,
  events: window,
  page: { protocol: location.protocol, origin: location.origin },
});
